import { AuditError } from '../audit-error';
import { HASH_BYTES } from '../hex';
import { assertHash, EMPTY_TREE_ROOT, hashChildren, isTreeIndex, splitPoint } from './merkle-hash';

/** Hashes per chunk of a level: 2 MiB chunks, so a level grows without copying once it is large. */
const CHUNK_HASHES = 65_536;
/** A level's first chunk starts this small and doubles up to a full chunk (the top levels stay tiny). */
const FIRST_CHUNK_HASHES = 4;

/**
 * The hashes of one tree level, 32 bytes each, packed into a few large buffers rather than one
 * Buffer object per node: a ledger of a million entries holds two million hashes, and as
 * objects they cost ~10x their bytes and keep the garbage collector busy.
 */
class HashLevel {
  private readonly chunks: Buffer[] = [];
  length = 0;

  push(hash: Uint8Array): void {
    const chunk = Math.floor(this.length / CHUNK_HASHES);
    const offset = (this.length % CHUNK_HASHES) * HASH_BYTES;
    if (chunk === this.chunks.length) this.chunks.push(Buffer.alloc((chunk === 0 ? FIRST_CHUNK_HASHES : CHUNK_HASHES) * HASH_BYTES));
    else if (offset === this.chunks[chunk].length) {
      // Only the first chunk is ever short; views handed out earlier keep the old copy, which is never written again.
      const grown = Buffer.alloc(Math.min(2 * offset, CHUNK_HASHES * HASH_BYTES));
      this.chunks[chunk].copy(grown);
      this.chunks[chunk] = grown;
    }
    this.chunks[chunk].set(hash, offset);
    this.length += 1;
  }

  /** A view of hash i (not a copy: callers inside this file only read it). */
  at(i: number): Buffer {
    const offset = (i % CHUNK_HASHES) * HASH_BYTES;
    return this.chunks[Math.floor(i / CHUNK_HASHES)].subarray(offset, offset + HASH_BYTES);
  }
}

/**
 * An append-only Merkle tree over leaf HASHES (RFC 9162 §2.1), for roots and proofs at any
 * past size without recomputation.
 *
 * Why it is fast: `levels[h].at(i)` is the hash of the perfect subtree of 2^h leaves that
 * starts at leaf i·2^h. Only complete subtrees are cached, so an append never invalidates
 * anything (amortised O(1) hashes per append, ~2n hashes in memory). The RFC recursion
 * MTH(D[0:n]) = HASH(MTH(D[0:k]) ‖ MTH(D[k:n])) always splits off a perfect, aligned left
 * subtree, so every root or proof node is a cached left subtree plus a right spine of
 * O(log n) fresh hashes. Hashes leave this class as copies, so no caller can alter the tree.
 */
export class MerkleLog {
  private readonly levels: HashLevel[] = [new HashLevel()];

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
      const parent = hashChildren(level.at(index - 1), level.at(index));
      height += 1;
      if (this.levels.length === height) this.levels.push(new HashLevel());
      this.levels[height].push(parent);
      index = this.levels[height].length - 1;
    }
  }

  leafHash(index: number): Buffer {
    this.assertSize(index + 1, 'leaf index + 1');
    return Buffer.from(this.levels[0].at(index));
  }

  /** MTH(D[0:treeSize]); the current root when treeSize is omitted. */
  root(treeSize: number = this.size): Buffer {
    this.assertSize(treeSize, 'tree size');
    return Buffer.from(this.rangeHash(0, treeSize));
  }

  /** RFC 9162 §2.1.3.1 PATH(index, D[0:treeSize]). */
  inclusionProof(index: number, treeSize: number = this.size): Buffer[] {
    this.assertSize(treeSize, 'tree size');
    if (!isTreeIndex(index) || index >= treeSize) {
      throw new AuditError('AUDIT.OUT_OF_RANGE', `leaf index ${index} is not inside a tree of size ${treeSize}`);
    }
    const proof: Buffer[] = [];
    this.path(index, 0, treeSize, proof);
    return proof.map((node) => Buffer.from(node));
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
    return proof.map((node) => Buffer.from(node));
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
    const level = this.levels[height];
    return level && start / n < level.length ? level.at(start / n) : undefined;
  }

  private assertSize(treeSize: number, what: string): void {
    if (!isTreeIndex(treeSize) || treeSize > this.size) {
      throw new AuditError('AUDIT.OUT_OF_RANGE', `${what} ${treeSize} is beyond the ${this.size} leaves held`);
    }
  }
}
