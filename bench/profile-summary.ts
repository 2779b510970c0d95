/**
 * What a CPU profile (`node --cpu-prof`, e.g. `npm run bench -- --cpu-prof http`) spends its time
 * on: self time per function and per package/folder, the idle and GC shares, top first.
 *
 *   npx tsx bench/profile-summary.ts bench/results/profiles/<file>.cpuprofile [top=25]
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { REPO_ROOT, fmt, formatTable } from './support';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** `node_modules/<pkg>` or the repository folder two levels deep (libs/event-store, apps/ledger-api). */
function placeOf(url: string): string {
  if (!url) return '(native / V8)';
  const path = url.replace(/^file:\/\//, '');
  const nm = path.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = path.slice(nm + 'node_modules/'.length).split('/');
    return `npm:${rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]}`;
  }
  if (path.startsWith('node:')) return 'node core';
  const rel = relative(REPO_ROOT, path);
  return rel.startsWith('..') ? path : rel.split('/').slice(0, 2).join('/');
}

function summarise(file: string, top: number): string {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const byFunction = new Map<string, number>();
  const byPlace = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const where = url ? `${relative(REPO_ROOT, url.replace(/^file:\/\//, ''))}:${lineNumber + 1}` : '';
    const key = `${functionName || '(anonymous)'} ${where}`.trim();
    byFunction.set(key, (byFunction.get(key) ?? 0) + us);
    const place = ['(idle)', '(garbage collector)', '(program)'].includes(functionName) ? functionName : placeOf(url);
    byPlace.set(place, (byPlace.get(place) ?? 0) + us);
  }
  const rows = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, us]) => [k.slice(0, 110), `${fmt(us / 1000, 0)} ms`, `${fmt((100 * us) / total, 1)} %`]);
  return [
    `${file}: ${fmt(total / 1e6, 1)} s sampled`,
    formatTable(['self time by package / folder', 'ms', 'share'], rows(byPlace)),
    '',
    formatTable(['self time by function', 'ms', 'share'], rows(byFunction)),
  ].join('\n');
}

const [file, top] = process.argv.slice(2);
if (!file) {
  process.stderr.write('Usage: npx tsx bench/profile-summary.ts <file.cpuprofile> [top=25]\n');
  process.exit(2);
}
process.stdout.write(`${summarise(file, Number(top ?? 25))}\n`);
