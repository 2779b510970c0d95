import { AuditError } from '../audit-error';
import { assertHash, EMPTY_TREE_ROOT, hashChildren, isTreeIndex, splitPoint } from './merkle-hash';

/**
 * An append-only Merkle tree over leaf HASHES (RFC 9162 §2.1), for roots and proofs at any
 * past size without recomputation.
 *
 * Why it is fast: `levels[h][i]` caches the hash of the perfect subtree of 2^h leaves that
 * starts at leaf i·2^h. Only complete subtrees are cached, so an append never invalidates
 * anything (amortised O(1) hashes per append, ~2n hashes in memory). The RFC recursion
 * MTH(D[0:n]) = HASH(MTH(D[0:k]) ‖ MTH(D[k:n])) always splits off a perfect, aligned left
 * subtree, so every root or proof node is a cached left subtree plus a right spine of
 * O(log n) fresh hashes.
 */
export class MerkleLog {
  private readonly levels: Buffer[][] = [[]];

  constructor(leafHashes: Iterable<Buffer> = []) {
    for (const leaf of leafHashes) this.append(leaf);
  }

  get size(): number {
    return this.levels[0].length;
  }

  append(leafHash: Buffer): void {
    assertHash(leafHash, 'leaf hash');
    this.levels[0].push(leafHash);
    // A node at an odd index completes a pair: hash it up, and keep going while that new
    // parent also completes a pair one level higher.
    let height = 0;
    let index = this.levels[0].length - 1;
    while (index % 2 === 1) {
      const level = this.levels[height];
      const parent = hashChildren(level[index - 1], level[index]);
      height += 1;
      if (this.levels.length === height) this.levels.push([]);
      this.levels[height].push(parent);
      index = this.levels[height].length - 1;
    }
  }

  leafHash(index: number): Buffer {
    this.assertSize(index + 1, 'leaf index + 1');
    return this.levels[0][index];
  }

  /** MTH(D[0:treeSize]); the current root when treeSize is omitted. */
  root(treeSize: number = this.size): Buffer {
    this.assertSize(treeSize, 'tree size');
    return this.rangeHash(0, treeSize);
  }

  /** RFC 9162 §2.1.3.1 PATH(index, D[0:treeSize]). */
  inclusionProof(index: number, treeSize: number = this.size): Buffer[] {
    this.assertSize(treeSize, 'tree size');
    if (!isTreeIndex(index) || index >= treeSize) {
      throw new AuditError('AUDIT.OUT_OF_RANGE', `leaf index ${index} is not inside a tree of size ${treeSize}`);
    }
    const proof: Buffer[] = [];
    this.path(index, 0, treeSize, proof);
    return proof;
  }

  /**
   * RFC 9162 §2.1.4.1 PROOF(m, D[0:n]) = SUBPROOF(m, D[0:n], true). m must be ≥ 1: every tree
   * is trivially consistent with the empty one, and the RFC's verifier requires 0 < m.
   */
  consistencyProof(m: number, n: number = this.size): Buffer[] {
    this.assertSize(n, 'tree size');
    if (!isTreeIndex(m) || m < 1 || m > n) {
      throw new AuditError('AUDIT.OUT_OF_RANGE', `consistency proof needs 0 < m <= n, got m=${m}, n=${n}`);
    }
    const proof: Buffer[] = [];
    this.subproof(m, 0, n, true, proof);
    return proof;
  }

  private path(index: number, start: number, n: number, out: Buffer[]): void {
    if (n <= 1) return;
    const k = splitPoint(n);
    // The RFC lists the deepest sibling first, so recurse before appending.
    if (index < k) {
      this.path(index, start, k, out);
      out.push(this.rangeHash(start + k, n - k));
    } else {
      this.path(index - k, start + k, n - k, out);
      out.push(this.rangeHash(start, k));
    }
  }

  private subproof(m: number, start: number, n: number, wholeFirstTree: boolean, out: Buffer[]): void {
    if (m === n) {
      // The old tree's root is only sent when the verifier cannot already know it.
      if (!wholeFirstTree) out.push(this.rangeHash(start, n));
      return;
    }
    const k = splitPoint(n);
    if (m <= k) {
      this.subproof(m, start, k, wholeFirstTree, out);
      out.push(this.rangeHash(start + k, n - k));
    } else {
      this.subproof(m - k, start + k, n - k, false, out);
      out.push(this.rangeHash(start, k));
    }
  }

  /** MTH(D[start:start+n]). */
  private rangeHash(start: number, n: number): Buffer {
    if (n === 0) return EMPTY_TREE_ROOT;
    const cached = this.cachedSubtree(start, n);
    if (cached) return cached;
    const k = splitPoint(n);
    return hashChildren(this.rangeHash(start, k), this.rangeHash(start + k, n - k));
  }

  private cachedSubtree(start: number, n: number): Buffer | undefined {
    let height = 0;
    let width = 1;
    while (width < n) {
      width *= 2;
      height += 1;
    }
    if (width !== n || start % n !== 0) return undefined;
    return this.levels[height]?.[start / n];
  }

  private assertSize(treeSize: number, what: string): void {
    if (!isTreeIndex(treeSize) || treeSize > this.size) {
      throw new AuditError('AUDIT.OUT_OF_RANGE', `${what} ${treeSize} is beyond the ${this.size} leaves held`);
    }
  }
}
