import type { Response } from 'supertest';
import { createHash, createPrivateKey, randomUUID } from 'node:crypto';
import { WrongExpectedRevisionError, type EventStore } from '@concordat/event-store';
import type { NewEvent } from '@concordat/shared-kernel';
import { fromHex, verifyCheckpointSignature, verifyConsistency, type SignedCheckpoint } from '@concordat/audit';
import { startTestApp, type TestApp } from '../support/test-app';
import { tempDir } from '../support/temp-dir';
import { auditor, storeOf } from './audit-fixtures';

/**
 * The sealer on EventStoreDB: two service instances on one server, eight clerks appending
 * through both, auditors asking both for checkpoints meanwhile. Runs only with a server:
 *
 *   EVENTSTORE_CONNECTION_STRING='esdb://admin:changeit@localhost:2113?tls=false' npx jest test/audit/ledger-sequence-esdb
 *
 * A server cannot be wiped, so the checkpoint stream outlives a run: every run signs with the
 * same fixed test key (from a constant seed) so that earlier runs' checkpoints stay valid.
 */
const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;
const seed = createHash('sha256').update('concordat ledger-sequence-esdb test key').digest();
const TEST_KEY = createPrivateKey({ key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]), format: 'der', type: 'pkcs8' })
  .export({ type: 'pkcs8', format: 'pem' })
  .toString();

if (!connectionString) {
  // Written past Jest's console capture, which swallows output of a fully skipped file.
  process.stdout.write('\nEventStoreDB ledger-sequence test SKIPPED: EVENTSTORE_CONNECTION_STRING is not set\n');
}

type Item = { sequence: number; position: string; envelope: { eventId: string } };

(connectionString ? describe : describe.skip)('ledger sequence on EventStoreDB (sealer over $all)', () => {
  it('numbers $all 1..n without gaps, identically on two instances, with never a contradicting checkpoint', async () => {
    const env = { EVENT_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: connectionString!, LEDGER_SIGNING_KEY: TEST_KEY, CHECKPOINT_EVERY_EVENTS: '25', CHECKPOINT_EVERY_MINUTES: '0', CHECKPOINT_WITHIN_MS: '0' };
    const [da, db] = [tempDir('esdb-a'), tempDir('esdb-b')];
    const a = await startTestApp(env, da.dir);
    const b = await startTestApp(env, db.dir);
    try {
      const run = randomUUID().slice(0, 8);
      const acked = new Set<string>();
      await Promise.all([
        ...Array.from({ length: 8 }, (_, n) => clerk(storeOf(n % 2 === 0 ? a.app : b.app), `${run}-${n}`, run, acked)),
        ...[a, b].map(async (t) => {
          for (let i = 0; i < 6; i++) await auditor(t.app)('/v1/audit/checkpoints/latest');
        }),
      ]);
      const [logA, logB] = [await wholeLog(a), await wholeLog(b)];
      expect(logA.map((e) => e.sequence)).toEqual(logA.map((_, i) => i + 1));
      expect(logB).toEqual(logA);
      const positions = logA.map((e) => BigInt(e.position));
      expect(positions.every((p, i) => i === 0 || p > positions[i - 1])).toBe(true);
      const ids = new Set(logA.map((e) => e.envelope.eventId));
      for (const id of acked) expect(ids.has(id)).toBe(true);

      await auditor(a.app)('/v1/audit/checkpoints/latest').expect(200);
      const { publicKeyPem } = (await auditor(a.app)('/v1/audit/public-key')).body;
      const checkpoints: SignedCheckpoint[] = (await auditor(b.app)('/v1/audit/checkpoints').expect(200)).body.checkpoints;
      expect(checkpoints[checkpoints.length - 1].treeSize).toBe(logA.length);
      for (const [i, cp] of checkpoints.entries()) {
        expect(verifyCheckpointSignature(cp, publicKeyPem)).toBe(true);
        if (i === 0) continue;
        const prev = checkpoints[i - 1];
        expect(cp.treeSize).toBeGreaterThan(prev.treeSize);
        const proof = (await auditor(b.app)(`/v1/audit/proofs/consistency?from=${prev.treeSize}&to=${cp.treeSize}`).expect(200)).body;
        expect(verifyConsistency(prev.treeSize, cp.treeSize, proof.proof.map((h: string) => fromHex(h)), fromHex(prev.rootHash), fromHex(cp.rootHash))).toBe(true);
      }
    } finally {
      await Promise.all([a.close(), b.close()]);
      da.cleanup();
      db.cleanup();
    }
  });
});

async function clerk(store: EventStore, name: string, run: string, acked: Set<string>): Promise<void> {
  for (let i = 0; i < 25; i++) {
    const shared = i % 5 === 0;
    const streamId = shared ? `pledge-esdb-${run}-shared-${i}` : `meeting-esdb-${name}-${i}`;
    const events: NewEvent[] = [0, 1].map(() => ({ id: randomUUID(), type: 'MinutesRecorded', data: { i }, metadata: { recordedBy: 'clerk-ana', correlationId: randomUUID(), schemaVersion: 1 } }));
    try {
      await store.append(streamId, events, { expectedRevision: shared ? 'no_stream' : 'any' });
      for (const e of events) acked.add(e.id);
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
    }
  }
}

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
