import type { RecordedEvent } from '@concordat/shared-kernel';
import { applyAsOf, type EffectiveView } from './effective-view';
import { foldView } from './ledger-view';
import { normalizeInstant } from './provenance';

export interface BitemporalQuery {
  /** Full date `YYYY-MM-DD`: only what was effective on or before it counts. Defaults to `today`. */
  asOf?: string;
  /** ISO instant: only what the ledger had recorded by then counts. Defaults to everything. */
  knownAt?: string;
  /** The date "now" stands for when no asOf is given (injected so answers are reproducible). */
  today?: string;
}

export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

/** The date every "as of" question of a query is asked at. */
export function cutoffOf(query: BitemporalQuery): string {
  return query.asOf ?? query.today ?? todayUtc();
}

/**
 * The naive replay, and the definition every projection answer must equal: keep the events
 * recorded by `knownAt`, fold them all, then cut at `asOf`.
 */
export function viewAt(events: Iterable<RecordedEvent>, query: BitemporalQuery = {}): EffectiveView {
  const knownAt = query.knownAt === undefined ? undefined : normalizeInstant(query.knownAt);
  const known = knownAt === undefined ? [...events] : [...events].filter((e) => normalizeInstant(e.recordedAt) <= knownAt);
  return applyAsOf(foldView(known), cutoffOf(query));
}
