import { generateKeyPairSync } from 'node:crypto';
import type { RecordedEvent } from '@concordat/shared-kernel';
import { signCheckpoint, type SignedCheckpoint } from './checkpoint';
import { attestLeaves, CHECKPOINT_STREAM, checkpointRecordData, parseCheckpointRecord, type CheckpointRecord } from './checkpoint-record';
import { exportTrailer, parseExport, entryLine } from './export-format';
import { fromHex, toHex } from './hex';
import { MerkleLog } from './merkle';
import { readStoredLedger } from './stored-ledger';
import { verifyExport } from './verify-export';
import { verifyStoredLedger } from './verify-ledger';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const ORIGIN = 'concordat';
const N = 20;

function ledgerEvent(i: number, position: number): RecordedEvent {
  return {
    id: `evt-${i}`,
    type: 'MinutesRecorded',
    streamId: `meeting-${i % 4}`,
    revision: Math.floor((i - 1) / 4),
    position: BigInt(position),
    recordedAt: new Date(Date.UTC(2025, 0, 1, 0, 0, i)).toISOString(),
    data: { note: `minutes ${i}` },
    metadata: { recordedBy: 'clerk-ana', correlationId: `c-${i}`, schemaVersion: 1 },
  };
}

/** A stored log of N entries with checkpoint events after entries 5, 10 and 20, as the service writes it. */
function storedLog(sizes = [5, 10, 20]): { events: RecordedEvent[]; records: CheckpointRecord[]; tree: MerkleLog } {
  const plain = Array.from({ length: N }, (_, i) => ledgerEvent(i + 1, 0));
  const leaves = readStoredLedger(plain.map((e, i) => ({ ...e, position: BigInt(i + 1) })), undefined).entries.map((e) => e.leafHash);
  const tree = new MerkleLog(leaves.map((h) => fromHex(h, 32)));
  const events: RecordedEvent[] = [];
  const records: CheckpointRecord[] = [];
  let covered = 0;
  for (let i = 1; i <= N; i++) {
    events.push({ ...plain[i - 1], position: BigInt(events.length + 1) });
    if (!sizes.includes(i)) continue;
    const checkpoint = signCheckpoint({ origin: ORIGIN, treeSize: i, rootHash: toHex(tree.root(i)), issuedAt: '2025-01-02T00:00:00.000Z' }, privateKey);
    const record = { checkpoint, leaves: { from: covered + 1, hashes: leaves.slice(covered, i) } };
    records.push(record);
    covered = i;
    events.push({ ...ledgerEvent(0, events.length + 1), id: `cp-${i}`, streamId: CHECKPOINT_STREAM, revision: records.length - 1, type: 'LedgerCheckpointIssued', data: checkpointRecordData(record) });
  }
  return { events, records, tree };
}

describe('checkpoint records', () => {
  it('round-trips and rejects malformed records', () => {
    const { records } = storedLog();
    expect(parseCheckpointRecord(checkpointRecordData(records[1]))).toEqual(records[1]);
    expect(parseCheckpointRecord({ checkpoint: records[1].checkpoint, leaves: { from: 7, hashes: records[1].leaves.hashes } })).toMatch(/do not end at tree size 10/);
    expect(parseCheckpointRecord({ checkpoint: records[1].checkpoint, leaves: { from: 6, hashes: ['zz', ...records[1].leaves.hashes.slice(1)] } })).toMatch(/not 64 lowercase hex/);
    expect(parseCheckpointRecord({ checkpoint: { ...records[1].checkpoint, rootHash: 'x' }, leaves: records[1].leaves })).toMatch(/malformed/);
    expect(parseCheckpointRecord('nope')).toBe('data is not an object');
  });

  it('attests leaves only as far as signed roots bind them', () => {
    const { records } = storedLog();
    expect(attestLeaves(records, publicKey).leaves).toHaveLength(20);
    const altered = records.map((r, i) => (i === 1 ? { ...r, leaves: { ...r.leaves, hashes: r.leaves.hashes.map((h, j) => (j === 2 ? 'ab'.repeat(32) : h)) } } : r));
    expect(attestLeaves(altered, publicKey)).toEqual({ leaves: records[0].leaves.hashes, stoppedBecause: 'checkpoint at tree size 10: the recorded leaf hashes do not have the signed root (altered)' });
    expect(attestLeaves([records[0], records[2]], publicKey).stoppedBecause).toBe('checkpoint at tree size 20: its leaves start at 11, not 6');
    expect(attestLeaves([records[0], records[0], records[1]], publicKey).leaves).toHaveLength(10);
    const other = generateKeyPairSync('ed25519');
    expect(attestLeaves(records, other.publicKey).stoppedBecause).toMatch(/^checkpoint at tree size 5: signed by key/);
  });
});

