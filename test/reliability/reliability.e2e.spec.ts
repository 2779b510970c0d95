import { tempDir } from '../support/temp-dir';
import { runCrashLoop } from './crash-loop';
import { runPledgeRaces } from './pledge-races';
import { runSeedResume } from './seed-resume';
import { runCorruptEvent, runTamper } from './tamper-run';

/**
 * Short versions of `npm run test:reliability` (test/reliability/run.ts): the real service as a
 * child process over HTTP on the embedded store, killed and restarted for real.
 */
describe('reliability, short: crashes, races and tampering on the real service', () => {
  const dirs: Array<() => void> = [];
  const dir = () => {
    const t = tempDir('reliability');
    dirs.push(t.cleanup);
    return t.dir;
  };
  afterAll(() => dirs.forEach((cleanup) => cleanup()));

  it('a crash loop of SIGKILLs under concurrent writes and retries loses nothing, duplicates nothing, answers no applied retry with 412, and always restarts', async () => {
    const figures = await runCrashLoop(dir(), { kills: 3, clients: 4, killEveryMs: [400, 900] });
    expect(figures).toMatchObject({
      kills: 3, acknowledgedWritesLost: 0, duplicates: 0, retriesOfAppliedWritesAnswered412: 0, failedRestarts: 0, halfRecordedMinutes: 0, serverErrors: 0, attentionAfterwards: 0,
    });
    expect(figures.writesAcknowledged).toBeGreaterThan(0);
  }, 300_000);

  it('pledge-id races over HTTP: one winner each, no broken record, and the service restarts', async () => {
    const figures = await runPledgeRaces(dir(), 5);
    expect(figures).toMatchObject({ races: 5, oneWinnerOneConflict: 5, brokenRecords: 0, loserWroteSomething: 0, failedRestarts: 0, attentionAfterRestart: 0 });
  }, 300_000);

  it('an edit of the newest entry while the service was down is caught after the restart', async () => {
    const figures = await runTamper(dir());
    expect(figures).toMatchObject({ detected: true, sealedBeforeTheEdit: figures.entriesWritten });
  }, 300_000);

  it('a corrupt stored event is named at start-up (stream, revision, position, verify), and the service does not serve', async () => {
    const { refusedToStart, message } = await runCorruptEvent(dir());
    expect(refusedToStart).toBe(true);
    expect(message).toMatch(/stream meeting-corrupt-0, revision 0\) is corrupt/);
    expect(message).toMatch(/position \d+/);
    expect(message).toContain('concordat verify');
  }, 300_000);

  it('a crash during the first seed load is completed by the next start', async () => {
    const figures = await runSeedResume(dir());
    expect(figures.eventsAtTheCrash).toBeGreaterThan(0);
    expect(figures.alreadyThereBeforeIt).toBeGreaterThan(0);
    expect(figures).toMatchObject({ completedMarks: 1, brokenMinutes: 0, writtenAfterTheCrash: figures.operations - figures.alreadyThereBeforeIt });
  }, 300_000);
});
