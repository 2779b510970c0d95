import { AuditError } from '../audit-error';
import { isTreeIndex } from './merkle-hash';
import { MerkleLog } from './merkle-log';

/**
 * One-shot helpers over an array of leaf hashes. Each builds a MerkleLog over the first
 * treeSize leaves (O(n) hashes); callers asking many questions of one log should keep a
 * MerkleLog instead.
 */

function prefixLog(leafHashes: readonly Buffer[], treeSize: number): MerkleLog {
  if (!isTreeIndex(treeSize) || treeSize > leafHashes.length) {
    throw new AuditError('AUDIT.OUT_OF_RANGE', `tree size ${treeSize} is beyond the ${leafHashes.length} leaves given`);
  }
  return new MerkleLog(leafHashes.slice(0, treeSize));
}

/** MTH(D[n]) of the given leaf hashes (RFC 9162 §2.1.1). */
export function merkleRoot(leafHashes: readonly Buffer[]): Buffer {
  return new MerkleLog(leafHashes).root();
}

/** PATH(index, D[0:treeSize]) (RFC 9162 §2.1.3.1). */
export function inclusionProof(leafHashes: readonly Buffer[], index: number, treeSize: number = leafHashes.length): Buffer[] {
  return prefixLog(leafHashes, treeSize).inclusionProof(index, treeSize);
}

/** PROOF(m, D[0:n]) (RFC 9162 §2.1.4.1); requires 0 < m <= n. */
export function consistencyProof(leafHashes: readonly Buffer[], m: number, n: number = leafHashes.length): Buffer[] {
  return prefixLog(leafHashes, n).consistencyProof(m, n);
}
