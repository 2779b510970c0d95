import { createHash, createPublicKey, KeyObject, sign, verify } from 'node:crypto';
import { AuditError } from './audit-error';
import { isHashHex } from './hex';
import { canonicalBytes } from './leaf-hash';

/** A statement by the ledger: "my log of `treeSize` events has Merkle root `rootHash`". */
export interface Checkpoint {
  /** Names the log, so a checkpoint of one ledger cannot be presented as another's. */
  origin: string;
  treeSize: number;
  /** Lowercase hex of the RFC 9162 root over the first treeSize leaf hashes. */
  rootHash: string;
  /** ISO-8601 instant. */
  issuedAt: string;
}

/**
 * `signature` is base64 Ed25519 over UTF-8(JCS({origin, treeSize, rootHash, issuedAt})) — the
 * four fields only, so adding transport fields later never breaks old signatures.
 * `keyId` is the first 16 hex characters of SHA-256(raw 32-byte Ed25519 public key).
 */
export interface SignedCheckpoint extends Checkpoint {
  signature: string;
  keyId: string;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;
const ED25519_SIGNATURE_BASE64 = /^[A-Za-z0-9+/]{86}==$/;

/** Why `cp` is not a well-formed checkpoint, or undefined if it is. */
export function checkpointShapeProblem(cp: unknown): string | undefined {
  if (typeof cp !== 'object' || cp === null) return 'not an object';
  const c = cp as Record<string, unknown>;
  if (typeof c.origin !== 'string' || c.origin === '') return 'origin must be a non-empty string';
  if (typeof c.treeSize !== 'number' || !Number.isSafeInteger(c.treeSize) || c.treeSize < 0) return 'treeSize must be an integer >= 0';
  if (!isHashHex(c.rootHash)) return 'rootHash must be 64 lowercase hex characters';
  if (typeof c.issuedAt !== 'string' || !ISO_INSTANT.test(c.issuedAt) || Number.isNaN(Date.parse(c.issuedAt))) {
    return 'issuedAt must be an ISO-8601 instant';
  }
  return undefined;
}

/** The exact bytes that are signed. */
export function checkpointMessage(cp: Checkpoint): Buffer {
  const problem = checkpointShapeProblem(cp);
  if (problem) throw new AuditError('AUDIT.BAD_CHECKPOINT', `invalid checkpoint: ${problem}`);
  return canonicalBytes({ origin: cp.origin, treeSize: cp.treeSize, rootHash: cp.rootHash, issuedAt: cp.issuedAt });
}

/** The last PEM read: a verifier checks every checkpoint against one key, parsed once. */
let lastPem: { pem: string; key: KeyObject } | undefined;
const keyIds = new WeakMap<KeyObject, string>();

function fromPem(pem: string): KeyObject {
  if (lastPem?.pem !== pem) lastPem = { pem, key: createPublicKey(pem) };
  return lastPem.key;
}

function ed25519(key: KeyObject | string, wantPublic: boolean): KeyObject {
  let k: KeyObject;
  try {
    k = typeof key === 'string' ? fromPem(key) : key;
  } catch (error) {
    throw new AuditError('AUDIT.BAD_KEY', `cannot read public key: ${(error as Error).message}`);
  }
  if (!(k instanceof KeyObject) || k.asymmetricKeyType !== 'ed25519') throw new AuditError('AUDIT.BAD_KEY', 'an Ed25519 key is required');
  if (wantPublic) return k.type === 'public' ? k : createPublicKey(k);
  if (k.type !== 'private') throw new AuditError('AUDIT.BAD_KEY', 'signing needs the private key');
  return k;
}

/** SPKI PEM of the public half; accepts a private or public key. */
export function publicKeyPem(key: KeyObject): string {
  return ed25519(key, true).export({ type: 'spki', format: 'pem' }).toString();
}

/** First 16 hex characters of SHA-256 of the raw 32-byte public key (from a private or public key, or a PEM). */
export function keyIdOf(key: KeyObject | string): string {
  const publicKey = ed25519(key, true);
  let id = keyIds.get(publicKey);
  if (id === undefined) {
    const jwk = publicKey.export({ format: 'jwk' });
    id = createHash('sha256').update(Buffer.from(String(jwk.x), 'base64url')).digest('hex').slice(0, 16);
    keyIds.set(publicKey, id);
  }
  return id;
}

export function signCheckpoint(cp: Checkpoint, privateKey: KeyObject): SignedCheckpoint {
  const message = checkpointMessage(cp);
  const signature = sign(null, message, ed25519(privateKey, false)).toString('base64');
  return { origin: cp.origin, treeSize: cp.treeSize, rootHash: cp.rootHash, issuedAt: cp.issuedAt, signature, keyId: keyIdOf(privateKey) };
}

/**
 * Why `signed` is not a valid checkpoint by `publicKey`, or undefined if it is. A keyId that
 * names another key is refused even before the signature, so the reason says "wrong key"
 * rather than "forged" when a checkpoint was merely signed by a rotated key.
 */
export function checkpointSignatureProblem(signed: SignedCheckpoint, publicKey: KeyObject | string): string | undefined {
  const shape = checkpointShapeProblem(signed);
  if (shape) return `malformed (${shape})`;
  const expectedKeyId = keyIdOf(publicKey);
  if (signed.keyId !== expectedKeyId) return `signed by key ${String(signed.keyId)}, not by the expected key ${expectedKeyId}`;
  if (typeof signed.signature !== 'string' || !ED25519_SIGNATURE_BASE64.test(signed.signature)) return 'signature is not a base64 Ed25519 signature';
  const ok = verify(null, checkpointMessage(signed), ed25519(publicKey, true), Buffer.from(signed.signature, 'base64'));
  return ok ? undefined : 'invalid signature (checkpoint forged or altered)';
}

/** True iff `signed` is well-formed, names `publicKey` and carries its valid signature. */
export function verifyCheckpointSignature(signed: SignedCheckpoint, publicKey: KeyObject | string): boolean {
  return checkpointSignatureProblem(signed, publicKey) === undefined;
}
