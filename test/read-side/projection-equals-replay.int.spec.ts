import fc from 'fast-check';
import { join } from 'node:path';
import { EmbeddedEventStore } from '@concordat/event-store';
import { MemorySource, ProjectionHost, viewAt } from '@concordat/read-models';
import { tempDir } from '../support/temp-dir';
import { allAnswers, asOfOf, knownAtOf, sampleArb } from './support/bitemporal-samples';
import { LedgerWriter } from './support/ledger-writer';
import { HistoryRun, stepArb } from './support/random-history';

const TODAY = '2025-06-01';

describe('projection ≡ naive replay (property): every answer from the read models equals viewAt over the filtered log', () => {
  const seen = new Map<string, number>();

  it('holds for random histories with retroactive status changes, corrections and retractions, at random asOf/knownAt', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(stepArb, { minLength: 15, maxLength: 60, size: 'large' }),
        fc.nat({ max: 60 }),
        fc.integer({ min: 1, max: 25 }),
        fc.array(sampleArb, { minLength: 3, maxLength: 6 }),
        async (steps, startRunnerAt, batchSize, samples) => {
          const { dir, cleanup } = tempDir('property');
          const clock = { ms: Date.parse('2024-01-01T00:00:00Z') };
          const store = new EmbeddedEventStore({ file: join(dir, 'events.sqlite'), clock: () => new Date(clock.ms) });
          const host = new ProjectionHost(store, join(dir, 'read-models.sqlite'), { batchSize });
          try {
            // Given a history written through the deciders, the runner projecting live or catching up.
            const run = new HistoryRun(new LedgerWriter(store), clock);
            for (let i = 0; i < steps.length; i++) {
              if (i === startRunnerAt) host.start();
              await run.run(steps[i]);
            }
            host.start();
            expect(await host.waitFor(await store.headPosition(), 10_000)).toBe(true);
            const events = await store.readAll();
            for (const e of events) seen.set(e.type, (seen.get(e.type) ?? 0) + 1);

            // When both answer the same questions, then every answer is the same, byte for byte.
            for (const sample of samples) {
              const knownAt = knownAtOf(sample, events);
              const asOf = asOfOf(sample, events);
              const naive = allAnswers(new MemorySource(viewAt(events, { asOf, knownAt, today: TODAY })), sample.filters, run);
              const projected = allAnswers(host.source(asOf ?? TODAY, knownAt), sample.filters, run);
              for (const key of Object.keys(naive)) {
                if (projected[key] !== naive[key]) expect({ key, asOf, knownAt, answer: projected[key] }).toEqual({ key, asOf, knownAt, answer: naive[key] });
              }
            }
          } finally {
            await host.stop();
            await store.close();
            cleanup();
          }
        },
      ),
      { numRuns: 30 },
    );
  }, 120_000);

  it('was not vacuous: the histories exercised status changes, corrections and retractions of every kind', () => {
    for (const type of ['MinutesRecorded', 'PledgeMade', 'PledgeStatusChanged', 'PledgeEntryCorrected', 'PledgeEntryRetracted', 'PledgeRetracted', 'MeetingCorrected', 'MeetingRetracted', 'PledgeMoneyFactRecorded', 'AdministrationRegistered']) {
      expect({ type, seen: (seen.get(type) ?? 0) > 0 }).toEqual({ type, seen: true });
    }
  });
});
