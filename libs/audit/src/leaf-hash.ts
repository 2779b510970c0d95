import { hash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { JsonValue, RecordedEvent } from '@concordat/shared-kernel';
import { AuditError } from './audit-error';

/**
 * The leaf hash of one ledger event — the exact byte layout, for re-implementation elsewhere:
 *
 *   leafHash = SHA-256( 0x00 ‖ E ‖ D )                       32 bytes
 *   E        = UTF-8( JCS(envelope) )                         variable length, no BOM/newline
 *   D        = SHA-256( UTF-8( JCS(data) ) )                  32 raw bytes (not hex)
 *
 * JCS is RFC 8785 (members sorted by UTF-16 code units, no whitespace, ECMAScript number
 * formatting, minimal string escaping). `envelope` is a JSON object with exactly these 12
 * members, in JCS order:
 *
 *   causationId    string | null   metadata.causationId, null when absent
 *   corrects       string | null   metadata.corrects, null when absent
 *   correlationId  string          metadata.correlationId
 *   effectiveOn    string | null   metadata.effectiveOn (YYYY, YYYY-MM or YYYY-MM-DD), null when absent
 *   eventId        string          the event's id
 *   recordedAt     string          the store's ISO-8601 instant, exactly as stored
 *   recordedBy     string          metadata.recordedBy
 *   revision       number          integer >= 0, the event's revision in its stream
 *   schemaVersion  number          metadata.schemaVersion
 *   sequence       number          integer >= 1, the ledger sequence (global position)
 *   streamId       string          the stream's id
 *   type           string          the event type
 *
 * Why this shape: the 0x00 prefix is RFC 6962's leaf domain separation, so the leaf can go
 * straight into the Merkle tree (whose interior nodes use 0x01). D has a fixed length at the
 * end, so E ‖ D splits unambiguously. Hashing the payload separately lets a leaf be re-derived
 * from the envelope and a 32-byte digest, e.g. when a payload is withheld from an export.
 * Absent fields are null rather than omitted so that every leaf commits to the same 12 names.
 * Other metadata (e.g. idempotencyKey) is deliberately NOT covered.
 */
export interface LedgerEnvelope {
  streamId: string;
  revision: number;
  sequence: number;
  eventId: string;
  type: string;
  schemaVersion: number;
  effectiveOn: string | null;
  recordedAt: string;
  recordedBy: string;
  correlationId: string;
  causationId: string | null;
  corrects: string | null;
}

const STRINGS = ['streamId', 'eventId', 'type', 'recordedAt', 'recordedBy', 'correlationId'] as const;
const NULLABLE_STRINGS = ['effectiveOn', 'causationId', 'corrects'] as const;
const ENVELOPE_KEYS = new Set<string>([...STRINGS, ...NULLABLE_STRINGS, 'revision', 'sequence', 'schemaVersion']);

/** The envelope of a stored event; `sequence` is passed in because only the ledger assigns it. */
export function ledgerEnvelope(event: RecordedEvent, sequence: number): LedgerEnvelope {
  const envelope = envelopeAsFound(event, sequence);
  assertLedgerEnvelope(envelope);
  return envelope;
}

/** The envelope members as stored, unchecked: a verifier keeps a malformed one to name it at its sequence. */
export function envelopeAsFound(event: RecordedEvent, sequence: number): LedgerEnvelope {
  const m = (event.metadata ?? {}) as Partial<RecordedEvent['metadata']>;
  return {
    streamId: event.streamId,
    revision: event.revision,
    sequence,
    eventId: event.id,
    type: event.type,
    schemaVersion: m.schemaVersion,
    effectiveOn: m.effectiveOn ?? null,
    recordedAt: event.recordedAt,
    recordedBy: m.recordedBy,
    correlationId: m.correlationId,
    causationId: m.causationId ?? null,
    corrects: m.corrects ?? null,
  } as LedgerEnvelope;
}

/**
 * Envelopes also arrive from untrusted exports, so the shape is checked strictly: a missing
 * member would silently drop out of JCS, and an extra one would be hashed although the spec
 * above does not cover it.
 */
function bad(why: string): never {
  throw new AuditError('AUDIT.BAD_ENVELOPE', `invalid ledger envelope: ${why}`);
}

export function assertLedgerEnvelope(value: unknown): asserts value is LedgerEnvelope {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return bad('not an object');
  const v = value as Record<string, unknown>;
  for (const key of Object.keys(v)) if (!ENVELOPE_KEYS.has(key)) bad(`unexpected member "${key}"`);
  for (const key of STRINGS) if (typeof v[key] !== 'string') bad(`${key} must be a string`);
  for (const key of NULLABLE_STRINGS) if (v[key] !== null && typeof v[key] !== 'string') bad(`${key} must be a string or null`);
  if (!isInteger(v.revision, 0)) bad('revision must be an integer >= 0');
  if (!isInteger(v.sequence, 1)) bad('sequence must be an integer >= 1');
  if (typeof v.schemaVersion !== 'number' || !Number.isFinite(v.schemaVersion)) bad('schemaVersion must be a finite number');
}

function isInteger(n: unknown, min: number): boolean {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= min;
}

/** Thrown by plainJcs where the value is not plain JSON: canonicalize then decides (and words any error). */
const NOT_PLAIN = Symbol('not plain JSON');

/**
 * RFC 8785 of a plain JSON value (what JSON.parse gives and events hold): the same text as
 * canonicalize — JSON.stringify for strings and numbers, members sorted by UTF-16 code units —
 * built by appending, about twice as fast as its per-member reduce. Anything else (undefined,
 * toJSON, non-finite numbers, …) is left to canonicalize; the spec holds the two equal.
 */
export function plainJcs(v: unknown): string {
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v);
    case 'number':
      if (!Number.isFinite(v)) throw NOT_PLAIN;
      return JSON.stringify(v);
    case 'boolean':
      return v ? 'true' : 'false';
    case 'object':
      break;
    default:
      throw NOT_PLAIN;
  }
  if (v === null) return 'null';
  if (typeof (v as { toJSON?: unknown }).toJSON === 'function') throw NOT_PLAIN;
  if (Array.isArray(v)) {
    let out = '[';
    for (let i = 0; i < v.length; i++) {
      if (i > 0) out += ',';
      out += plainJcs(v[i]);
    }
    return `${out}]`;
  }
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).sort();
  let out = '{';
  for (let i = 0; i < keys.length; i++) {
    if (i > 0) out += ',';
    out += `${JSON.stringify(keys[i])}:${plainJcs(o[keys[i]])}`;
  }
  return `${out}}`;
}

