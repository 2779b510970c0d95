import { join } from 'node:path';
import { planSeeds } from '../../apps/ledger-api/src/seeding/seed-plan';
import { SeedLoader, validateSeedOperation } from '../../apps/ledger-api/src/seeding/seed-loader.service';
import { REPO_ROOT } from '../support/child-process';
import { startTestApp } from '../support/test-app';
import { ledgerEvents } from '../clerk/clerk-fixtures';

const SEEDS = join(REPO_ROOT, 'seeds');

describe('seeds/ through the clerk API', () => {
  const operations = planSeeds(SEEDS);

  it('plans every record of every seed file, reference data first and status changes by effective date', () => {
    expect(operations.length).toBeGreaterThan(150);
    const kinds = operations.map((o) => o.kind);
    expect(kinds.lastIndexOf('forum')).toBeLessThan(kinds.indexOf('meeting'));
    expect(kinds.lastIndexOf('pledge')).toBeLessThan(kinds.indexOf('status-change'));
    expect(new Set(operations.map((o) => o.idempotencyKey)).size).toBe(operations.length);
  });

  it("passes the API's own DTO validation, entry by entry", async () => {
    const problems = (await Promise.all(operations.map(validateSeedOperation))).flat();
    expect(problems).toEqual([]);
  });

  it('loads through the commands, and loading twice changes nothing', async () => {
    const t = await startTestApp({ SEEDS_DIR: SEEDS });
    try {
      const first = await t.app.get(SeedLoader).load();
      expect(first).toEqual({ operations: operations.length, written: operations.length, alreadyLoaded: 0 });
      const events = await ledgerEvents(t.app);
      expect(events.filter((e) => e.type === 'MinutesRecorded').length).toBe(operations.filter((o) => o.kind === 'meeting').length);
      expect(events.every((e) => e.metadata.recordedBy === 'seed-loader')).toBe(true);
      const second = await t.app.get(SeedLoader).load();
      expect(second).toEqual({ operations: operations.length, written: 0, alreadyLoaded: operations.length });
      expect(await ledgerEvents(t.app)).toEqual(events);
    } finally {
      await t.close();
    }
  });

  it('is loaded once, and said so, when the service starts on an empty embedded store', async () => {
    const t = await startTestApp({ SEEDS_DIR: SEEDS, SEED_ON_EMPTY: 'true' });
    try {
      const events = await ledgerEvents(t.app);
      expect(events.filter((e) => e.type === 'AdministrationRegistered').length).toBe(operations.filter((o) => o.kind === 'administration').length);
    } finally {
      await t.close();
    }
  });
});
