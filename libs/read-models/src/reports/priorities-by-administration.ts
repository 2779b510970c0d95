import type { SourceRef } from '@concordat/domain';
import { endOf, type EffectivePledge } from '../ledger-view/effective-view';
import type { MeetingView } from '../ledger-view/meeting.view';
import type { AdministrationView } from '../ledger-view/reference.views';
import { LedgerIndex, unique } from './ledger-index';
import { administrationRef, meetingKey, meetingRef, pledgeKey, pledgeRef, sortBy, sortKey, type AdministrationRef, type MeetingRef, type PledgeRef } from './refs';

/** The bilateral relationship the ledger was built for; pairs are reported for these two countries. */
export const PAIR_COUNTRIES = ['US', 'MX'] as const;

export type ThemeAgreement = {
  theme: string;
  themeName: string | null;
  /** Occasions: each meeting where the theme was agreed (as a priority or through a pledge), plus each pledge recorded from a document. */
  timesAgreed: number;
  firstAgreedOn: string;
  lastAgreedOn: string;
  meetings: MeetingRef[];
  pledges: PledgeRef[];
  /** The words behind each occasion, with the quoted source: a priority's statement or a pledge's description. */
  evidence: ThemeEvidence[];
};

export type ThemeEvidence = { meetingId: string | null; pledgeId: string | null; words: string; source: SourceRef };

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
}

type Tally = { occasions: Map<string, string>; meetings: Map<string, MeetingView>; pledges: Map<string, EffectivePledge>; evidence: Map<string, ThemeEvidence & { at: string }> };

/**
 * Themes agreed within a period by parties including all `countries`. A meeting or pledge is in
 * the period when its date (at the end of its period, for imprecise dates) is. Recommendations
 * (status `proposed`) count only once a government agreed to them.
 */
export function themeAgreements(index: LedgerIndex, from: string, to: string | null, countries: readonly string[]): ThemeAgreement[] {
  const within = (date: string) => from <= date && (to === null || date <= to);
  const involves = (have: string[]) => countries.every((c) => have.includes(c));
  const tallies = new Map<string, Tally>();
  const tally = (theme: string): Tally => {
    let t = tallies.get(theme);
    if (!t) tallies.set(theme, (t = { occasions: new Map(), meetings: new Map(), pledges: new Map(), evidence: new Map() }));
    return t;
  };
  for (const m of index.meetings) {
    if (!within(endOf(m.heldOn)) || !involves(index.meetingCountries(m))) continue;
    for (const theme of unique(m.priorities.map((p) => p.theme))) {
      const t = tally(theme);
      t.occasions.set(`meeting:${m.id}`, m.heldOn.date);
      t.meetings.set(m.id, m);
    }
    m.priorities.forEach((p, i) => {
      const at = sortKey(endOf(m.heldOn), m.id, 'priority', String(i).padStart(4, '0'));
      tally(p.theme).evidence.set(at, { at, meetingId: m.id, pledgeId: null, words: p.statement, source: p.source });
    });
  }
  for (const p of index.pledges) {
    if (p.status === 'proposed' || !within(endOf(p.pledge.madeOn)) || !involves(index.pledgeCountries(p))) continue;
    const meeting = index.meeting(p.pledge.meetingId);
    for (const theme of p.pledge.themes) {
      const t = tally(theme);
      if (meeting) {
        if (!t.occasions.has(`meeting:${meeting.id}`)) t.occasions.set(`meeting:${meeting.id}`, meeting.heldOn.date);
        t.meetings.set(meeting.id, meeting);
      } else {
        t.occasions.set(`pledge:${p.pledge.id}`, p.pledge.madeOn.date);
      }
      t.pledges.set(p.pledge.id, p);
      const at = sortKey(endOf(p.pledge.madeOn), p.pledge.meetingId ?? '', 'pledge', p.pledge.id);
      t.evidence.set(at, { at, meetingId: p.pledge.meetingId, pledgeId: p.pledge.id, words: p.pledge.description, source: p.pledge.source });
    }
  }
  const rows = [...tallies].map(([theme, t]): ThemeAgreement => {
    const dates = sortBy([...t.occasions.values()], (d) => sortKey(endOf(d), d));
    return {
      theme,
      themeName: index.themeName(theme),
      timesAgreed: t.occasions.size,
      firstAgreedOn: dates[0],
      lastAgreedOn: dates[dates.length - 1],
      meetings: sortBy([...t.meetings.values()], meetingKey).map(meetingRef),
      pledges: sortBy([...t.pledges.values()], pledgeKey).map(pledgeRef),
      evidence: sortBy([...t.evidence.values()], (e) => e.at).map(({ at: _at, ...e }) => e),
    };
  });
  // Most agreed first; the count is inverted inside the key so that plain string order works.
  return sortBy(rows, (r) => sortKey(String(1e9 - r.timesAgreed).padStart(10, '0'), r.theme));
}

function single(index: LedgerIndex, a: AdministrationView): PrioritiesRow {
  return {
    key: a.id,
    kind: 'administration',
    administrations: [administrationRef(a)],
    countries: [a.country],
    from: a.startedOn,
    to: a.endedOn,
    themes: themeAgreements(index, a.startedOn, a.endedOn, [a.country]),
  };
}

function pairs(index: LedgerIndex): PrioritiesRow[] {
  const [first, second] = PAIR_COUNTRIES;
  const rows: PrioritiesRow[] = [];
  const ofCountry = (c: string) => index.view.administrations.filter((a) => a.country === c);
  for (const a of ofCountry(first)) {
    for (const b of ofCountry(second)) {
      const from = a.startedOn > b.startedOn ? a.startedOn : b.startedOn;
      const ends = [a.endedOn, b.endedOn].filter((d): d is string => d !== null).sort();
      const to = ends.length > 0 ? ends[0] : null;
      if (from > (to ?? index.asOf)) continue; // never in office together
      rows.push({
        key: `${a.id}+${b.id}`,
        kind: 'pair',
        administrations: [administrationRef(a), administrationRef(b)],
        countries: [first, second],
        from,
        to,
        themes: themeAgreements(index, from, to, PAIR_COUNTRIES),
      });
    }
  }
  return rows;
}

export const prioritiesRowKey = (r: PrioritiesRow) =>
  r.kind === 'administration' ? sortKey('1', r.countries[0], r.from, r.key) : sortKey('2', r.from, r.key);

export function prioritiesByAdministration(index: LedgerIndex, filters: PrioritiesFilters = {}): PrioritiesRow[] {
  const rows = [...index.view.administrations.map((a) => single(index, a)), ...pairs(index)].filter(
    (r) =>
      (!filters.kind || r.kind === filters.kind) &&
      (!filters.country || r.countries.includes(filters.country)) &&
      (!filters.administration || r.administrations.some((a) => a.id === filters.administration)),
  );
  const themed = filters.theme ? rows.map((r) => ({ ...r, themes: r.themes.filter((t) => t.theme === filters.theme) })) : rows;
  return sortBy(themed, prioritiesRowKey);
}
