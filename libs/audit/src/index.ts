/**
 * @concordat/audit — tamper evidence for the ledger: RFC 9162 Merkle trees over per-event
 * leaf hashes, Ed25519-signed checkpoints of the tree, and an offline log verifier. Pure
 * functions except loadOrCreateSigningKey, which reads or writes the key file.
 */
export { AuditError, type AuditErrorCode } from './audit-error';
export { fromHex, HASH_BYTES, isHashHex, toHex } from './hex';
export {
  consistencyProof,
  EMPTY_TREE_ROOT,
  hashChildren,
  hashLeafData,
  inclusionProof,
  merkleRoot,
  MerkleLog,
  verifyConsistency,
  verifyInclusion,
} from './merkle';
export { assertLedgerEnvelope, canonicalBytes, dataDigest, leafHash, leafHashOfEvent, ledgerEnvelope, type LedgerEnvelope } from './leaf-hash';
export {
  checkpointMessage,
  checkpointShapeProblem,
  checkpointSignatureProblem,
  keyIdOf,
  publicKeyPem,
  signCheckpoint,
  verifyCheckpointSignature,
  type Checkpoint,
  type SignedCheckpoint,
} from './checkpoint';
export { loadOrCreateSigningKey, SIGNING_KEY_FILE, type SigningKeyOptions } from './signing-key';
export { logEntryFromEvent, parseNdjsonLine, toLogEntry, toNdjsonLine, type EventWithLeafHash, type LogEntry, type LogInput } from './log-entry';
export { verifyLog, type VerifyLogResult } from './verify-log';
export { checkpointEvidenceProblem } from './verify-log';
export {
  attestLeaves,
  CHECKPOINT_EVENT_TYPE,
  CHECKPOINT_STREAM,
  checkpointRecordData,
  isLedgerEntry,
  LEDGER_ORIGIN,
  parseCheckpointRecord,
  type AttestedLeaves,
  type CheckpointRecord,
} from './checkpoint-record';
export { readStoredLedger, storedEntry, type ReadStoredLedgerOptions, type StoredLedger } from './stored-ledger';
export { verifyEntries, verifyStoredLedger, type VerifyLedgerOptions } from './verify-ledger';
export {
  checkpointLine,
  consistencyProofLine,
  entryLine,
  exportTrailer,
  inclusionProofLine,
  parseExport,
  readExportInto,
  type ExportProblem,
  type ExportSink,
  type ConsistencyProofLine,
  type InclusionProofLine,
  type ProofSource,
  type ParsedExport,
} from './export-format';
export { ExportVerifier, verifyExport } from './verify-export';
