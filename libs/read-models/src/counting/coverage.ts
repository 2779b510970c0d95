/**
 * Where the record begins and ends: the first day and the last day of the facts the ledger holds
 * (meetings held, pledges made, status changes), as of the answer's date. Anything a report
 * would say after `to` (a handover, an outcome, a silence) reads `beyond the record`.
 */
export type Coverage = { from: string | null; to: string | null };

export const BEYOND_THE_RECORD = 'beyond the record' as const;

/** True when a day lies after the record's last fact (or the record is empty). */
export function isBeyond(coverage: Coverage, day: string): boolean {
  return coverage.to === null || day > coverage.to;
}
