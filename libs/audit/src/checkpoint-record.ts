import type { JsonObject } from '@concordat/shared-kernel';
import { checkpointShapeProblem, checkpointSignatureProblem, type SignedCheckpoint } from './checkpoint';
import type { KeyObject } from 'node:crypto';
import { fromHex, isHashHex } from './hex';
import { MerkleLog } from './merkle';

/**
 * Where the ledger keeps its checkpoints: an ordinary stream (not a `$` system stream, which
 * EventStoreDB reserves), appended to with expected revisions so that two instances can never
 * both extend it from the same revision. Its events are ABOUT the tree, so they are not leaves.
 */
export const CHECKPOINT_STREAM = 'ledger-checkpoints';
export const CHECKPOINT_EVENT_TYPE = 'LedgerCheckpointIssued';
/** The `origin` of every checkpoint this ledger signs. */
export const LEDGER_ORIGIN = 'concordat';

/** Every event of the store is a ledger entry except the checkpoints themselves. */
export function isLedgerEntry(event: { streamId: string }): boolean {
  return event.streamId !== CHECKPOINT_STREAM;
}

/**
 * The data of one checkpoint event: the signed checkpoint, plus the leaf hashes it newly covers
 * (sequences `leaves.from` .. `checkpoint.treeSize`). The hashes are not signed, but they are
 * bound by the signed root: a list is only believed when the tree over all believed lists so
 * far has exactly the signed root (see attestLeaves). They let a verifier that reads the store
 * name the exact event whose data changed, instead of only the range between two checkpoints.
 */
export interface CheckpointRecord {
  checkpoint: SignedCheckpoint;
  leaves: { from: number; hashes: string[] };
}

export function checkpointRecordData(record: CheckpointRecord): JsonObject {
  const { checkpoint: c, leaves } = record;
  return {
    checkpoint: { origin: c.origin, treeSize: c.treeSize, rootHash: c.rootHash, issuedAt: c.issuedAt, signature: c.signature, keyId: c.keyId },
    leaves: { from: leaves.from, hashes: [...leaves.hashes] },
  };
}

/** The record in a checkpoint event's data, or a sentence saying why it is not one. */
export function parseCheckpointRecord(data: unknown): CheckpointRecord | string {
  if (typeof data !== 'object' || data === null) return 'data is not an object';
  const { checkpoint, leaves } = data as Partial<CheckpointRecord>;
  const shape = checkpointShapeProblem(checkpoint);
  if (shape) return `checkpoint is malformed (${shape})`;
  const cp = checkpoint as SignedCheckpoint;
  if (typeof cp.signature !== 'string' || typeof cp.keyId !== 'string') return 'checkpoint has no signature or keyId';
  if (typeof leaves !== 'object' || leaves === null || !Number.isSafeInteger(leaves.from) || !Array.isArray(leaves.hashes)) {
    return 'leaves must be { from, hashes }';
  }
  if (leaves.from < 1 || leaves.from - 1 + leaves.hashes.length !== cp.treeSize) return `leaves ${leaves.from}..${leaves.from - 1 + leaves.hashes.length} do not end at tree size ${cp.treeSize}`;
  if (!leaves.hashes.every(isHashHex)) return 'a leaf hash is not 64 lowercase hex characters';
  return { checkpoint: cp, leaves: { from: leaves.from, hashes: leaves.hashes } };
}

export interface AttestedLeaves {
  /** attested[i] is the leaf hash of sequence i + 1, bound by a valid signed root. */
  leaves: string[];
  /** Why the records stop being believed (a list that does not hash to its signed root, a gap, a bad signature). */
  stoppedBecause?: string;
}

/**
 * The longest prefix of leaf hashes that the records prove: records are taken in log order,
 * each must continue where the previous one ended, carry a valid signature by `publicKey`, and
 * the tree over all hashes so far must have its signed root. The first record that fails ends
 * the attested prefix (a later record cannot be believed without the leaves before it).
 */
export function attestLeaves(records: readonly CheckpointRecord[], publicKey: KeyObject | string): AttestedLeaves {
  const tree = new MerkleLog();
  const leaves: string[] = [];
  for (const { checkpoint: cp, leaves: list } of records) {
    const stop = (why: string): AttestedLeaves => ({ leaves, stoppedBecause: `checkpoint at tree size ${cp.treeSize}: ${why}` });
    const signature = checkpointSignatureProblem(cp, publicKey);
    if (signature) return stop(signature);
    if (cp.treeSize <= tree.size) {
      // Repeats (or re-issues) a size already covered: it must agree, and adds nothing.
      if (cp.treeSize > 0 && tree.root(cp.treeSize).toString('hex') !== cp.rootHash) return stop('root differs from the leaves recorded before it');
      continue;
    }
    if (list.from !== tree.size + 1) return stop(`its leaves start at ${list.from}, not ${tree.size + 1}`);
    for (const hash of list.hashes) tree.append(fromHex(hash, 32));
    if (tree.root().toString('hex') !== cp.rootHash) return stop('the recorded leaf hashes do not have the signed root (altered)');
    leaves.push(...list.hashes);
  }
  return { leaves };
}
