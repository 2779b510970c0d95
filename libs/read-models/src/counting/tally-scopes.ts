import { intervalsOverlap, type DayInterval } from '@concordat/shared-kernel';
import { termInterval, within, type Term } from './attribution';

/** The bilateral relationship the ledger was built for; pairs are reported for these two countries. */
export const PAIR_COUNTRIES = ['US', 'MX'] as const;

/**
 * What a priorities row counts over: one administration (its country, its term) or a pair of
 * administrations in office together (both countries, the days they shared). `key` is the row's
 * key in the reports: the administration id, or both ids joined by `+`.
 */
export type TallyScope = { key: string; kind: 'administration' | 'pair'; countries: string[]; term: DayInterval };

/** A pair's shared days; null when the two were never in office together. */
export function sharedTerm(a: Term, b: Term): DayInterval | null {
  const [ta, tb] = [termInterval(a), termInterval(b)];
  const term = { from: ta.from > tb.from ? ta.from : tb.from, to: ta.to < tb.to ? ta.to : tb.to };
  return term.from > term.to ? null : term;
}

/** Every scope the administrations make: each one, then each pair of the two countries in office together. */
export function tallyScopes(administrations: readonly Term[]): TallyScope[] {
  const [first, second] = PAIR_COUNTRIES;
  const scopes: TallyScope[] = administrations.map((a) => ({ key: a.id, kind: 'administration', countries: [a.country], term: termInterval(a) }));
  for (const a of administrations.filter((x) => x.country === first)) {
    for (const b of administrations.filter((x) => x.country === second)) {
      const term = sharedTerm(a, b);
      if (term) scopes.push({ key: `${a.id}+${b.id}`, kind: 'pair', countries: [first, second], term });
    }
  }
  return scopes;
}

/** Whether an agreement (its countries, its date's interval) counts in a scope, and how surely. */
export function placeInScope(scope: TallyScope, countries: readonly string[], interval: DayInterval): 'no' | 'certain' | 'uncertain' {
  if (!scope.countries.every((c) => countries.includes(c)) || !intervalsOverlap(interval, scope.term)) return 'no';
  return within(interval, scope.term) ? 'certain' : 'uncertain';
}
