import type { DayInterval } from '@concordat/shared-kernel';
import { termInterval } from '../counting/attribution';
import type { AdministrationView } from '../ledger-view/reference.views';
import { administrationRef, listQuery, sortBy, sortKey, type AdministrationRef } from './refs';
import type { ReportSource, ThemeTally } from './report-source';

/** The bilateral relationship the ledger was built for; pairs are reported for these two countries. */
export const PAIR_COUNTRIES = ['US', 'MX'] as const;

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
 * Themes agreed within `period` by parties including all `countries`. An occurrence counts when
 * its interval overlaps the period; it is certain when the interval lies wholly inside. An
 * occasion is certain when any of its items is.
 */
export function themeAgreements(
  source: ReportSource,
  period: DayInterval,
  countries: readonly string[],
  options: { theme?: string; certainOnly?: boolean; administrations: string[] },
): ThemeAgreement[] {
  const administration = options.administrations.join(',');
  const rows = source.themeTallies(period, countries, { theme: options.theme, certainOnly: options.certainOnly }).map(
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
    themes: themeAgreements(source, periodOf(a, source.asOf), [a.country], { theme: f.theme, certainOnly: f.attribution === 'certain', administrations: [a.id] }),
  };
}

function pairs(source: ReportSource, f: PrioritiesFilters): PrioritiesRow[] {
  const [first, second] = PAIR_COUNTRIES;
  const rows: PrioritiesRow[] = [];
  const ofCountry = (c: string) => source.administrations().filter((a) => a.country === c);
  for (const a of ofCountry(first)) {
    for (const b of ofCountry(second)) {
      const from = a.startedOn > b.startedOn ? a.startedOn : b.startedOn;
      const ends = [a.endedOn, b.endedOn].filter((d): d is string => d !== null).sort();
      const to = ends.length > 0 ? ends[0] : null;
      if (from > (to ?? source.asOf)) continue; // never in office together
      rows.push({
        key: `${a.id}+${b.id}`,
        kind: 'pair',
        administrations: [administrationRef(a), administrationRef(b)],
        countries: [first, second],
        from,
        to,
        themes: themeAgreements(source, { from, to: to ?? source.asOf }, PAIR_COUNTRIES, { theme: f.theme, certainOnly: f.attribution === 'certain', administrations: [a.id, b.id] }),
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
