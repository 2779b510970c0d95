import type { KeyObject } from 'node:crypto';
import type { JsonValue, RecordedEvent } from '@concordat/shared-kernel';
import type { SignedCheckpoint } from './checkpoint';
import { attestLeaves, isLedgerEntry, parseCheckpointRecord, type CheckpointRecord } from './checkpoint-record';
import { toHex } from './hex';
import { dataDigest, envelopeAsFound, leafHash, ledgerEnvelope, type LedgerEnvelope } from './leaf-hash';
import type { LogEntry } from './log-entry';

/** The ledger as read from a store: entries numbered by rank, and the evidence kept beside them. */
export interface StoredLedger {
  /** Ledger entries in store order, `sequence` = 1-based rank among them (checkpoint events skipped). */
  entries: LogEntry[];
  /** positions[i] is the store position of entries[i]. */
  positions: bigint[];
  records: CheckpointRecord[];
  checkpoints: SignedCheckpoint[];
  /** Checkpoint events whose data is not a checkpoint record: the checkpoint stream was tampered with. */
  malformedCheckpoints: Array<{ position: bigint; problem: string }>;
  /** How many leading entries have a leaf hash bound by a signed root (the rest are only recomputed). */
  attested: number;
  attestationStoppedBecause?: string;
}

export interface ReadStoredLedgerOptions {
  /** The leaf hash some other witness (e.g. the running service's memory) holds for a sequence. */
  claimFor?: (sequence: number) => string | undefined;
  /** The sequence the ledger assigned to a position, when known (defaults to the rank). */
  sequenceFor?: (position: bigint, rank: number) => number;
}

/**
 * Turns stored events (in position order, checkpoint events included) into log entries for
 * verifyLog. Each entry's claimed leaf hash is, in order of preference: the one recorded with
 * a checkpoint and bound by its signed root, the other witness's, or else the recomputed one
 * (then only the signed roots protect that event).
 */
export function readStoredLedger(events: Iterable<RecordedEvent>, publicKey: KeyObject | string | undefined, options: ReadStoredLedgerOptions = {}): StoredLedger {
  const ledgerEvents: RecordedEvent[] = [];
  const records: CheckpointRecord[] = [];
  const malformedCheckpoints: StoredLedger['malformedCheckpoints'] = [];
  for (const event of events) {
    if (isLedgerEntry(event)) {
      ledgerEvents.push(event);
      continue;
    }
    const record = parseCheckpointRecord(event.data);
    if (typeof record === 'string') malformedCheckpoints.push({ position: event.position, problem: record });
    else records.push(record);
  }
  // Without a key (an exporter) the recorded hashes are passed on as claims; the verifier, which
  // has the key, authenticates them through the signed roots.
  const attestation = publicKey === undefined ? { leaves: recordedLeaves(records), stoppedBecause: undefined } : attestLeaves(records, publicKey);
  const entries = ledgerEvents.map((event, i) => {
    const sequence = options.sequenceFor?.(event.position, i + 1) ?? i + 1;
    const claim = attestation.leaves[sequence - 1] ?? options.claimFor?.(sequence);
    return storedEntry(event, sequence, claim);
  });
  return {
    entries,
    positions: ledgerEvents.map((e) => e.position),
    records,
    checkpoints: records.map((r) => r.checkpoint),
    malformedCheckpoints,
    attested: attestation.leaves.length,
    attestationStoppedBecause: attestation.stoppedBecause,
  };
}

/** The recorded leaf lists joined in order, as far as they continue one another (not authenticated). */
function recordedLeaves(records: readonly CheckpointRecord[]): string[] {
  const leaves: string[] = [];
  for (const { checkpoint, leaves: list } of records) {
    if (checkpoint.treeSize <= leaves.length) continue;
    if (list.from !== leaves.length + 1) break;
    leaves.push(...list.hashes);
  }
  return leaves;
}

/**
 * A stored event as a log entry. An event whose envelope cannot be built (metadata altered into
 * the wrong shape) still becomes an entry, with the envelope as found, so that verifyLog names
 * it as malformed at its sequence rather than the whole read failing.
 */
export function storedEntry(event: RecordedEvent, sequence: number, claimedLeafHash?: string): LogEntry {
  let envelope: LedgerEnvelope;
  try {
    envelope = ledgerEnvelope(event, sequence);
  } catch {
    envelope = envelopeAsFound(event, sequence);
  }
  let computed = '';
  try {
    computed = toHex(leafHash(envelope, dataDigest(event.data as JsonValue)));
  } catch {
    // Left empty: verifyLog reports the malformed envelope or unhashable data at this sequence.
  }
  return { sequence, envelope, data: event.data, leafHash: claimedLeafHash ?? computed };
}
