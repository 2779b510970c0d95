import { dateInterval, intervalsOverlap, type DayInterval } from '@concordat/shared-kernel';

export type Term = { id: string; country: string; startedOn: string; endedOn: string | null };
export type AttributionKind = 'certain' | 'uncertain' | 'none';

/** Every administration it may fall in; `uncertain` when the date's interval is not wholly inside each of them, and `candidates` names those it only may fall in. */
export type Attribution = { attribution: AttributionKind; administrations: string[]; candidates: string[] };

/** The end of a term still running (no end recorded). */
export const OPEN_END = '9999-12-31';

export function termInterval(a: Pick<Term, 'startedOn' | 'endedOn'>): DayInterval {
  return { from: a.startedOn, to: a.endedOn ?? OPEN_END };
}

export function within(inner: DayInterval, outer: DayInterval): boolean {
  return outer.from <= inner.from && inner.to <= outer.to;
}

/**
 * Imprecise dates are intervals ("2012" is 2012-01-01..2012-12-31). A fact falls in every
 * administration of its countries whose term overlaps its interval; it is `certain` when each of
 * them holds the whole interval, and `uncertain` (with those candidates) when the interval spans
 * a handover or a term's edge. No country, or no term overlapping: `none`.
 */
export function attribute(date: string, countries: readonly string[], terms: readonly Term[]): Attribution {
  const interval = dateInterval(date);
  const hits = terms.filter((t) => countries.includes(t.country) && intervalsOverlap(interval, termInterval(t)));
  const administrations = hits.map((t) => t.id).sort();
  const candidates = hits.filter((t) => !within(interval, termInterval(t))).map((t) => t.id).sort();
  return { attribution: hits.length === 0 ? 'none' : candidates.length > 0 ? 'uncertain' : 'certain', administrations, candidates };
}

/** How a fact dated `date` relates to one administration or a period: not at all, surely, or possibly. */
export function fallsIn(date: string, period: DayInterval): 'no' | 'certain' | 'uncertain' {
  const interval = dateInterval(date);
  if (!intervalsOverlap(interval, period)) return 'no';
  return within(interval, period) ? 'certain' : 'uncertain';
}
