import { generateKeyPairSync } from 'node:crypto';
import type { RecordedEvent } from '@concordat/shared-kernel';
import { signCheckpoint, type SignedCheckpoint } from './checkpoint';
import { fromHex, toHex } from './hex';
import { dataDigest, leafHash } from './leaf-hash';
import { logEntryFromEvent, parseNdjsonLine, toNdjsonLine, type LogEntry } from './log-entry';
import { MerkleLog } from './merkle';
import { verifyLog } from './verify-log';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const ORIGIN = 'concordat.test/ledger';
/** Stream "pledge-x" only has events at these sequences, so rewriting it starts mid-log. */
const PLEDGE_X = [23, 27, 35];

function makeEvent(sequence: number): RecordedEvent {
  const streamId = PLEDGE_X.includes(sequence) ? 'pledge-x' : `meeting-${sequence % 3}`;
  return {
    id: `evt-${sequence}`,
    type: streamId === 'pledge-x' ? 'PledgeStatusChanged' : 'MeetingRecorded',
    streamId,
    revision: streamId === 'pledge-x' ? PLEDGE_X.indexOf(sequence) : Math.floor((sequence - 1) / 3),
    position: BigInt(sequence),
    recordedAt: new Date(Date.UTC(2025, 0, 1, 0, 0, sequence)).toISOString(),
    data: { note: `record number ${sequence}`, status: 'in_progress' },
    metadata: { recordedBy: 'clerk@example.org', correlationId: `corr-${sequence}`, schemaVersion: 1 },
  };
}

const events = Array.from({ length: 40 }, (_, i) => makeEvent(i + 1));
const exportLines = events.map((e) => toNdjsonLine(logEntryFromEvent(e)));
const parse = (lines: string[]): LogEntry[] => lines.map(parseNdjsonLine);

function checkpointsFor(entries: LogEntry[], sizes: number[], key = privateKey): SignedCheckpoint[] {
  const tree = new MerkleLog(entries.map((e) => fromHex(e.leafHash)));
  return sizes.map((treeSize) =>
    signCheckpoint({ origin: ORIGIN, treeSize, rootHash: toHex(tree.root(treeSize)), issuedAt: new Date(Date.UTC(2025, 0, 2, 0, 0, treeSize)).toISOString() }, key),
  );
}
const checkpoints = checkpointsFor(parse(exportLines), [10, 20, 30, 40]);

/** What someone with write access to the store but not the signing key can do: fix the hashes up. */
function recomputeHash(entry: LogEntry): LogEntry {
  return { ...entry, leafHash: toHex(leafHash(entry.envelope, dataDigest(entry.data))) };
}

