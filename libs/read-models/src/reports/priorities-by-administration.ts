import type { DayInterval } from '@concordat/shared-kernel';
import { OPEN_END, termInterval } from '../counting/attribution';
import { PAIR_COUNTRIES, sharedTerm } from '../counting/tally-scopes';
import type { AdministrationView } from '../ledger-view/reference.views';
import { administrationRef, listQuery, sortBy, sortKey, type AdministrationRef } from './refs';
import type { ReportSource, TallyRequest, ThemeTally } from './report-source';

export { PAIR_COUNTRIES } from '../counting/tally-scopes';

export type { OccasionRef, ThemeEvidence } from './report-source';

/**
 * A theme agreed within a period. Counts only, plus the first few references: the `list`
 * queries give the rest (so a row never grows with the history).
 */
export type ThemeAgreement = ThemeTally & {
  themeName: string | null;
  /** Read-API queries listing every meeting and every pledge behind the row. */
  list: { meetings: string; pledges: string };
};

export type PrioritiesRow = {
  key: string;
  kind: 'administration' | 'pair';
  administrations: AdministrationRef[];
  countries: string[];
  from: string;
  to: string | null;
  themes: ThemeAgreement[];
};

export interface PrioritiesFilters {
  country?: string;
  administration?: string;
  kind?: 'administration' | 'pair';
  theme?: string;
  /** `certain`: count only what lies wholly inside the period. */
  attribution?: 'certain';
}

/**
 * Themes agreed within the request's period by parties including all its countries. An
 * occurrence counts when its interval overlaps the period; it is certain when the interval lies
 * wholly inside. An occasion is certain when any of its items is.
 */
export function themeAgreements(source: ReportSource, request: TallyRequest, options: { theme?: string; certainOnly?: boolean; administrations: string[] }): ThemeAgreement[] {
  const administration = options.administrations.join(',');
  const rows = source.themeTallies(request, { theme: options.theme, certainOnly: options.certainOnly }).map(
    (t): ThemeAgreement => ({
      ...t,
      themeName: source.themeName(t.theme),
      list: {
        meetings: listQuery('/v1/meetings', { administration, theme: t.theme, asOf: source.asOf }),
        pledges: listQuery('/v1/pledges', { administration, theme: t.theme, asOf: source.asOf }),
      },
    }),
  );
  // Most occasions first; the count is inverted inside the key so that plain string order works.
  return sortBy(rows, (r) => sortKey(String(1e9 - r.occasions).padStart(10, '0'), r.theme));
}

/** An administration's term as the reports read it: to its last day, or to asOf while in office. */
export function periodOf(a: Pick<AdministrationView, 'startedOn' | 'endedOn'>, asOf: string): DayInterval {
  return a.endedOn === null ? { from: a.startedOn, to: asOf } : termInterval(a);
}

function single(source: ReportSource, a: AdministrationView, f: PrioritiesFilters): PrioritiesRow {
  return {
    key: a.id,
    kind: 'administration',
    administrations: [administrationRef(a)],
    countries: [a.country],
    from: a.startedOn,
    to: a.endedOn,
    themes: themeAgreements(source, { scope: a.id, countries: [a.country], period: periodOf(a, source.asOf) }, { theme: f.theme, certainOnly: f.attribution === 'certain', administrations: [a.id] }),
  };
}

function pairs(source: ReportSource, f: PrioritiesFilters): PrioritiesRow[] {
  const [first, second] = PAIR_COUNTRIES;
  const rows: PrioritiesRow[] = [];
  const ofCountry = (c: string) => source.administrations().filter((a) => a.country === c);
  for (const a of ofCountry(first)) {
    for (const b of ofCountry(second)) {
      const shared = sharedTerm(a, b);
      if (!shared) continue; // never in office together
      const to = shared.to === OPEN_END ? null : shared.to;
      const key = `${a.id}+${b.id}`;
      rows.push({
        key,
        kind: 'pair',
        administrations: [administrationRef(a), administrationRef(b)],
        countries: [first, second],
        from: shared.from,
        to,
        themes: themeAgreements(source, { scope: key, countries: PAIR_COUNTRIES, period: { from: shared.from, to: to ?? source.asOf } }, { theme: f.theme, certainOnly: f.attribution === 'certain', administrations: [a.id, b.id] }),
      });
    }
  }
  return rows;
}

export const prioritiesRowKey = (r: PrioritiesRow) =>
  r.kind === 'administration' ? sortKey('1', r.countries[0], r.from, r.key) : sortKey('2', r.from, r.key);

export function prioritiesByAdministration(source: ReportSource, filters: PrioritiesFilters = {}): PrioritiesRow[] {
  const keep = (kind: PrioritiesRow['kind'], countries: readonly string[], ids: string[]) =>
    (!filters.kind || kind === filters.kind) && (!filters.country || countries.includes(filters.country)) && (!filters.administration || ids.includes(filters.administration));
  const rows = [
    ...source.administrations().filter((a) => keep('administration', [a.country], [a.id])).map((a) => single(source, a, filters)),
    ...pairs(source, filters).filter((r) => keep('pair', r.countries, r.administrations.map((a) => a.id))),
  ];
  return sortBy(rows, prioritiesRowKey);
}
