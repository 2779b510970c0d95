import { AuditError } from './audit-error';

/** Bytes of a SHA-256 digest; every hash in this library has this length. */
export const HASH_BYTES = 32;

const HEX = /^(?:[0-9a-f]{2})*$/;

/** Lowercase hex, the only spelling this library writes (signed bytes must be canonical). */
export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

/**
 * Strict decoding: Buffer.from(s, 'hex') silently stops at the first bad character, which
 * would let a corrupted hash decode to a shorter, different value. Only lowercase is accepted
 * because a hash is compared and signed as text elsewhere.
 */
export function fromHex(hex: string, expectedBytes?: number): Buffer {
  if (typeof hex !== 'string' || !HEX.test(hex)) {
    throw new AuditError('AUDIT.BAD_HEX', `not lowercase hex: ${JSON.stringify(String(hex).slice(0, 80))}`);
  }
  if (expectedBytes !== undefined && hex.length !== expectedBytes * 2) {
    throw new AuditError('AUDIT.BAD_HEX', `expected ${expectedBytes} bytes of hex, got ${hex.length / 2}`);
  }
  return Buffer.from(hex, 'hex');
}

/** True for a lowercase hex SHA-256 digest (64 characters). */
export function isHashHex(value: unknown): value is string {
  return typeof value === 'string' && value.length === HASH_BYTES * 2 && HEX.test(value);
}
