import { createHash, generateKeyPairSync, verify } from 'node:crypto';
import {
  checkpointMessage,
  keyIdOf,
  publicKeyPem,
  signCheckpoint,
  verifyCheckpointSignature,
  checkpointSignatureProblem,
  type Checkpoint,
} from './checkpoint';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const cp: Checkpoint = {
  origin: 'concordat.example/ledger',
  treeSize: 40,
  rootHash: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  issuedAt: '2025-03-01T09:30:00.000Z',
};

describe('checkpoints', () => {
  it('signs the JCS of exactly the four fields', () => {
    const signed = signCheckpoint(cp, privateKey);
    const message = '{"issuedAt":"2025-03-01T09:30:00.000Z","origin":"concordat.example/ledger",' +
      '"rootHash":"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855","treeSize":40}';
    expect(checkpointMessage(cp).toString('utf8')).toBe(message);
    expect(verify(null, Buffer.from(message), publicKey, Buffer.from(signed.signature, 'base64'))).toBe(true);
    expect(verifyCheckpointSignature(signed, publicKey)).toBe(true);
    expect(verifyCheckpointSignature(signed, publicKeyPem(privateKey))).toBe(true);
  });

  it('derives keyId from the raw 32-byte public key', () => {
    const raw = publicKey.export({ type: 'spki', format: 'der' }).subarray(-32);
    const expected = createHash('sha256').update(raw).digest('hex').slice(0, 16);
    expect(keyIdOf(publicKey)).toBe(expected);
    expect(keyIdOf(privateKey)).toBe(expected);
    expect(signCheckpoint(cp, privateKey).keyId).toBe(expected);
  });

  it('rejects any altered field, a foreign key and malformed checkpoints', () => {
    const signed = signCheckpoint(cp, privateKey);
    expect(verifyCheckpointSignature({ ...signed, treeSize: 41 }, publicKey)).toBe(false);
    expect(verifyCheckpointSignature({ ...signed, rootHash: 'f'.repeat(64) }, publicKey)).toBe(false);
    expect(verifyCheckpointSignature({ ...signed, issuedAt: '2025-03-01T09:30:01.000Z' }, publicKey)).toBe(false);
    expect(verifyCheckpointSignature({ ...signed, origin: 'elsewhere' }, publicKey)).toBe(false);
    expect(checkpointSignatureProblem({ ...signed, treeSize: 41 }, publicKey)).toMatch(/invalid signature/);
    const other = generateKeyPairSync('ed25519');
    expect(checkpointSignatureProblem(signed, other.publicKey)).toMatch(/not by the expected key/);
    // Same keyId claimed, different signer: the signature itself must fail.
    const forged = { ...signCheckpoint(cp, other.privateKey), keyId: signed.keyId };
    expect(checkpointSignatureProblem(forged, publicKey)).toMatch(/invalid signature/);
    expect(checkpointSignatureProblem({ ...signed, rootHash: signed.rootHash.toUpperCase() }, publicKey)).toMatch(/malformed/);
    expect(() => signCheckpoint({ ...cp, treeSize: -1 }, privateKey)).toThrow(expect.objectContaining({ code: 'AUDIT.BAD_CHECKPOINT' }));
    expect(() => signCheckpoint({ ...cp, issuedAt: 'yesterday' }, privateKey)).toThrow(expect.objectContaining({ code: 'AUDIT.BAD_CHECKPOINT' }));
  });

  it('refuses keys that are not Ed25519 private keys', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    expect(() => signCheckpoint(cp, ec.privateKey)).toThrow(expect.objectContaining({ code: 'AUDIT.BAD_KEY' }));
    expect(() => signCheckpoint(cp, publicKey)).toThrow(expect.objectContaining({ code: 'AUDIT.BAD_KEY' }));
  });
});
