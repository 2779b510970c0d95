import Database from 'better-sqlite3';
import { join } from 'node:path';
import { EmbeddedEventStore } from '@concordat/event-store';
import type { RecordedEvent } from '@concordat/shared-kernel';
import { newEvent } from '../contract/event-store.contract';
import { linesUntil, runTs, waitForExit } from '../support/child-process';
import { tempDir } from '../support/temp-dir';

describe('embedded event store on a real file', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = tempDir('embedded')));
  afterEach(() => cleanup());

  it('keeps every acknowledged append, complete, after a SIGKILL in the middle of a stream of appends', async () => {
    const file = join(dir, 'events.sqlite');
    const child = runTs('test/support/append-forever.ts', [file, '4']);
    const acked = await linesUntil(child, (lines) => lines.filter((l) => l.startsWith('ACK')).length >= 300);
    child.kill('SIGKILL');
    await waitForExit(child);

    const store = new EmbeddedEventStore({ file });
    try {
      const all = await store.readAll();
      const byStream = new Map<string, RecordedEvent[]>();
      for (const e of all) byStream.set(e.streamId, [...(byStream.get(e.streamId) ?? []), e]);
      // nothing half-written: every stream holds its whole 3-event append, or nothing
      for (const [stream, events] of byStream) expect([stream, events.map((e) => e.type)]).toEqual([stream, ['A', 'B', 'C']]);
      // every acknowledged append is there, with the ids that were acknowledged
      for (const line of acked.filter((l) => l.startsWith('ACK'))) {
        const [, stream, , ids] = line.split(' ');
        expect(byStream.get(stream)?.map((e) => e.id)).toEqual(ids.split(','));
      }
      expect(all.length).toBeGreaterThanOrEqual(900);
    } finally {
      await store.close();
    }
  });

  it('delivers to a live subscription events appended by another process on the same file', async () => {
    const file = join(dir, 'events.sqlite');
    const store = new EmbeddedEventStore({ file, crossProcessPollMs: 50 });
    try {
      const received: RecordedEvent[] = [];
      const sub = store.subscribeToAll((e) => void received.push(e));
      const child = runTs('test/support/append-forever.ts', [file, '1']);
      await linesUntil(child, (lines) => lines.length >= 5);
      child.kill('SIGKILL');
      await waitForExit(child);
      const deadline = Date.now() + 2000;
      while (received.length < 15 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      await sub.stop();
      expect(received.length).toBeGreaterThanOrEqual(15);
      expect(received.slice(0, 3).map((e) => e.type)).toEqual(['A', 'B', 'C']);
    } finally {
      await store.close();
    }
  });

  it('enforces uniqueness in the schema and refuses UPDATE and DELETE on the events table', async () => {
    const file = join(dir, 'events.sqlite');
    const store = new EmbeddedEventStore({ file });
    const event = newEvent('PledgeMade', { id: 'p-1' });
    await store.append('pledge-p-1', [event], { expectedRevision: 'no_stream' });
    await store.close();
    const db = new Database(file);
    try {
      const insert = db.prepare(
        "INSERT INTO events (event_id, stream_id, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, 'X', '{}', '{}', '2026-01-01T00:00:00.000Z')",
      );
      expect(() => insert.run('another-id', 'pledge-p-1', 0)).toThrow(/UNIQUE/);
      expect(() => insert.run(event.id, 'pledge-p-1', 1)).toThrow(/UNIQUE/);
      expect(() => db.prepare("UPDATE events SET data = '{}'").run()).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM events').run()).toThrow(/append-only/);
    } finally {
      db.close();
    }
  });

  it('commits appends that arrive together in one transaction, and acknowledges each only after the commit', async () => {
    const store = new EmbeddedEventStore({ file: join(dir, 'events.sqlite') });
    try {
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) => store.append(`s-${i}`, [newEvent('E')], { expectedRevision: 'no_stream' })),
      );
      const db = new Database(join(dir, 'events.sqlite'), { readonly: true });
      // a second connection sees every acknowledged append: they were committed before the promises resolved
      expect((db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n).toBe(50);
      db.close();
      expect(new Set(results.map((r) => r.position)).size).toBe(50);
    } finally {
      await store.close();
    }
  });
});
