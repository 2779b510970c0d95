import { join } from 'node:path';
import { REPO_ROOT } from '../support/child-process';
import { LedgerService } from './support/ledger-service';
import { brokenMinutes, readLog } from './support/workload';

export interface SeedResumeFigures {
  eventsAtTheCrash: number;
  completedMarks: number;
  /** From the completion mark: every seed operation was applied, before the crash or after it. */
  operations: number;
  writtenAfterTheCrash: number;
  alreadyThereBeforeIt: number;
  brokenMinutes: number;
}

const seeded = { SEED_ON_EMPTY: 'true', SEEDS_DIR: join(REPO_ROOT, 'seeds') };

/** A SIGKILL during the first seed load (right after its first pledge stream), then an ordinary start: the load completes. */
export async function runSeedResume(dataDir: string): Promise<SeedResumeFigures> {
  const crashing = new LedgerService(dataDir, { ...seeded, CRASH_AFTER_APPEND_TO: 'pledge-' });
  await crashing.start().then(
    () => Promise.reject(new Error('the service was meant to die while seeding')),
    () => undefined,
  );
  const atCrash = (await readLog(dataDir)).length;
  const resumed = new LedgerService(dataDir, seeded);
  await resumed.start();
  await resumed.stop();
  const log = await readLog(dataDir);
  const marks = log.filter((e) => e.type === 'SeedLoadCompleted');
  const data = (marks[0]?.data ?? {}) as { operations?: number; written?: number; alreadyLoaded?: number };
  return {
    eventsAtTheCrash: atCrash,
    completedMarks: marks.length,
    operations: data.operations ?? 0,
    writtenAfterTheCrash: data.written ?? 0,
    alreadyThereBeforeIt: data.alreadyLoaded ?? 0,
    brokenMinutes: brokenMinutes(log).length,
  };
}
