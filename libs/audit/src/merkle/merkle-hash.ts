import { createHash, hash } from 'node:crypto';
import { AuditError } from '../audit-error';
import { HASH_BYTES } from '../hex';

/**
 * RFC 6962 §2.1 / RFC 9162 §2.1.1 domain separation: a leaf is hashed with a 0x00 prefix and
 * an interior node with 0x01, so no leaf can be passed off as a subtree (second-preimage).
 */
const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

/** MTH({}) = SHA-256() — the root of the empty tree. */
export const EMPTY_TREE_ROOT: Buffer = createHash('sha256').digest();

/** SHA-256(0x00 ‖ leafData): the RFC leaf hash of arbitrary bytes. */
export function hashLeafData(leafData: Uint8Array): Buffer {
  return createHash('sha256').update(LEAF_PREFIX).update(leafData).digest();
}

/** The 65 bytes of an interior node's input, reused: a one-shot hash of one buffer costs a third of a Hash object's three updates. */
const NODE_INPUT = Buffer.alloc(1 + 2 * HASH_BYTES, 0x01);

/** SHA-256(0x01 ‖ left ‖ right). */
export function hashChildren(left: Uint8Array, right: Uint8Array): Buffer {
  if (left.length !== HASH_BYTES || right.length !== HASH_BYTES) return createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
  NODE_INPUT.set(left, 1);
  NODE_INPUT.set(right, 1 + HASH_BYTES);
  return hash('sha256', NODE_INPUT, 'buffer');
}

/**
 * k = the largest power of two strictly less than n (n ≥ 2). Plain arithmetic rather than
 * bit operators, which truncate to 32 bits and would break past 2^31 leaves.
 */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

export function isPowerOfTwo(n: number): boolean {
  return n >= 1 && splitPoint(n + 1) === n;
}

export function isHash(value: unknown): value is Buffer {
  return Buffer.isBuffer(value) && value.length === HASH_BYTES;
}

export function assertHash(value: unknown, what: string): asserts value is Buffer {
  if (!isHash(value)) throw new AuditError('AUDIT.BAD_HASH', `${what} must be a ${HASH_BYTES}-byte Buffer`);
}

/** Tree sizes and indices: non-negative integers that survive the arithmetic exactly. */
export function isTreeIndex(n: unknown): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
}
