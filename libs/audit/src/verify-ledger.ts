import type { KeyObject } from 'node:crypto';
import type { JsonValue } from '@concordat/shared-kernel';
import type { SignedCheckpoint } from './checkpoint';
import { toHex } from './hex';
import { dataDigest, leafHash } from './leaf-hash';
import type { LogEntry } from './log-entry';
import type { StoredLedger } from './stored-ledger';
import { verifyLog, type VerifyLogResult } from './verify-log';

export interface VerifyLedgerOptions {
  trusted?: SignedCheckpoint;
  /**
   * How many entries a witness (the running service) has seen: fewer stored entries means the
   * tail was deleted, even where no checkpoint covered it yet.
   */
  expectedSize?: number;
}

/**
 * verifyLog over a ledger read from a store, plus what only a store read can tell: malformed
 * checkpoint events, a tail shorter than a witness saw, and — when a leaf hash mismatches —
 * whether the event is one the ledger recorded at another sequence (a reorder).
 */
export function verifyStoredLedger(ledger: StoredLedger, publicKey: KeyObject | string, options: VerifyLedgerOptions = {}): VerifyLogResult {
  const bad = ledger.malformedCheckpoints[0];
  if (bad) {
    return { ok: false, checkedEvents: 0, lastCheckpoint: null, reason: `the checkpoint event at store position ${bad.position} is not a checkpoint record: ${bad.problem}` };
  }
  const result = verifyEntries(ledger.entries, ledger.checkpoints, publicKey, options.trusted);
  if (result.ok && options.expectedSize !== undefined && ledger.entries.length < options.expectedSize) {
    const missing = ledger.entries.length + 1;
    return {
      ...result,
      ok: false,
      firstBrokenPosition: missing,
      reason: `the ledger recorded ${options.expectedSize} entries but the store holds ${ledger.entries.length}: events deleted from sequence ${missing}`,
    };
  }
  return result;
}

/** verifyLog, with a leaf-hash mismatch explained as a reorder when it is one. */
export function verifyEntries(entries: LogEntry[], checkpoints: readonly SignedCheckpoint[], publicKey: KeyObject | string, trusted?: SignedCheckpoint): VerifyLogResult {
  const result = verifyLog(entries, checkpoints, publicKey, trusted);
  if (result.ok || result.firstBrokenPosition === undefined || !result.reason?.startsWith('leaf hash mismatch')) return result;
  const moved = recordedElsewhere(entries, result.firstBrokenPosition - 1);
  return moved === undefined ? result : { ...result, reason: `${result.reason}: the event found there is the one the ledger recorded at sequence ${moved} (events reordered)` };
}

/**
 * The sequence whose recorded leaf hash the event at `index` would have if it stood there, if
 * any. One hash per entry, computed only for the first broken one.
 */
export function recordedElsewhere(entries: readonly LogEntry[], index: number): number | undefined {
  const entry = entries[index];
  if (!entry) return undefined;
  let digest: Buffer;
  try {
    digest = dataDigest(entry.data as JsonValue);
  } catch {
    return undefined;
  }
  for (let j = 0; j < entries.length; j++) {
    if (j === index) continue;
    const sequence = entries[j].sequence;
    try {
      if (toHex(leafHash({ ...entry.envelope, sequence }, digest)) === entries[j].leafHash) return sequence;
    } catch {
      return undefined;
    }
  }
  return undefined;
}
