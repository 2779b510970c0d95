import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/**
 * A UUID (version 8, "custom") derived from its inputs. Event and entry ids are deterministic so
 * that a retried or resumed write produces the same ids and the store's idempotency makes it a
 * no-op; inputs include the expected revision and the event's content, so two different writes
 * never share an id.
 */
export function deterministicUuid(...parts: unknown[]): string {
  const hex = createHash('sha256').update(canonicalize(parts) ?? '').digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function sha256Hex(value: unknown): string {
  return createHash('sha256').update(canonicalize(value) ?? '').digest('hex');
}
