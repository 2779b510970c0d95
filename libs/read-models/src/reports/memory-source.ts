import { dateInterval, intervalsOverlap, isEffectiveBy, type DayInterval } from '@concordat/shared-kernel';
import { isOpenStatus, type PledgeStatus } from '@concordat/domain';
import { fallsIn, termInterval } from '../counting/attribution';
import type { Coverage } from '../counting/coverage';
import { meetingOccurrences, pledgeOccurrences } from '../counting/occurrences';
import { meetingCountries, pledgeCountries } from '../counting/parties';
import { endOf, statusOn, type EffectivePledge, type EffectiveView } from '../ledger-view/effective-view';
import type { MeetingView } from '../ledger-view/meeting.view';
import type { ForumView } from '../ledger-view/reference.views';
import { decodeCursor, TOTAL_CAP, type PageRequest } from './paging';
import { FIRST_REFERENCES, sortBy, sortKey } from './refs';
import type { AgreementOccurrence, ForumMeetings, MeetingFilters, Inheritance, MeetingMark, OpenPledgeMark, PledgeFilters, ReportSource, SourcePage, TallyOptions, TallyRequest, ThemeTally } from './report-source';
import { tallyOccurrences } from './theme-tally';
import { summarizeMeetings } from './forum-activity';

export const meetingOrder = (m: MeetingView) => sortKey(endOf(m.heldOn), m.id);
export const pledgeOrder = (p: EffectivePledge) => sortKey(endOf(p.pledge.madeOn), p.pledge.id);

/** A page of rows already in key order: strictly after the cursor, then offset and limit. */
export function pageOf<T>(rows: readonly T[], keyOf: (row: T) => string, page: PageRequest): SourcePage<T> {
  const after = page.cursor === undefined ? undefined : decodeCursor(page.cursor);
  const remaining = after === undefined ? rows : rows.filter((r) => keyOf(r) > after);
  const offset = page.offset ?? 0;
  const slice = remaining.slice(offset, offset + page.limit);
  const more = offset + page.limit < remaining.length;
  return { rows: slice, total: Math.min(remaining.length, TOTAL_CAP), totalExact: remaining.length <= TOTAL_CAP, nextKey: more && slice.length > 0 ? keyOf(slice[slice.length - 1]) : null };
}

/** Term of an administration as the filters read it: falls in (overlaps), or wholly inside with attribution=certain. */
export function matchesTerm(date: string, term: DayInterval, certainOnly: boolean): boolean {
  const how = fallsIn(date, term);
  return how === 'certain' || (how === 'uncertain' && !certainOnly);
}

/**
 * The naive replay as a report source: every answer computed from the whole view, cut at asOf,
 * by plain filters and sorts. It is the definition the SQLite read models must equal.
 */
export class MemorySource implements ReportSource {
  private readonly meetingById: Map<string, MeetingView>;
  private readonly pledgeById: Map<string, EffectivePledge>;
  private readonly counted: { meetings: MeetingView[]; pledges: EffectivePledge[] };

  constructor(readonly view: EffectiveView) {
    this.meetingById = new Map(view.meetings.map((m) => [m.id, m]));
    this.pledgeById = new Map(view.pledges.map((p) => [p.pledge.id, p]));
    this.counted = { meetings: view.meetings.filter((m) => m.retraction === null), pledges: view.pledges.filter((p) => p.pledge.retraction === null) };
  }

  get asOf(): string {
    return this.view.asOf;
  }

  administrations() {
    return this.view.administrations;
  }

  forums(): ForumView[] {
    return sortBy([...this.view.forums.values()], (f) => f.id);
  }

  forum(id: string) {
    return this.view.allForums.get(id);
  }

  themes() {
    return sortBy([...this.view.themes.values()], (t) => t.id);
  }

  themeName(id: string) {
    return this.view.themes.get(id)?.name ?? null;
  }

  private parties(forum: string): string[] {
    return this.view.allForums.get(forum)?.parties ?? [];
  }

  coverage(forum?: string): Coverage {
    const intervals: DayInterval[] = [];
    for (const m of this.counted.meetings) if (forum === undefined || m.forum === forum) intervals.push(dateInterval(m.heldOn.date));
    for (const p of this.counted.pledges) {
      if (forum !== undefined && p.pledge.forum !== forum) continue;
      const made = dateInterval(p.pledge.madeOn.date);
      intervals.push(made);
      // A change counts once the pledge does (the asOf rule), so it never ends the record before the pledge was made.
      for (const step of p.timeline.slice(1)) {
        const i = dateInterval(step.effectiveOn.date);
        intervals.push({ from: i.from, to: i.to > made.to ? i.to : made.to });
      }
    }
    if (intervals.length === 0) return { from: null, to: null };
    return { from: intervals.map((i) => i.from).sort()[0], to: intervals.map((i) => i.to).sort().reverse()[0] };
  }

  meeting(id: string) {
    return this.meetingById.get(id);
  }

  meetings(ids: readonly string[]) {
    return new Map(ids.flatMap((id) => (this.meetingById.has(id) ? [[id, this.meetingById.get(id)!] as const] : [])));
  }

  pledge(id: string) {
    return this.pledgeById.get(id);
  }

  pledges(ids: readonly string[]) {
    return new Map(ids.flatMap((id) => (this.pledgeById.has(id) ? [[id, this.pledgeById.get(id)!] as const] : [])));
  }

