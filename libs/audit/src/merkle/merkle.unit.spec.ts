import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { LeafHashes } from '../leaf-hashes';
import { consistencyProof, EMPTY_TREE_ROOT, hashLeafData, inclusionProof, merkleRoot, MerkleLog, verifyConsistency, verifyInclusion } from '.';

/** transparency-dev/merkle's RFC 6962 vectors, vendored with their licence (see test-vectors/NOTICE). */
const vectorsDir = path.join(__dirname, 'test-vectors');

function jsonFilesUnder(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((name) => {
      const full = path.join(dir, name);
      return statSync(full).isDirectory() ? jsonFilesUnder(full) : name.endsWith('.json') ? [full] : [];
    })
    .sort();
}

const b64 = (s: string): Buffer => Buffer.from(s, 'base64');
const rel = (file: string): string => path.relative(vectorsDir, file);
const inclusionFiles = jsonFilesUnder(path.join(vectorsDir, 'inclusion')).map(rel);
const consistencyFiles = jsonFilesUnder(path.join(vectorsDir, 'consistency')).map(rel);
const load = (file: string) => JSON.parse(readFileSync(path.join(vectorsDir, file), 'utf8'));
/** The vectors come from Go, where an empty proof may be serialised as null. */
const proofOf = (v: { proof: string[] | null }): Buffer[] => (v.proof ?? []).map(b64);

describe('RFC 6962 test vectors', () => {
  it('found vector files', () => {
    expect(inclusionFiles.length).toBeGreaterThan(0);
    expect(consistencyFiles.length).toBeGreaterThan(0);
  });

  test.each(inclusionFiles)('inclusion %s', (file) => {
    const v = load(file);
    const ok = verifyInclusion(b64(v.leafHash), v.leafIdx, v.treeSize, proofOf(v), b64(v.root));
    expect({ desc: v.desc, accepted: ok }).toEqual({ desc: v.desc, accepted: !v.wantErr });
  });

  test.each(consistencyFiles)('consistency %s', (file) => {
    const v = load(file);
    const ok = verifyConsistency(v.size1, v.size2, proofOf(v), b64(v.root1), b64(v.root2));
    expect({ desc: v.desc, accepted: ok }).toEqual({ desc: v.desc, accepted: !v.wantErr });
  });
});

// A deliberately naive transcription of the RFC 9162 §2.1 definitions, to check the cached tree.
const sha = (...parts: Buffer[]): Buffer => createHash('sha256').update(Buffer.concat(parts)).digest();
const k = (n: number): number => 2 ** Math.ceil(Math.log2(n) - 1);
const mth = (d: Buffer[]): Buffer =>
  d.length === 0 ? sha() : d.length === 1 ? d[0] : sha(Buffer.from([1]), mth(d.slice(0, k(d.length))), mth(d.slice(k(d.length))));
const naivePath = (m: number, d: Buffer[]): Buffer[] => {
  if (d.length <= 1) return [];
  const s = k(d.length);
  return m < s ? [...naivePath(m, d.slice(0, s)), mth(d.slice(s))] : [...naivePath(m - s, d.slice(s)), mth(d.slice(0, s))];
};
const naiveSubproof = (m: number, d: Buffer[], b: boolean): Buffer[] => {
  if (m === d.length) return b ? [] : [mth(d)];
  const s = k(d.length);
  return m <= s
    ? [...naiveSubproof(m, d.slice(0, s), b), mth(d.slice(s))]
    : [...naiveSubproof(m - s, d.slice(s), false), mth(d.slice(0, s))];
};

const leaves = (n: number): Buffer[] => Array.from({ length: n }, (_, i) => hashLeafData(Buffer.from(`leaf ${i}`)));
const hex = (bs: Buffer[]): string[] => bs.map((b) => b.toString('hex'));

