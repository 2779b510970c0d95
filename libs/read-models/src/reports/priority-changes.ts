import type { AdministrationView } from '../ledger-view/reference.views';
import { LedgerIndex } from './ledger-index';
import { themeAgreements, type ThemeAgreement } from './priorities-by-administration';
import { administrationRef, sortBy, sortKey, type AdministrationRef } from './refs';

/** A theme across one handover, with what shows it on each side (null: not agreed on that side). */
export type ThemeShift = { theme: string; themeName: string | null; before: ThemeAgreement | null; after: ThemeAgreement | null };

export type PriorityChangeRow = {
  key: string;
  country: string;
  from: AdministrationRef;
  to: AdministrationRef;
  handoverOn: string;
  continued: ThemeShift[];
  added: ThemeShift[];
  dropped: ThemeShift[];
};

export interface PriorityChangeFilters {
  country?: string;
  theme?: string;
}

function shifts(index: LedgerIndex, before: ThemeAgreement[], after: ThemeAgreement[]) {
  const b = new Map(before.map((t) => [t.theme, t]));
  const a = new Map(after.map((t) => [t.theme, t]));
  const themes = [...new Set([...b.keys(), ...a.keys()])].sort();
  const shift = (theme: string): ThemeShift => ({ theme, themeName: index.themeName(theme), before: b.get(theme) ?? null, after: a.get(theme) ?? null });
  return {
    continued: themes.filter((t) => b.has(t) && a.has(t)).map(shift),
    added: themes.filter((t) => !b.has(t) && a.has(t)).map(shift),
    dropped: themes.filter((t) => b.has(t) && !a.has(t)).map(shift),
  };
}

/**
 * For each handover of a country's government (consecutive administrations by start date, the
 * successor in office by asOf): themes the country agreed under both, only under the successor,
 * only under the predecessor. A successor still in office is compared on its term so far.
 */
export function priorityChanges(index: LedgerIndex, filters: PriorityChangeFilters = {}): PriorityChangeRow[] {
  const byCountry = new Map<string, AdministrationView[]>();
  for (const a of index.view.administrations) byCountry.set(a.country, [...(byCountry.get(a.country) ?? []), a]);
  const rows: PriorityChangeRow[] = [];
  for (const [country, administrations] of byCountry) {
    if (filters.country && filters.country !== country) continue;
    for (let i = 1; i < administrations.length; i++) {
      const [prev, next] = [administrations[i - 1], administrations[i]];
      const onlyTheme = (list: ThemeAgreement[]) => (filters.theme ? list.filter((t) => t.theme === filters.theme) : list);
      const before = onlyTheme(themeAgreements(index, prev.startedOn, prev.endedOn, [country]));
      const after = onlyTheme(themeAgreements(index, next.startedOn, next.endedOn, [country]));
      rows.push({
        key: `${prev.id}>${next.id}`,
        country,
        from: administrationRef(prev),
        to: administrationRef(next),
        handoverOn: next.startedOn,
        ...shifts(index, before, after),
      });
    }
  }
  return sortBy(rows, priorityChangeKey);
}

export const priorityChangeKey = (r: PriorityChangeRow) => sortKey(r.country, r.handoverOn, r.key);
