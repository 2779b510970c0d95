/**
 * `npm run bench`: runs every scenario in its own child process (so that one scenario's heap,
 * files or JIT state do not colour another's figures), prints each scenario's table, then one
 * table of every figure beside its baseline and target, writes it to bench/results/latest.json,
 * and exits non-zero if a target is missed or a scenario crashes.
 *
 *   npm run bench                      every scenario, full size (< 15 min on 2 cores)
 *   npm run bench -- --quick           every scenario at a tenth of the size (< 3 min), same JSON
 *   npm run bench -- http peer         only the scenarios whose name contains one of the words
 *   npm run bench -- --cpu-prof http   also write CPU profiles (bench/results/profiles/) of each
 *                                      scenario process and of the app servers it starts
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type BenchResult, REPO_ROOT, allTargets, formatTarget, nowNs, printResult, secondsSince, targetPasses, tempDir } from './support';
import { figuresOf, formatFigureTable, markdownFigureTable, verdictOf } from './results-table';

/** The suite: one line per scenario; `npm run bench -- <name>` selects by name. */
const SCENARIOS = [
  { name: 'append', file: 'append-vs-bare.bench.ts' },
  { name: 'group-commit', file: 'group-commit.bench.ts' },
  { name: 'memory', file: 'memory.bench.ts' },
  { name: 'reads', file: 'reads.bench.ts' },
  { name: 'peer', file: 'peer-emmett.bench.ts' },
  { name: 'http', file: 'http-writes.bench.ts' },
  { name: 'rebuild', file: 'rebuild.bench.ts' },
  { name: 'verify', file: 'verify-export.bench.ts' },
  { name: 'hostile', file: 'hostile-payloads.bench.ts' },
];

const RESULTS_DIR = join(__dirname, 'results');

function runScenario(file: string, env: Record<string, string>, nodeFlags: string[]): BenchResult | { crashed: string } {
  const tmp = tempDir('result');
  const resultFile = join(tmp.dir, 'result.json');
  try {
    const child = spawnSync(process.execPath, ['--expose-gc', ...nodeFlags, '--import', 'tsx', join(__dirname, file)], {
      cwd: REPO_ROOT, // `--import tsx` resolves from the working directory
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, ...env, BENCH_RESULT_FILE: resultFile },
    });
    if (!existsSync(resultFile)) {
      return { crashed: child.error ? child.error.message : `exit code ${child.status ?? child.signal}` };
    }
    return JSON.parse(readFileSync(resultFile, 'utf8')) as BenchResult;
  } finally {
    tmp.cleanup();
  }
}

function main(): void {
  const { values, positionals } = parseArgs({
    options: { quick: { type: 'boolean', default: false }, 'cpu-prof': { type: 'boolean', default: false } },
    allowPositionals: true,
  });
  const selected = SCENARIOS.filter((s) => positionals.length === 0 || positionals.some((word) => s.name.includes(word)));
  if (selected.length === 0) {
    process.stderr.write(`No scenario matches ${positionals.join(', ')}; scenarios: ${SCENARIOS.map((s) => s.name).join(', ')}\n`);
    process.exit(2);
  }
  const mode = values.quick ? 'quick' : 'full';
  const env: Record<string, string> = { BENCH_QUICK: values.quick ? '1' : '0' };
  const nodeFlags: string[] = [];
  if (values['cpu-prof']) {
    const dir = join(RESULTS_DIR, 'profiles');
    mkdirSync(dir, { recursive: true });
    env.BENCH_CPU_PROF_DIR = dir;
    nodeFlags.push('--cpu-prof', '--cpu-prof-dir', dir);
  }
  const machine = `node ${process.version}, ${cpus().length} CPU(s) (${cpus()[0]?.model ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GB, temp dir ${tmpdir()}`;
  process.stdout.write(`Concordat benchmarks (${mode}) — ${machine}\n`);
  const start = nowNs();
  const lines: string[] = [];
  const results: BenchResult[] = [];
  const crashed: string[] = [];
  for (const scenario of selected) {
    process.stderr.write(`\n[${scenario.name}] running…\n`);
    const scenarioStart = nowNs();
    const result = runScenario(scenario.file, env, nodeFlags);
    process.stderr.write(`[${scenario.name}] done in ${secondsSince(scenarioStart).toFixed(1)} s\n`);
    if ('crashed' in result) {
      crashed.push(scenario.name);
      lines.push(`FAIL  ${scenario.name.padEnd(36)} the scenario crashed (${result.crashed})`);
      continue;
    }
    results.push(result);
    printResult(result);
    for (const target of allTargets(result)) lines.push(formatTarget(target));
  }
  const seconds = secondsSince(start);
  const figures = results.flatMap(figuresOf);
  const missed = results.flatMap(allTargets).filter((t) => !targetPasses(t));
  process.stdout.write(`\n== All figures beside their baselines (${mode} run, ${seconds.toFixed(0)} s) ==\n${formatFigureTable(figures)}\n`);
  process.stdout.write(`\n== Targets ==\n${lines.join('\n')}\n`);
  mkdirSync(RESULTS_DIR, { recursive: true });
  const json = {
    mode,
    at: new Date().toISOString(),
    machine,
    seconds: Math.round(seconds),
    scenarios: selected.map((s) => s.name),
    crashed,
    figures: figures.map((f) => ({ ...f, verdict: verdictOf(f) })),
    notes: Object.fromEntries(results.map((r) => [r.bench, r.notes])),
  };
  writeFileSync(join(RESULTS_DIR, 'latest.json'), `${JSON.stringify(json, null, 2)}\n`);
  writeFileSync(join(RESULTS_DIR, 'latest.md'), `${mode} run, ${json.at}, ${Math.round(seconds)} s — ${machine}\n\n${markdownFigureTable(figures)}\n`);
  process.stdout.write(`\nwrote bench/results/latest.json and latest.md (${figures.length} figures)\n`);
  const failed = missed.length > 0 || crashed.length > 0;
  process.stdout.write(
    failed
      ? `RESULT: MISS — ${missed.length} target(s) missed${crashed.length ? `, ${crashed.length} scenario(s) crashed` : ''}: ${[...missed.map((t) => t.id), ...crashed].join(', ')}\n`
      : 'RESULT: PASS — all targets met\n',
  );
  process.exitCode = failed ? 1 : 0;
}

main();