/** The RFC 8785 canonical form; rejects what JSON cannot represent exactly. */
function canonicalText(value: unknown): string {
  try {
    return plainJcs(value);
  } catch {
    // not plain JSON (or too deep): canonicalize answers, or words the refusal
  }
  let text: string | undefined;
  try {
    text = canonicalize(value);
  } catch (error) {
    throw new AuditError('AUDIT.NOT_JSON', `value has no canonical JSON form: ${(error as Error).message}`);
  }
  if (text === undefined) throw new AuditError('AUDIT.NOT_JSON', 'value has no canonical JSON form');
  return text;
}

/** UTF-8 bytes of the RFC 8785 canonical form; rejects what JSON cannot represent exactly. */
export function canonicalBytes(value: unknown): Buffer {
  return Buffer.from(canonicalText(value), 'utf8');
}

/** D = SHA-256(UTF-8(JCS(data))) (a string is hashed as its UTF-8 bytes). */
export function dataDigest(data: JsonValue): Buffer {
  return hash('sha256', canonicalText(data), 'buffer');
}

/** Reused for every leaf (grown when an envelope is longer): hashing copies it at once. */
let leafInput = Buffer.alloc(4096);
const text = (s: string | null) => JSON.stringify(s);

/**
 * JCS of a checked envelope, written member by member in JCS order: the same bytes as the
 * general canonicalize (strings and numbers go through JSON.stringify in both; the spec holds
 * the two equal), without sorting keys for every event.
 */
export function envelopeJcs(e: LedgerEnvelope): string {
  return (
    `{"causationId":${text(e.causationId)},"corrects":${text(e.corrects)},"correlationId":${text(e.correlationId)},` +
    `"effectiveOn":${text(e.effectiveOn)},"eventId":${text(e.eventId)},"recordedAt":${text(e.recordedAt)},` +
    `"recordedBy":${text(e.recordedBy)},"revision":${JSON.stringify(e.revision)},"schemaVersion":${JSON.stringify(e.schemaVersion)},` +
    `"sequence":${JSON.stringify(e.sequence)},"streamId":${text(e.streamId)},"type":${text(e.type)}}`
  );
}

/** SHA-256(0x00 ‖ UTF-8(JCS(envelope)) ‖ digest). */
export function leafHash(envelope: LedgerEnvelope, digest: Buffer): Buffer {
  assertLedgerEnvelope(envelope);
  if (!Buffer.isBuffer(digest) || digest.length !== 32) throw new AuditError('AUDIT.BAD_HASH', 'data digest must be 32 bytes');
  const jcs = envelopeJcs(envelope);
  // One buffer, one one-shot hash: 0x00, the envelope's UTF-8 (at most 3 bytes per UTF-16 unit), the digest.
  if (1 + jcs.length * 3 + 32 > leafInput.length) leafInput = Buffer.alloc(2 * (1 + jcs.length * 3 + 32));
  leafInput[0] = 0x00;
  const written = leafInput.write(jcs, 1, 'utf8');
  digest.copy(leafInput, 1 + written);
  return hash('sha256', leafInput.subarray(0, 1 + written + 32), 'buffer');
}

export function leafHashOfEvent(event: RecordedEvent, sequence: number): Buffer {
  return leafHash(ledgerEnvelope(event, sequence), dataDigest(event.data));
}
