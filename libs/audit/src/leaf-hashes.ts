import { EMPTY_TREE_ROOT, hashChildren } from './merkle';
import { HASH_BYTES } from './hex';

/**
 * Verified leaf hashes, 32 bytes each, in one growing buffer: a verifier keeps 32 bytes per
 * entry (32 MB for a million) instead of the entries themselves or a Buffer object per tree node.
 */
export class LeafHashes {
  private bytes = Buffer.allocUnsafe(HASH_BYTES * 1024);
  private count = 0;

  get size(): number {
    return this.count;
  }

  push(hash: Buffer): void {
    if ((this.count + 1) * HASH_BYTES > this.bytes.length) {
      const grown = Buffer.allocUnsafe(this.bytes.length * 2);
      this.bytes.copy(grown, 0, 0, this.count * HASH_BYTES);
      this.bytes = grown;
    }
    hash.copy(this.bytes, this.count * HASH_BYTES);
    this.count += 1;
  }

  at(index: number): Buffer {
    return this.bytes.subarray(index * HASH_BYTES, (index + 1) * HASH_BYTES);
  }

  /**
   * The RFC 9162 root MTH(D[0:n]) for every n in `sizes` (each ≤ size), in one pass over the
   * leaves: a stack of perfect subtrees (a binary counter), folded right to left at each size
   * asked for — the same split as the RFC's recursion, with n − 1 interior hashes in all.
   */
  rootsAt(sizes: Iterable<number>): Map<number, Buffer> {
    const wanted = [...new Set(sizes)].sort((a, b) => a - b);
    const roots = new Map<number, Buffer>();
    const stack: Array<{ hash: Buffer; height: number }> = [];
    let next = 0;
    while (next < wanted.length && wanted[next] === 0) roots.set(wanted[next++], EMPTY_TREE_ROOT);
    for (let i = 0; next < wanted.length && i < this.count; i++) {
      stack.push({ hash: this.at(i), height: 0 });
      while (stack.length >= 2 && stack[stack.length - 1].height === stack[stack.length - 2].height) {
        const right = stack.pop()!;
        const left = stack.pop()!;
        stack.push({ hash: hashChildren(left.hash, right.hash), height: left.height + 1 });
      }
      if (wanted[next] === i + 1) {
        let root = stack[stack.length - 1].hash;
        for (let s = stack.length - 2; s >= 0; s--) root = hashChildren(stack[s].hash, root);
        roots.set(wanted[next++], root);
      }
    }
    return roots;
  }
}