describe('verifyLog', () => {
  it('accepts the intact export and names the checkpoint to keep', () => {
    const result = verifyLog(parse(exportLines), checkpoints, publicKey);
    expect(result).toEqual({ ok: true, checkedEvents: 40, lastCheckpoint: checkpoints[3] });
  });

  it('accepts stored events directly, and an empty log', () => {
    expect(verifyLog(events, checkpoints, publicKey).ok).toBe(true);
    expect(verifyLog([], [], publicKey)).toEqual({ ok: true, checkedEvents: 0, lastCheckpoint: null });
  });

  it('catches one tampered byte of data', () => {
    const lines = [...exportLines];
    lines[16] = lines[16].replace('record number 17', 'record number 18');
    expect(verifyLog(parse(lines), checkpoints, publicKey)).toMatchObject({
      ok: false,
      checkedEvents: 16,
      firstBrokenPosition: 17,
      reason: 'leaf hash mismatch at sequence 17',
    });
  });

  it('catches deletion of the last event through the checkpoint that covered it', () => {
    const result = verifyLog(parse(exportLines.slice(0, 39)), checkpoints, publicKey);
    expect(result).toMatchObject({ ok: false, firstBrokenPosition: 40, lastCheckpoint: checkpoints[2] });
    expect(result.reason).toBe('checkpoint at tree size 40 is beyond the end of the log (39 events): events deleted');
  });

  it('names a gap left by a deleted event', () => {
    const lines = exportLines.filter((_, i) => i !== 4);
    expect(verifyLog(parse(lines), checkpoints, publicKey)).toMatchObject({ firstBrokenPosition: 5, reason: 'sequence 6 follows 4 (gap)' });
  });

  it('names two swapped events as a reorder', () => {
    const lines = [...exportLines];
    [lines[11], lines[12]] = [lines[12], lines[11]];
    expect(verifyLog(parse(lines), checkpoints, publicKey)).toMatchObject({
      firstBrokenPosition: 12,
      reason: 'sequence 13 follows 11 (out of order: sequence 12 comes later)',
    });
  });

  it('catches a swap that was renumbered and re-hashed, through the signed checkpoint', () => {
    const swapped = [...events];
    [swapped[11], swapped[12]] = [swapped[12], swapped[11]];
    const forged = swapped.map((e, i) => logEntryFromEvent(e, { sequence: i + 1 }));
    expect(verifyLog(forged, checkpoints, publicKey)).toMatchObject({
      firstBrokenPosition: 11,
      reason: 'checkpoint at tree size 20 does not match the log (root differs): history rewritten between sequence 11 and 20',
    });
  });

  it('catches a stream rewritten with freshly recomputed hashes only through the signed checkpoints', () => {
    const rewritten = parse(exportLines).map((e) =>
      e.envelope.streamId === 'pledge-x' ? recomputeHash({ ...e, data: { ...(e.data as object), status: 'fulfilled' } }) : e,
    );
    expect(verifyLog(rewritten, [], publicKey)).toMatchObject({ ok: true }); // no evidence, no verdict
    expect(verifyLog(rewritten, checkpoints, publicKey)).toEqual({
      ok: false,
      checkedEvents: 40,
      lastCheckpoint: checkpoints[1],
      firstBrokenPosition: 21,
      reason: 'checkpoint at tree size 30 does not match the log (root differs): history rewritten between sequence 21 and 30',
    });
    // A checkpoint after every append pins the first rewritten event exactly.
    const everySize = checkpointsFor(parse(exportLines), Array.from({ length: 40 }, (_, i) => i + 1));
    expect(verifyLog(rewritten, everySize, publicKey)).toMatchObject({
      firstBrokenPosition: 23,
      reason: 'checkpoint at tree size 23 does not match the log (root differs): history rewritten at sequence 23',
    });
  });

  it('holds the log to a trusted checkpoint from an earlier run', () => {
    const trusted = checkpoints[3];
    // Truncated, and the newer checkpoints dropped with the events.
    expect(verifyLog(parse(exportLines.slice(0, 35)), checkpoints.slice(0, 3), publicKey, trusted)).toMatchObject({
      firstBrokenPosition: 36,
      reason: 'trusted checkpoint at tree size 40 is beyond the end of the log (35 events): events deleted',
    });
    // Rewritten, with every checkpoint the ledger published withheld.
    const rewritten = parse(exportLines).map((e, i) => (i === 2 ? recomputeHash({ ...e, data: { note: 'other' } }) : e));
    expect(verifyLog(rewritten, [], publicKey, trusted)).toMatchObject({
      firstBrokenPosition: 1,
      reason: 'trusted checkpoint at tree size 40 does not match the log (root differs): history rewritten between sequence 1 and 40',
    });
    expect(verifyLog(parse(exportLines), [], publicKey, trusted)).toMatchObject({ ok: true, lastCheckpoint: trusted });
  });

  it('rejects evidence that is forged, foreign or self-contradictory', () => {
    const entries = parse(exportLines);
    const altered = { ...checkpoints[1], rootHash: checkpoints[0].rootHash };
    expect(verifyLog(entries, [checkpoints[0], altered], publicKey).reason).toBe(
      'checkpoint at tree size 20: invalid signature (checkpoint forged or altered)',
    );
    const other = generateKeyPairSync('ed25519');
    expect(verifyLog(entries, checkpointsFor(entries, [10], other.privateKey), publicKey).reason).toMatch(/^checkpoint at tree size 10: signed by key [0-9a-f]{16}, not by the expected key/);
    const foreign = signCheckpoint({ ...checkpoints[0], origin: 'elsewhere' }, privateKey);
    expect(verifyLog(entries, [checkpoints[0], foreign], publicKey).reason).toBe('checkpoint at tree size 10 is for log "elsewhere", not "concordat.test/ledger"');
    const fork = signCheckpoint({ ...checkpoints[1], rootHash: checkpoints[0].rootHash }, privateKey);
    expect(verifyLog(entries, [...checkpoints, fork], publicKey)).toMatchObject({
      ok: false,
      reason: 'checkpoints at tree size 20 contradict each other (roots differ): the log was forked',
    });
  });

  it('names malformed or inconsistent entries', () => {
    const entries = parse(exportLines);
    const badClaim = entries.map((e, i) => (i === 6 ? { ...e, leafHash: 'ab'.repeat(32) } : e));
    expect(verifyLog(badClaim, [], publicKey)).toMatchObject({ firstBrokenPosition: 7, reason: 'leaf hash mismatch at sequence 7' });
    const lying = entries.map((e, i) => (i === 8 ? { ...e, envelope: { ...e.envelope, sequence: 10 } } : e));
    expect(verifyLog(lying, [], publicKey)).toMatchObject({ firstBrokenPosition: 9, reason: 'envelope at sequence 9 claims sequence 10' });
    const stripped = entries.map((e, i) => (i === 3 ? { ...e, envelope: { ...e.envelope, corrects: undefined } } : e));
    expect(verifyLog(stripped as LogEntry[], [], publicKey)).toMatchObject({ firstBrokenPosition: 4, reason: expect.stringMatching(/^malformed envelope at sequence 4: /) });
    expect(verifyLog(entries.slice(1), [], publicKey)).toMatchObject({ firstBrokenPosition: 1, reason: 'the log starts at sequence 2, not 1 (gap)' });
    const repeated = [...entries.slice(0, 5), entries[4], ...entries.slice(5)];
    expect(verifyLog(repeated, [], publicKey)).toMatchObject({ firstBrokenPosition: 6, reason: 'sequence 5 repeated' });
  });
});
