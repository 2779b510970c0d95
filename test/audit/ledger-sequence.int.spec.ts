import type { Response } from 'supertest';
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { EmbeddedEventStore, WrongExpectedRevisionError, type EventStore } from '@concordat/event-store';
import type { NewEvent } from '@concordat/shared-kernel';
import { fromHex, verifyCheckpointSignature, verifyConsistency, type SignedCheckpoint } from '@concordat/audit';
import { linesUntil, runTs, waitForExit } from '../support/child-process';
import { startTestApp, type TestApp } from '../support/test-app';
import { tempDir } from '../support/temp-dir';
import { auditor, storeFile, storeOf } from './audit-fixtures';

const event = (id: string = randomUUID(), data: Record<string, unknown> = { n: 1 }): NewEvent =>
  ({ id, type: 'MinutesRecorded', data, metadata: { recordedBy: 'clerk-ana', correlationId: randomUUID(), schemaVersion: 1 } }) as NewEvent;

describe('ledger sequence on the embedded store', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = tempDir('sequence')));
  afterEach(() => cleanup());

  it('a failed append inside a group-commit batch burns no AUTOINCREMENT position', async () => {
    const store = new EmbeddedEventStore({ file: storeFile(dir) });
    const duplicate = randomUUID();
    await store.append('meeting-1', [event(duplicate)], { expectedRevision: 'any' });
    // One event-loop turn = one batch: the second append inserts a row, then hits the unique
    // (stream, event id) index and is rolled back to its savepoint; the others fail before inserting.
    const outcomes = await Promise.allSettled([
      store.append('meeting-2', [event()], { expectedRevision: 'any' }),
      store.append('meeting-1', [event(), event(duplicate)], { expectedRevision: 'any' }),
      store.append('meeting-3', [event(), event()], { expectedRevision: 'any' }),
      store.append('meeting-4', [event()], { expectedRevision: 5 }),
      store.append('meeting-5', [event(randomUUID(), { big: 1n })], { expectedRevision: 'any' }),
      store.append('meeting-6', [event()], { expectedRevision: 'any' }),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected', 'rejected', 'fulfilled']);
    await store.close();
    const db = new Database(storeFile(dir), { readonly: true });
    const positions = db.prepare('SELECT position FROM events ORDER BY position').all().map((r) => (r as { position: number }).position);
    expect(positions).toEqual([1, 2, 3, 4, 5]);
    expect(db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'events'").get()).toEqual({ seq: 5 });
    db.close();
  });

  it('stays total and gap-free under concurrent writers in two processes, and two instances never sign contradicting checkpoints', async () => {
    const env = { CHECKPOINT_EVERY_EVENTS: '25', CHECKPOINT_EVERY_MINUTES: '0', CHECKPOINT_WITHIN_MS: '0' };
    const a = await startTestApp(env, dir);
    const b = await startTestApp(env, dir);
    const child = runTs('test/support/append-forever.ts', [storeFile(dir), '2']);
    try {
      const acked = new Set<string>();
      const clerks = Array.from({ length: 8 }, (_, n) => clerk(n % 2 === 0 ? storeOf(a.app) : storeOf(b.app), n, acked));
      // Auditors on both instances ask for checkpoints while the writers run.
      const askers = [a, b].map(async (t) => {
        for (let i = 0; i < 6; i++) await auditor(t.app)('/v1/audit/checkpoints/latest');
      });
      const childLines = await linesUntil(child, (lines) => lines.filter((l) => l.startsWith('ACK')).length >= 40);
      await Promise.all([...clerks, ...askers]);
      child.kill('SIGKILL');
      await waitForExit(child);
      for (const line of childLines.filter((l) => l.startsWith('ACK'))) for (const id of line.split(' ')[3].split(',')) acked.add(id);

      const [logA, logB] = [await wholeLog(a), await wholeLog(b)];
      const file = new Database(storeFile(dir), { readonly: true });
      const rows = file.prepare("SELECT event_id FROM events WHERE stream_id <> 'ledger-checkpoints' ORDER BY position").all() as Array<{ event_id: string }>;
      file.close();
      // 1..n without gaps, in position order, the same numbering on both instances, every row once.
      expect(logA.map((e) => e.sequence)).toEqual(rows.map((_, i) => i + 1));
      expect(logA.map((e) => e.envelope.eventId)).toEqual(rows.map((r) => r.event_id));
      expect(logB).toEqual(logA);
      expect(logA.map((e) => BigInt(e.position))).toEqual([...logA.map((e) => BigInt(e.position))].sort((x, y) => (x < y ? -1 : 1)));
      for (const id of acked) expect(rows.some((r) => r.event_id === id)).toBe(true);

      // Both instances sealed; the stream's checkpoints only ever grow, and each extends the last.
      await auditor(a.app)('/v1/audit/checkpoints/latest').expect(200);
      const { publicKeyPem } = (await auditor(a.app)('/v1/audit/public-key')).body;
      const checkpoints: SignedCheckpoint[] = (await auditor(b.app)('/v1/audit/checkpoints').expect(200)).body.checkpoints;
      expect(checkpoints[checkpoints.length - 1].treeSize).toBe(logA.length);
      for (const [i, cp] of checkpoints.entries()) {
        expect(verifyCheckpointSignature(cp, publicKeyPem)).toBe(true);
        if (i === 0) continue;
        expect(cp.treeSize).toBeGreaterThan(checkpoints[i - 1].treeSize);
        const proof = (await auditor(a.app)(`/v1/audit/proofs/consistency?from=${checkpoints[i - 1].treeSize}&to=${cp.treeSize}`).expect(200)).body;
        expect(verifyConsistency(checkpoints[i - 1].treeSize, cp.treeSize, proof.proof.map((h: string) => fromHex(h)), fromHex(checkpoints[i - 1].rootHash), fromHex(cp.rootHash))).toBe(true);
      }
      for (const t of [a, b]) expect((await auditor(t.app)('/v1/audit/verify').expect(200)).body).toMatchObject({ ok: true, checkedEvents: logA.length });
    } finally {
      child.kill('SIGKILL');
      await Promise.all([a.close(), b.close()]);
    }
  });
});

/** A clerk appending 25 times, sometimes racing others on a shared stream (conflicts are expected). */
async function clerk(store: EventStore, n: number, acked: Set<string>): Promise<void> {
  for (let i = 0; i < 25; i++) {
    const shared = i % 5 === 0;
    const streamId = shared ? `pledge-shared-${i}` : `meeting-clerk-${n}-${i}`;
    const events = [event(), event()];
    try {
      await store.append(streamId, events, { expectedRevision: shared ? 'no_stream' : 'any' });
      for (const e of events) acked.add(e.id);
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
    }
  }
}

type Item = { sequence: number; position: string; envelope: { eventId: string } };

async function wholeLog(t: TestApp): Promise<Item[]> {
  const items: Item[] = [];
  let cursor: string | null = '0';
  while (cursor !== null) {
    const res: Response = await auditor(t.app)(`/v1/audit/events?limit=1000&cursor=${cursor}`).expect(200);
    items.push(...(res.body.items as Item[]).map(({ sequence, position, envelope }) => ({ sequence, position, envelope: { eventId: envelope.eventId } })));
    cursor = res.body.nextCursor;
  }
  return items;
}
