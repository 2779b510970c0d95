import { createHash } from 'node:crypto';
import { LeafHashes } from './leaf-hashes';
import { MerkleLog } from './merkle';

const leaf = (i: number) => createHash('sha256').update(`leaf ${i}`).digest();

describe('LeafHashes', () => {
  it('gives the RFC 9162 root at every size asked for, in one pass, as MerkleLog does', () => {
    const leaves = new LeafHashes();
    const tree = new MerkleLog();
    for (let i = 0; i < 2100; i++) {
      leaves.push(leaf(i)); // past the first buffer's 1024 leaves, so it grows
      tree.append(leaf(i));
    }
    const sizes = [0, 1, 2, 3, 7, 8, 9, 100, 1023, 1024, 1025, 2047, 2048, 2100, 64, 64];
    const roots = leaves.rootsAt(sizes);
    expect(roots.size).toBe(new Set(sizes).size);
    for (const size of sizes) expect(roots.get(size)!.toString('hex')).toBe(tree.root(size).toString('hex'));
    expect(leaves.at(1500).equals(leaf(1500))).toBe(true);
  });
});
