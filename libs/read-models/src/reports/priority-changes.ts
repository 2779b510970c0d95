import { BEYOND_THE_RECORD, isBeyond, type Coverage } from '../counting/coverage';
import type { AdministrationView } from '../ledger-view/reference.views';
import { periodOf, themeAgreements, type ThemeAgreement } from './priorities-by-administration';
import { administrationRef, sortBy, sortKey, type AdministrationRef } from './refs';
import type { ReportSource } from './report-source';

/** A theme across one handover, with the counts on each side (null: not agreed on that side). */
export type ThemeShift = { theme: string; themeName: string | null; before: ThemeAgreement | null; after: ThemeAgreement | null };

export type PriorityChangeRow = {
  key: string;
  country: string;
  from: AdministrationRef;
  to: AdministrationRef;
  handoverOn: string;
  /** `beyond the record` when the handover lies after the record's last fact: nothing is said to continue or drop. */
  record: 'within the record' | typeof BEYOND_THE_RECORD;
  /** The successor's term is compared up to here: its end, asOf, or the record's last day, whichever is first. */
  comparedUntil: string | null;
  continued: ThemeShift[];
  added: ThemeShift[];
  dropped: ThemeShift[];
};

export interface PriorityChangeFilters {
  country?: string;
  theme?: string;
  attribution?: 'certain';
}

function shifts(source: ReportSource, before: ThemeAgreement[], after: ThemeAgreement[]) {
  const b = new Map(before.map((t) => [t.theme, t]));
  const a = new Map(after.map((t) => [t.theme, t]));
  const themes = [...new Set([...b.keys(), ...a.keys()])].sort();
  const shift = (theme: string): ThemeShift => ({ theme, themeName: source.themeName(theme), before: b.get(theme) ?? null, after: a.get(theme) ?? null });
  return {
    continued: themes.filter((t) => b.has(t) && a.has(t)).map(shift),
    added: themes.filter((t) => !b.has(t) && a.has(t)).map(shift),
    dropped: themes.filter((t) => b.has(t) && !a.has(t)).map(shift),
  };
}

function earliest(...days: Array<string | null>): string | null {
  const set = days.filter((d): d is string => d !== null).sort();
  return set.length > 0 ? set[0] : null;
}

/**
 * For each handover of a country's government (consecutive administrations by start date, the
 * successor in office by asOf): themes the country agreed under both, only under the successor,
 * only under the predecessor. The successor is compared on its term within the record; a
 * handover after the record's last fact is `beyond the record`, never "dropped".
 */
export function priorityChanges(source: ReportSource, filters: PriorityChangeFilters = {}): PriorityChangeRow[] {
  const coverage: Coverage = source.coverage();
  const byCountry = new Map<string, AdministrationView[]>();
  for (const a of source.administrations()) byCountry.set(a.country, [...(byCountry.get(a.country) ?? []), a]);
  const rows: PriorityChangeRow[] = [];
  for (const [country, administrations] of byCountry) {
    if (filters.country && filters.country !== country) continue;
    for (let i = 1; i < administrations.length; i++) {
      const [prev, next] = [administrations[i - 1], administrations[i]];
      const head = { key: `${prev.id}>${next.id}`, country, from: administrationRef(prev), to: administrationRef(next), handoverOn: next.startedOn };
      if (isBeyond(coverage, next.startedOn)) {
        rows.push({ ...head, record: BEYOND_THE_RECORD, comparedUntil: null, continued: [], added: [], dropped: [] });
        continue;
      }
      const comparedUntil = earliest(next.endedOn, source.asOf, coverage.to)!;
      const options = (id: string) => ({ theme: filters.theme, certainOnly: filters.attribution === 'certain', administrations: [id] });
      const before = themeAgreements(source, { scope: prev.id, countries: [country], period: periodOf(prev, source.asOf) }, options(prev.id));
      const after = themeAgreements(source, { scope: next.id, countries: [country], period: { from: next.startedOn, to: comparedUntil } }, options(next.id));
      rows.push({ ...head, record: 'within the record', comparedUntil, ...shifts(source, before, after) });
    }
  }
  return sortBy(rows, priorityChangeKey);
}

export const priorityChangeKey = (r: PriorityChangeRow) => sortKey(r.country, r.handoverOn, r.key);
