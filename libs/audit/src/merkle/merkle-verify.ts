import { EMPTY_TREE_ROOT, hashChildren, isHash, isPowerOfTwo, isTreeIndex } from './merkle-hash';

/**
 * Proof verifiers, transcribed from RFC 9162 §2.1.3.2 and §2.1.4.2. They never throw: any
 * malformed input (wrong hash length, negative size, ...) is simply "not proven" — `false`.
 * "LSB(x) is set" is x % 2 === 1 and "right-shift" is halving, because JavaScript bit
 * operators truncate to 32 bits.
 */

const half = (x: number): number => Math.floor(x / 2);
const lsb = (x: number): boolean => x % 2 === 1;

function isProof(proof: unknown): proof is Buffer[] {
  return Array.isArray(proof) && proof.every(isHash);
}

/** RFC 9162 §2.1.3.2: does `proof` show leaf `index` of a `treeSize` tree with `root` is `leafHash`? */
export function verifyInclusion(leafHash: Buffer, index: number, treeSize: number, proof: Buffer[], root: Buffer): boolean {
  if (!isHash(leafHash) || !isProof(proof) || !Buffer.isBuffer(root)) return false;
  if (!isTreeIndex(index) || !isTreeIndex(treeSize) || index >= treeSize) return false;
  let fn = index;
  let sn = treeSize - 1;
  let r = leafHash;
  for (const p of proof) {
    if (sn === 0) return false; // more proof than tree
    if (lsb(fn) || fn === sn) {
      r = hashChildren(p, r);
      if (!lsb(fn)) {
        // fn is a left child on the right edge: climb past levels where it has no sibling.
        while (!lsb(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      r = hashChildren(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && r.equals(root);
}

/**
 * RFC 9162 §2.1.4.2: is the tree of `size2` with `root2` an append-only extension of the tree
 * of `size1` with `root1`? Equal sizes need an empty proof and equal roots (and size 0 needs
 * the empty-tree root). size1 = 0 < size2 is rejected: the RFC requires 0 < first, and a
 * "proof" against the empty tree proves nothing, so accepting it could only mislead a caller.
 */
export function verifyConsistency(size1: number, size2: number, proof: Buffer[], root1: Buffer, root2: Buffer): boolean {
  if (!isTreeIndex(size1) || !isTreeIndex(size2) || size1 > size2) return false;
  if (!isProof(proof) || !Buffer.isBuffer(root1) || !Buffer.isBuffer(root2)) return false;
  if (size1 === size2) {
    return proof.length === 0 && root1.equals(root2) && (size1 > 0 || root1.equals(EMPTY_TREE_ROOT));
  }
  if (size1 === 0 || proof.length === 0) return false;

  // Step 2: when the old tree is a perfect subtree its root is the path's starting point.
  const path = isPowerOfTwo(size1) ? [root1, ...proof] : proof;
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (lsb(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (lsb(fn) || fn === sn) {
      fr = hashChildren(c, fr);
      sr = hashChildren(c, sr);
      if (!lsb(fn)) {
        while (!lsb(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      sr = hashChildren(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return fr.equals(root1) && sr.equals(root2) && sn === 0;
}