  pledgeStates(ids: readonly string[]) {
    return new Map([...this.pledges(ids)].map(([id, p]) => [id, { description: p.pledge.description, themes: p.pledge.themes, status: p.status, retracted: p.pledge.retraction !== null }] as const));
  }

  /** The terms named by an administration filter (ids joined by commas: all must hold); null when one is unknown on asOf. */
  private terms(ids: string | undefined): Array<{ country: string; term: DayInterval }> | null {
    if (ids === undefined) return [];
    const out: Array<{ country: string; term: DayInterval }> = [];
    for (const id of ids.split(',')) {
      const a = this.view.administrations.find((x) => x.id === id);
      if (!a) return null;
      out.push({ country: a.country, term: termInterval(a) });
    }
    return out;
  }

  meetingsPage(f: MeetingFilters, page: PageRequest): SourcePage<MeetingView> {
    const terms = this.terms(f.administration);
    const rows = this.counted.meetings.filter((m) => {
      const held = endOf(m.heldOn);
      const countries = meetingCountries(m, this.parties(m.forum));
      if (f.forum && m.forum !== f.forum) return false;
      if (f.theme && !m.priorities.some((p) => p.theme === f.theme)) return false;
      if (f.country && !countries.includes(f.country)) return false;
      if (f.from && held < f.from) return false;
      if (f.to && held > f.to) return false;
      if (terms === null) return false;
      if (!terms.every((t) => countries.includes(t.country) && matchesTerm(m.heldOn.date, t.term, f.attribution === 'certain'))) return false;
      return true;
    });
    return pageOf(sortBy(rows, meetingOrder), meetingOrder, page);
  }

  pledgesPage(f: PledgeFilters, page: PageRequest): SourcePage<EffectivePledge> {
    const terms = this.terms(f.administration);
    const rows = this.counted.pledges.filter((p) => {
      const { pledge } = p;
      const made = endOf(pledge.madeOn);
      if (f.status && !f.status.includes(p.status)) return false;
      if (f.theme && !pledge.themes.includes(f.theme)) return false;
      if (f.party && ![...pledge.by, ...pledge.accountable, ...pledge.implementers, ...pledge.beneficiaries].includes(f.party)) return false;
      if (f.forum && pledge.forum !== f.forum) return false;
      if (f.madeFrom && made < f.madeFrom) return false;
      if (f.madeTo && made > f.madeTo) return false;
      if (f.country && !pledgeCountries(pledge).includes(f.country)) return false;
      if (terms === null) return false;
      if (!terms.every((t) => pledgeCountries(pledge).includes(t.country) && matchesTerm(pledge.madeOn.date, t.term, f.attribution === 'certain'))) return false;
      return true;
    });
    return pageOf(sortBy(rows, pledgeOrder), pledgeOrder, page);
  }

  themeTallies({ countries, period }: TallyRequest, options: TallyOptions): ThemeTally[] {
    return tallyOccurrences(this.agreements(period, countries, options.theme), period, options);
  }

  /** Agreement occurrences that count by asOf, involve every one of `countries` and whose interval overlaps `period`, in order. */
  agreements(period: DayInterval, countries: readonly string[], theme?: string): AgreementOccurrence[] {
    const all = [
      ...this.counted.meetings.flatMap((m) => meetingOccurrences(m, this.parties(m.forum))),
      ...this.counted.pledges.flatMap((p) => pledgeOccurrences(p.pledge)),
    ];
    const rows = all.filter(
      (o) =>
        isEffectiveBy(o.countsFrom, this.asOf) &&
        (theme === undefined || o.theme === theme) &&
        countries.every((c) => o.countries.includes(c)) &&
        intervalsOverlap(dateInterval(o.date), period),
    );
    return sortBy(rows, (o) => o.order).map(({ countsFrom: _c, ...o }) => o);
  }

  forumMeetings(forum: string): ForumMeetings {
    return summarizeMeetings(this.forumMarks(forum));
  }

  /** Counted meetings of a forum, in order. */
  forumMarks(forum: string): MeetingMark[] {
    return sortBy(this.counted.meetings.filter((m) => m.forum === forum), meetingOrder).map((m) => ({ id: m.id, title: m.title, sequence: m.sequence, heldOn: m.heldOn.date }));
  }

  inheritance(country: string, day: string, outcomeOn: string): Inheritance {
    const rows: OpenPledgeMark[] = [];
    for (const p of sortBy(this.counted.pledges, pledgeOrder)) {
      if (!pledgeCountries(p.pledge).includes(country)) continue;
      const atHandover = statusOn(p, day);
      if (atHandover === null || !isOpenStatus(atHandover)) continue;
      rows.push({ id: p.pledge.id, description: p.pledge.description, madeOn: p.pledge.madeOn.date, statusAtHandover: atHandover, outcome: statusOn(p, outcomeOn) ?? atHandover });
    }
    const counts = new Map<PledgeStatus, number>();
    for (const r of rows) counts.set(r.outcome, (counts.get(r.outcome) ?? 0) + 1);
    const outcomes = sortBy([...counts].map(([status, pledges]) => ({ status, pledges })), (o) => o.status);
    return { open: rows.length, outcomes, first: rows.slice(0, FIRST_REFERENCES) };
  }
}

