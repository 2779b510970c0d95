/**
 * `npm run bench`: runs every bench in its own child process (so that one bench's heap, files or
 * JIT state do not colour another's figures), prints each table, then one PASS/FAIL line per
 * target, and exits non-zero if a target fails or a bench crashes.
 *
 *   npm run bench                      all benches
 *   npm run bench -- memory group      only the benches whose name contains one of the words
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BenchResult, REPO_ROOT, formatTarget, nowNs, printResult, secondsSince, targetPasses, tempDir } from './support';

const BENCHES = [
  { name: 'append-vs-bare', file: 'append-vs-bare.bench.ts' },
  { name: 'group-commit', file: 'group-commit.bench.ts' },
  { name: 'memory', file: 'memory.bench.ts' },
  { name: 'reads', file: 'reads.bench.ts' },
];

function runBench(file: string): BenchResult | { crashed: string } {
  const tmp = tempDir('result');
  const resultFile = join(tmp.dir, 'result.json');
  try {
    const child = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', join(__dirname, file)], {
      cwd: REPO_ROOT, // `--import tsx` resolves from the working directory
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, BENCH_RESULT_FILE: resultFile },
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
  const filters = process.argv.slice(2);
  const selected = BENCHES.filter((b) => filters.length === 0 || filters.some((f) => b.name.includes(f)));
  if (selected.length === 0) {
    process.stderr.write(`No bench matches ${filters.join(', ')}; benches: ${BENCHES.map((b) => b.name).join(', ')}\n`);
    process.exit(2);
  }
  process.stdout.write(
    `Concordat benchmarks — node ${process.version}, ${cpus().length} CPU(s) (${cpus()[0]?.model ?? 'unknown'}), temp dir ${tmpdir()}\n`,
  );
  const start = nowNs();
  const lines: string[] = [];
  let failed = false;
  for (const bench of selected) {
    process.stderr.write(`\n[${bench.name}] running…\n`);
    const benchStart = nowNs();
    const result = runBench(bench.file);
    process.stderr.write(`[${bench.name}] done in ${secondsSince(benchStart).toFixed(1)} s\n`);
    if ('crashed' in result) {
      failed = true;
      lines.push(`FAIL  ${bench.name.padEnd(36)} the bench crashed (${result.crashed})`);
      continue;
    }
    printResult(result);
    for (const target of result.targets) {
      if (!targetPasses(target)) failed = true;
      lines.push(formatTarget(target));
    }
  }
  process.stdout.write(`\n== Summary (${secondsSince(start).toFixed(0)} s) ==\n${lines.join('\n')}\n`);
  process.stdout.write(failed ? 'RESULT: FAIL — at least one target missed\n' : 'RESULT: PASS — all targets met\n');
  process.exitCode = failed ? 1 : 0;
}

main();
