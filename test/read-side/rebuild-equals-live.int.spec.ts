import fc from 'fast-check';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { EmbeddedEventStore } from '@concordat/event-store';
import { ProjectionHost, rebuildFileFor, rebuildOffline } from '@concordat/read-models';
import { tempDir } from '../support/temp-dir';
import { allAnswers, asOfOf, knownAtOf, sampleArb } from './support/bitemporal-samples';
import { LedgerWriter } from './support/ledger-writer';
import { stepArb } from './support/random-history';
import { withLiveProjection } from './support/live-projection';
import { dumpReadModels } from './support/table-dump';

const TODAY = '2025-06-01';

describe('rebuild ≡ live (property): read models rebuilt from position 0 answer byte for byte like the live ones', () => {
  it('holds after random histories, at random asOf/knownAt, and the files hold the same rows', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 15, maxLength: 60, size: 'large' }), fc.array(sampleArb, { minLength: 2, maxLength: 4 }), async (steps, samples) => {
        // Given live read models projected while the history was written
        await withLiveProjection('rebuild', steps, 7, async ({ store, host, run, events, dir, file }) => {
          const answer = () => samples.map((s) => allAnswers(host.source(asOfOf(s, events) ?? TODAY, knownAtOf(s, events)), s.filters, run));
          const live = answer();
          const liveRows = dumpReadModels(file);

          // When they are rebuilt beside the live ones and swapped in
          const result = await host.rebuild();

          // Then every answer, and every row, is the same; the side file is gone
          expect(result).toMatchObject({ status: 'completed', position: (await store.headPosition()).toString(), eventsProjected: events.length });
          expect(answer()).toEqual(live);
          expect(dumpReadModels(file)).toEqual(liveRows);
          expect(existsSync(rebuildFileFor(file))).toBe(false);
          // and so does the command-line rebuild (a file built whole, its read indexes made at the end)
          const offline = join(dir, 'offline.sqlite');
          await rebuildOffline(store, offline);
          expect(dumpReadModels(offline)).toEqual(liveRows);
        });
      }),
      { numRuns: 10 },
    );
  }, 120_000);

  it('keeps answering from the live models during a rebuild, and catches up with writes made meanwhile', async () => {
    const { dir, cleanup } = tempDir('rebuild-live');
    const store = new EmbeddedEventStore({ file: join(dir, 'events.sqlite') });
    const host = new ProjectionHost(store, join(dir, 'read-models.sqlite'));
    try {
      host.start();
      const writer = new LedgerWriter(store);
      const theme = (id: string) => writer.execute('theme', id, { type: 'DefineTheme', data: { id, name: id, definition: 'one line' } });
      for (let i = 0; i < 200; i++) await theme(`theme-${i}`);
      await host.waitFor(await store.headPosition(), 5000);
      const rebuilding = host.rebuild();
      expect(host.status().rebuilding).toBe(true);
      expect(host.source(TODAY).themes()).toHaveLength(200); // the live models answer while the new ones are built
      await theme('theme-written-during-rebuild');
      await rebuilding;
      await host.waitFor(await store.headPosition(), 5000);
      expect(host.source(TODAY).themes()).toHaveLength(201);
      expect(host.status()).toMatchObject({ state: 'live', rebuilding: false, checkpoint: { eventsProjected: 201 } });
    } finally {
      await host.stop();
      await store.close();
      cleanup();
    }
  });
});