describe('Merkle tree against the RFC definitions', () => {
  const all = leaves(70);

  it('has the empty-tree root SHA-256("")', () => {
    expect(merkleRoot([]).toString('hex')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(EMPTY_TREE_ROOT.equals(merkleRoot([]))).toBe(true);
  });

  it('computes MTH, PATH and PROOF exactly as the recursive definitions for every size up to 70', () => {
    const log = new MerkleLog();
    for (let n = 0; n <= all.length; n++) {
      const d = all.slice(0, n);
      expect(log.root().equals(mth(d))).toBe(true);
      expect(merkleRoot(d).equals(mth(d))).toBe(true);
      for (let m = 0; m < n; m++) {
        const proof = log.inclusionProof(m, n);
        expect(hex(proof)).toEqual(hex(naivePath(m, d)));
        expect(verifyInclusion(d[m], m, n, proof, mth(d))).toBe(true);
        expect(verifyInclusion(d[m], m, n, proof, sha(mth(d)))).toBe(false);
        if (n > 1) expect(verifyInclusion(d[m], m ^ 1, n, proof, mth(d))).toBe(false);
      }
      for (let m = 1; m <= n; m++) {
        const proof = log.consistencyProof(m, n);
        expect(hex(proof)).toEqual(hex(naiveSubproof(m, d, true)));
        expect(verifyConsistency(m, n, proof, mth(d.slice(0, m)), mth(d))).toBe(true);
      }
      if (n < all.length) log.append(all[n]);
    }
  });

  it('rejects any single flipped bit in a consistency proof', () => {
    const proof = consistencyProof(all, 13, 70);
    for (let i = 0; i < proof.length; i++) {
      const bad = proof.map((p) => Buffer.from(p));
      bad[i][7] ^= 0x10;
      expect(verifyConsistency(13, 70, bad, merkleRoot(all.slice(0, 13)), merkleRoot(all))).toBe(false);
    }
  });

  it('throws a typed error for proofs that cannot exist', () => {
    expect(() => inclusionProof(all, 5, 5)).toThrow(expect.objectContaining({ code: 'AUDIT.OUT_OF_RANGE' }));
    expect(() => consistencyProof(all, 0, 5)).toThrow(expect.objectContaining({ code: 'AUDIT.OUT_OF_RANGE' }));
    expect(() => consistencyProof(all, 3, 71)).toThrow(expect.objectContaining({ code: 'AUDIT.OUT_OF_RANGE' }));
    expect(() => new MerkleLog([Buffer.alloc(31)])).toThrow(expect.objectContaining({ code: 'AUDIT.BAD_HASH' }));
  });

  // Correctness at size only: a wall-clock limit here failed on a busy machine; speed belongs in `npm run bench`.
  it('answers roots and proofs over 100,000 leaves', () => {
    const many = leaves(100_000);
    const log = new MerkleLog(many);
    const root = log.root();
    for (let size = 99_000; size <= 100_000; size += 7) log.root(size);
    for (let i = 0; i < 1000; i++) {
      const index = (i * 7919) % 100_000;
      expect(verifyInclusion(many[index], index, 100_000, log.inclusionProof(index), root)).toBe(true);
    }
    expect(verifyConsistency(65_537, 100_000, log.consistencyProof(65_537), log.root(65_537), root)).toBe(true);
    // Past the first chunk of stored hashes (65,536 per chunk): the roots agree with the verifier's own one-pass tree.
    const sizes = [65_535, 65_536, 65_537, 65_536 + 1024, 99_999, 100_000];
    const independent = new LeafHashes();
    for (const leaf of many) independent.push(leaf);
    const roots = independent.rootsAt(sizes);
    for (const size of sizes) expect(log.root(size).toString('hex')).toBe(roots.get(size)!.toString('hex'));
    for (const index of [65_535, 65_536, 99_999]) expect(log.leafHash(index).equals(many[index])).toBe(true);
  });

  it('hands out copies, so a caller that writes into a hash cannot alter the tree', () => {
    const log = new MerkleLog(all);
    const root = log.root();
    log.leafHash(3).fill(0);
    log.root(64).fill(0);
    log.inclusionProof(5).forEach((node) => node.fill(0));
    expect(log.root().equals(root)).toBe(true);
    expect(log.root().equals(mth(all))).toBe(true);
  });
});
