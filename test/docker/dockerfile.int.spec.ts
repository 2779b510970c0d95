import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * No Docker engine runs here, so the image's build stage is replayed without one: a fresh
 * directory gets exactly what the Dockerfile's COPY lines put into /app (node_modules linked in
 * place of `npm ci`), the stage's `npm run build` and `RUN test` lines run there, and then every
 * path the runtime stage copies from the build stage or the context, and the file its CMD runs,
 * must exist. The built API is started once to show the entry point loads.
 */
const root = resolve(__dirname, '../..');
const dockerfile = readFileSync(join(root, 'docker/Dockerfile'), 'utf8');

interface Stage { name: string; from: string; lines: string[] }

function stages(text: string): Stage[] {
  const joined = text.replace(/\\\n/g, ' ').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const out: Stage[] = [];
  for (const line of joined) {
    const from = /^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/i.exec(line);
    if (from) out.push({ from: from[1], name: from[2] ?? '', lines: [] });
    else out[out.length - 1]?.lines.push(line);
  }
  return out;
}

const all = stages(dockerfile);
const byName = (name: string) => all.find((s) => s.name === name)!;
/** A stage's instructions including those of the stages it is built FROM. */
function lineage(stage: Stage): string[] {
  const parent = all.find((s) => s.name === stage.from);
  return [...(parent ? lineage(parent) : []), ...stage.lines];
}
const copies = (lines: string[]) =>
  lines.filter((l) => /^COPY\s/i.test(l)).map((l) => {
    const parts = l.split(/\s+/).slice(1);
    const from = parts.find((p) => p.startsWith('--from='))?.slice('--from='.length);
    const args = parts.filter((p) => !p.startsWith('--'));
    return { from, sources: args.slice(0, -1), dest: args[args.length - 1] };
  });

describe('docker/Dockerfile (build stage replayed without Docker)', () => {
  const ctx = join(root, '.tmp', `dockerfile-check-${process.pid}`);
  afterAll(() => rmSync(ctx, { recursive: true, force: true }));

  it('builds what the runtime stage copies and runs', () => {
    const build = byName('build');
    const runtime = byName('runtime');
    expect(build).toBeDefined();
    expect(runtime).toBeDefined();

    rmSync(ctx, { recursive: true, force: true });
    mkdirSync(ctx, { recursive: true });
    const buildLines = lineage(build);
    for (const copy of copies(buildLines)) {
      expect(copy.from).toBeUndefined();
      for (const source of copy.sources) {
        expect(existsSync(join(root, source))).toBe(true);
        const target = copy.dest.endsWith('/') || copy.sources.length > 1 ? join(ctx, copy.dest, source) : join(ctx, copy.dest);
        cpSync(join(root, source), target, { recursive: true });
      }
    }
    expect(buildLines).toContain('RUN npm ci');
    symlinkSync(join(root, 'node_modules'), join(ctx, 'node_modules'), 'dir');

    const runs = buildLines.filter((l) => /^RUN\s/i.test(l) && !/apt-get|npm ci/.test(l)).map((l) => l.replace(/^RUN\s+/i, ''));
    expect(runs[0]).toBe('npm run build');
    for (const command of runs) {
      const result = spawnSync('sh', ['-c', command], { cwd: ctx, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
      if (result.status !== 0) throw new Error(`RUN ${command} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
    }

    for (const copy of copies(runtime.lines)) {
      for (const source of copy.sources) {
        if (copy.from === 'build') expect(existsSync(join(ctx, source.replace(/^\/app\//, '')))).toBe(true);
        else if (!copy.from) expect(existsSync(join(root, source))).toBe(true);
      }
    }
    const cmd = runtime.lines.find((l) => /^CMD\s/i.test(l))!;
    const [node, entry] = JSON.parse(cmd.replace(/^CMD\s+/i, '')) as string[];
    expect(node).toBe('node');
    expect(existsSync(join(ctx, entry))).toBe(true);
    expect(entry).toBe(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts.start.replace(/^node\s+/, ''));

    // The entry point loads its modules (path aliases rewritten): a wrong EVENT_STORE stops it with its message.
    const started = spawnSync('node', [entry], { cwd: ctx, encoding: 'utf8', timeout: 60000, env: { ...process.env, EVENT_STORE: 'no-such-store', LOG_LEVEL: 'silent', DATA_DIR: join(ctx, 'data') } });
    expect(started.status).toBe(1);
    expect(`${started.stdout}${started.stderr}`).toContain('EVENT_STORE');
  }, 300_000);
});