describe('a stored ledger', () => {
  it('numbers entries by rank, skipping checkpoint events, and verifies', () => {
    const { events } = storedLog();
    const ledger = readStoredLedger(events, publicKey);
    expect(ledger.entries.map((e) => e.sequence)).toEqual(Array.from({ length: N }, (_, i) => i + 1));
    expect(ledger.positions[6]).toBe(8n); // one checkpoint event before it
    expect(ledger.attested).toBe(N);
    expect(verifyStoredLedger(ledger, publicKey)).toMatchObject({ ok: true, checkedEvents: N, lastCheckpoint: { treeSize: 20 } });
  });

  it('pins altered data through the recorded leaves, and explains a reorder', () => {
    const { events } = storedLog();
    const edited = events.map((e) => (e.id === 'evt-7' ? { ...e, data: { note: 'minutes 8' } } : e));
    expect(verifyStoredLedger(readStoredLedger(edited, publicKey), publicKey)).toMatchObject({ firstBrokenPosition: 7, reason: 'leaf hash mismatch at sequence 7' });
    const i3 = events.findIndex((e) => e.id === 'evt-3');
    const i12 = events.findIndex((e) => e.id === 'evt-12');
    const swapped = [...events];
    [swapped[i3], swapped[i12]] = [{ ...events[i12], position: events[i3].position }, { ...events[i3], position: events[i12].position }];
    expect(verifyStoredLedger(readStoredLedger(swapped, publicKey), publicKey).reason).toBe(
      'leaf hash mismatch at sequence 3: the event found there is the one the ledger recorded at sequence 12 (events reordered)',
    );
  });

  it('reports malformed checkpoint events, unhashable entries and a tail shorter than a witness saw', () => {
    const { events } = storedLog();
    const broken = events.map((e) => (e.id === 'cp-10' ? { ...e, data: { checkpoint: 'gone' } } : e));
    expect(verifyStoredLedger(readStoredLedger(broken, publicKey), publicKey).reason).toMatch(/^the checkpoint event at store position 12 is not a checkpoint record/);
    const unhashable = events.map((e) => (e.id === 'evt-4' ? { ...e, metadata: { correlationId: 'c' } as never } : e));
    expect(verifyStoredLedger(readStoredLedger(unhashable, publicKey), publicKey)).toMatchObject({ firstBrokenPosition: 4, reason: expect.stringMatching(/^malformed envelope at sequence 4: .*recordedBy/) });
    const uncovered = storedLog([5, 10]).events.slice(0, -1);
    expect(verifyStoredLedger(readStoredLedger(uncovered, publicKey), publicKey, { expectedSize: N })).toMatchObject({ firstBrokenPosition: 20, reason: expect.stringMatching(/events deleted from sequence 20/) });
  });
});

describe('exports', () => {
  const { events, tree } = storedLog();
  const ledger = readStoredLedger(events, publicKey);
  const exportOf = (from: number, to: number, checkpoints: SignedCheckpoint[] = ledger.checkpoints) =>
    [...ledger.entries.slice(from - 1, to).map(entryLine), ...exportTrailer(checkpoints, tree, from, to)];

  it('adds proofs only to partial exports', () => {
    expect(parseExport(exportOf(1, 20))).toMatchObject({ consistencyProofs: [], inclusionProofs: [] });
    const partial = parseExport(exportOf(6, 9));
    expect(partial.consistencyProofs.map((p) => [p.from, p.to])).toEqual([[5, 10], [10, 20]]);
    expect(partial.inclusionProofs.map((p) => p.sequence)).toEqual([6, 7, 8, 9]);
    expect(verifyExport(partial, publicKey, ledger.checkpoints[0])).toMatchObject({ ok: true, checkedEvents: 4, lastCheckpoint: ledger.checkpoints[2] });
  });

  it('names where a partial export breaks', () => {
    const lines = exportOf(6, 9);
    const tamperedProof = lines.map((l) => (l.startsWith('{"consistencyProof":{"from":10') ? l.replace(/"proof":\["[0-9a-f]{2}/, '"proof":["00') : l));
    expect(verifyExport(parseExport(tamperedProof), publicKey)).toMatchObject({ firstBrokenPosition: 11, reason: 'the checkpoints at tree sizes 10 and 20 are not consistent: history rewritten between sequence 11 and 20' });
    const gap = lines.filter((l) => !l.startsWith('{"sequence":7,'));
    expect(verifyExport(parseExport(gap), publicKey)).toMatchObject({ firstBrokenPosition: 7, reason: 'sequence 8 where 7 was expected (gap or reorder)' });
    const future = signCheckpoint({ origin: ORIGIN, treeSize: 25, rootHash: 'ab'.repeat(32), issuedAt: '2025-01-03T00:00:00.000Z' }, privateKey);
    expect(verifyExport(parseExport(lines), publicKey, future)).toMatchObject({ firstBrokenPosition: 21, reason: expect.stringMatching(/trusted checkpoint covers 25 entries/) });
    expect(verifyExport(parseExport([...lines.slice(0, 2), 'not json', ...lines.slice(2)]), publicKey)).toMatchObject({ firstBrokenPosition: 8, reason: 'line 3 of the export: not JSON' });
    expect(verifyExport(parseExport(exportOf(6, 9, [])), publicKey)).toMatchObject({ ok: false, reason: 'a partial export must carry the checkpoints that cover it' });
  });
});
