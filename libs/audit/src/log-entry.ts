import type { JsonValue, RecordedEvent } from '@concordat/shared-kernel';
import { AuditError } from './audit-error';
import { toHex } from './hex';
import { dataDigest, leafHash, ledgerEnvelope, type LedgerEnvelope } from './leaf-hash';

/**
 * One event as the verifier sees it — also exactly one line of the NDJSON export, so an
 * offline auditor needs nothing but this library and the file.
 */
export interface LogEntry {
  sequence: number;
  envelope: LedgerEnvelope;
  data: JsonValue;
  /** The leaf hash the ledger claims for this event (lowercase hex). */
  leafHash: string;
}

/** A stored event, optionally with the leaf hash the store recorded for it. */
export type EventWithLeafHash = RecordedEvent & { leafHash?: string };

/** What verifyLog accepts: export lines, stored events, or a mix. */
export type LogInput = LogEntry | EventWithLeafHash;

/**
 * A stored event as a log entry; sequence defaults to the store's global position. Without a
 * stored leaf hash the claim is recomputed, so then only the signed checkpoints protect it.
 */
export function logEntryFromEvent(event: RecordedEvent, options: { sequence?: number; leafHash?: string } = {}): LogEntry {
  const sequence = options.sequence ?? positionAsSequence(event.position);
  const envelope = ledgerEnvelope(event, sequence);
  const claimed = options.leafHash ?? toHex(leafHash(envelope, dataDigest(event.data)));
  return { sequence, envelope, data: event.data, leafHash: claimed };
}

export function toLogEntry(input: LogInput): LogEntry {
  if (typeof input !== 'object' || input === null) throw new AuditError('AUDIT.BAD_ENVELOPE', 'a log entry must be an object');
  if ('envelope' in input) return input;
  return logEntryFromEvent(input, { leafHash: input.leafHash });
}

/** One NDJSON export line (no trailing newline); member order is fixed for readable diffs. */
export function toNdjsonLine(entry: LogEntry): string {
  return JSON.stringify({ sequence: entry.sequence, envelope: entry.envelope, data: entry.data, leafHash: entry.leafHash });
}

/** Parses one export line; the envelope and hash are checked by verifyLog, not here. */
export function parseNdjsonLine(line: string): LogEntry {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    throw new AuditError('AUDIT.NOT_JSON', `export line is not JSON: ${(error as Error).message}`);
  }
  return logEntryOfLine(value);
}

/** An export line already parsed (JSON.parse once per line), checked for the members of an entry. */
export function logEntryOfLine(value: unknown): LogEntry {
  const v = value as Partial<LogEntry> | null;
  if (typeof v !== 'object' || v === null || !('envelope' in v) || !('data' in v) || typeof v.leafHash !== 'string' || typeof v.sequence !== 'number') {
    throw new AuditError('AUDIT.BAD_ENVELOPE', 'export line needs sequence, envelope, data and leafHash');
  }
  return v as LogEntry;
}

function positionAsSequence(position: bigint): number {
  if (position < 1n || position > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new AuditError('AUDIT.OUT_OF_RANGE', `position ${position} cannot be a ledger sequence`);
  }
  return Number(position);
}
