import { join } from 'node:path';
import { EmbeddedEventStore } from '@concordat/event-store';
import { ProjectionHost, answerReport, entityKeyOf, runReport, viewAt } from '@concordat/read-models';
import { linesUntil, runTs, waitForExit } from '../support/child-process';
import { tempDir } from '../support/temp-dir';
import { LedgerWriter } from './support/ledger-writer';
import { dumpReadModels } from './support/table-dump';

const PLEDGES = 300;
const SOURCE = { document: '000_3fdbd5733350c650.txt', quote: 'a quoted fact' };

/** A log of PLEDGES pledges, each made and then re-rated four times (in_progress ↔ stalled). */
async function fillLog(store: EmbeddedEventStore): Promise<void> {
  const w = new LedgerWriter(store);
  const lives = Array.from({ length: PLEDGES }, async (_, i) => {
    const id = `pledge-${i}`;
    await w.execute('pledge', id, { type: 'MakePledge', data: { origin: 'document', input: { id, by: ['US', 'MX'], description: `pledge ${i}`, themes: ['cybersecurity'], status: 'agreed', madeOn: { date: '2014' }, source: SOURCE } } });
    for (const [k, status] of (['in_progress', 'stalled', 'in_progress', 'stalled'] as const).entries()) {
      await w.execute('pledge', id, { type: 'ChangePledgeStatus', data: { pledgeId: id, input: { status, effectiveOn: { date: String(2015 + k) }, reason: 'news', evidence: SOURCE } } });
    }
  });
  await Promise.all(lives);
}

describe('a crash (SIGKILL) while projecting', () => {
  // The second case pauses barely at all, so the kill is as likely to land inside a transaction as between two.
  it.each([
    [25, 15],
    [10, 1],
  ])('leaves the read models consistent with their checkpoint, and they catch up after a restart (batches of %i, %i ms apart)', async (batch, pauseMs) => {
    const { dir, cleanup } = tempDir('projection-crash');
    const eventsFile = join(dir, 'events.sqlite');
    const file = join(dir, 'read-models.sqlite');
    const store = new EmbeddedEventStore({ file: eventsFile });
    try {
      // Given a log of 1,500 events, projected by another process in small batches
      await fillLog(store);
      const events = await store.readAll();
      const head = await store.headPosition();
      expect(events).toHaveLength(PLEDGES * 5);
      const child = runTs('test/read-side/support/project-slowly.ts', [eventsFile, file, String(batch), String(pauseMs)]);

      // When it is killed mid-way
      await linesUntil(child, (lines) => lines.filter((l) => l.startsWith('COMMIT')).length >= 8);
      child.kill('SIGKILL');
      await waitForExit(child);

      // Then the file holds exactly the events up to its checkpoint: each once, none beyond it
      const rows = dumpReadModels(file);
      const checkpoint = rows.checkpoint!.position;
      expect(checkpoint).toBeGreaterThan(0n);
      expect(checkpoint).toBeLessThan(head);
      const upToCheckpoint = events.filter((e) => e.position <= checkpoint);
      expect(Number(rows.checkpoint!.events_projected)).toBe(upToCheckpoint.length);
      // every entity version up to the checkpoint is there once, and none after it
      const versions = rows.tables.entity_rows as Array<{ rec_from_pos: bigint; rec_to_pos: bigint | null }>;
      expect(versions.map((v) => v.rec_from_pos).sort((a, b) => (a < b ? -1 : 1))).toEqual(upToCheckpoint.filter((e) => entityKeyOf(e)).map((e) => e.position));
      expect(versions.every((v) => v.rec_to_pos === null || v.rec_to_pos <= checkpoint)).toBe(true);

      // And a restarted runner takes over the dead process's lock and catches up with the log
      const host = new ProjectionHost(store, file, { batchSize: 100 });
      host.start();
      try {
        expect(await host.waitFor(head, 10_000)).toBe(true);
        expect(host.checkpoint).toEqual({ position: head, eventsProjected: events.length });
        const live = answerReport(host.source('2025-01-01'), 'pledges').items;
        const replay = runReport(viewAt(events, { asOf: '2025-01-01' }), 'pledges');
        expect(JSON.stringify(live)).toBe(JSON.stringify(replay));
        expect(live.filter((p) => p.status === 'stalled')).toHaveLength(PLEDGES);
      } finally {
        await host.stop();
      }
    } finally {
      await store.close();
      cleanup();
    }
  }, 60_000);
});
