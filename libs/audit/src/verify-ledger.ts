import type { KeyObject } from 'node:crypto';
import type { SignedCheckpoint } from './checkpoint';
import type { LogEntry } from './log-entry';
import { LogScanner } from './log-scanner';
import type { StoredLedger } from './stored-ledger';
import { logVerdict, type VerifyLogResult } from './verify-log';

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
export function verifyEntries(entries: Iterable<LogEntry>, checkpoints: readonly SignedCheckpoint[], publicKey: KeyObject | string, trusted?: SignedCheckpoint): VerifyLogResult {
  const scanner = new LogScanner(1, true);
  for (const entry of entries) scanner.add(entry);
  return logVerdict(scanner, checkpoints, publicKey, trusted);
}
