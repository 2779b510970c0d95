/**
 * `npm run test:reliability`: the long versions of the crash loop, the pledge-id races and the
 * tamper run, on the real service over HTTP on the embedded store, and the OpenAPI fuzzer with
 * 10,000 hostile requests; prints the figures and exits non-zero if any figure that must be 0 is
 * not. (`npm test` runs short versions, see reliability.e2e.spec.ts and
 * test/security/fuzz-openapi.e2e.spec.ts.) Sizes: RELIABILITY_KILLS (default 30),
 * RELIABILITY_RACES (200), RELIABILITY_FUZZ_CASES (10000).
 */
import { runCrashLoop } from './crash-loop';
import { runFuzz } from './fuzz-run';
import { runPledgeRaces } from './pledge-races';
import { runSeedResume } from './seed-resume';
import { runTamper } from './tamper-run';
import { tempDir } from '../support/temp-dir';

async function main(): Promise<void> {
  const kills = Number(process.env.RELIABILITY_KILLS ?? 30);
  const races = Number(process.env.RELIABILITY_RACES ?? 200);
  const fuzzCases = Number(process.env.RELIABILITY_FUZZ_CASES ?? 10_000);
  let failed = false;
  const report = (title: string, figures: object, mustBeZero: string[]) => {
    console.log(`\n${title}`);
    for (const [name, value] of Object.entries(figures)) {
      const bad = mustBeZero.includes(name) && value !== 0;
      failed ||= bad;
      console.log(`  ${name.padEnd(36)} ${Array.isArray(value) ? JSON.stringify(value) : value}${bad ? '   <-- must be 0' : ''}`);
    }
  };
  const run = async <T extends object>(title: string, work: (dir: string) => Promise<T>, mustBeZero: string[]) => {
    const { dir, cleanup } = tempDir('reliability');
    const started = Date.now();
    try {
      const figures = await work(dir);
      report(`${title} (${((Date.now() - started) / 1000).toFixed(0)} s)`, figures, mustBeZero);
    } finally {
      cleanup();
    }
  };
  await run(`Crash loop: ${kills} SIGKILLs under concurrent writes`, (dir) => runCrashLoop(dir, { kills, clients: 8 }), [
    'acknowledgedWritesLost', 'duplicates', 'retriesOfAppliedWritesAnswered412', 'failedRestarts', 'halfRecordedMinutes', 'serverErrors', 'attentionAfterwards',
  ]);
  await run(`Pledge-id races: ${races}`, (dir) => runPledgeRaces(dir, races), ['brokenRecords', 'loserWroteSomething', 'failedRestarts', 'attentionAfterRestart']);
  await run('Tamper run: the newest entry edited while the service was down', (dir) => runTamper(dir), ['undetected']);
  await run('Seeding: a SIGKILL during the first load, then a start', (dir) => runSeedResume(dir), ['brokenMinutes']);
  await run(`Fuzz: ${fuzzCases} hostile requests over every route of the OpenAPI document`, async (dir) => {
    const { examples, ...figures } = await runFuzz(dir, fuzzCases);
    for (const example of examples) console.log(`  ${example}`);
    return figures;
  }, ['serverErrors', 'refusedButWrote', 'hung', 'malformedErrors', 'routesNeverReached', 'fuzzSpecExitCode']);
  console.log(failed ? '\nFAILED' : '\nOK');
  process.exitCode = failed ? 1 : 0;
}

void main();
