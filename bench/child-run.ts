/**
 * Runs one timed step of a bench in a fresh Node process, so that its peak RSS is its own
 * (`process.resourceUsage().maxRSS`) and no JIT or heap state carries over from the other side.
 * The step writes { seconds, count, maxRssMb, ... } to the result file named in its argv.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, childNodeFlags, tempDir } from './support';

export interface StepResult {
  seconds: number;
  count: number;
  maxRssMb: number;
  detail?: string;
}

/** Starts `file --child <step> ...args` and returns what the step wrote. */
export function runStep(file: string, step: string, args: string[]): StepResult {
  const tmp = tempDir('step');
  const out = join(tmp.dir, 'step.json');
  try {
    const child = spawnSync(process.execPath, ['--expose-gc', ...childNodeFlags(step), '--import', 'tsx', file, '--child', step, out, ...args], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, BENCH_RESULT_FILE: '' },
    });
    if (child.status !== 0) throw new Error(`step ${step} exited with ${child.status ?? child.signal}`);
    return JSON.parse(readFileSync(out, 'utf8')) as StepResult;
  } finally {
    tmp.cleanup();
  }
}

/** In the child: `--child <step> <out> ...args` → runs steps[step](args) and writes its result. */
export function childStep(steps: Record<string, (args: string[]) => Promise<Omit<StepResult, 'maxRssMb'>>>): boolean {
  const at = process.argv.indexOf('--child');
  if (at < 0) return false;
  const [step, out, ...args] = process.argv.slice(at + 1);
  steps[step](args).then(
    (result) => {
      writeFileSync(out, JSON.stringify({ ...result, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
  return true;
}
