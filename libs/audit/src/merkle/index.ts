export { EMPTY_TREE_ROOT, hashChildren, hashLeafData } from './merkle-hash';
export { MerkleLog } from './merkle-log';
export { consistencyProof, inclusionProof, merkleRoot } from './merkle-proofs';
export { verifyConsistency, verifyInclusion } from './merkle-verify';
