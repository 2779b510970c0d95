import { effectiveEnd, effectiveStart } from '@concordat/shared-kernel';
import { BEYOND_THE_RECORD, type Coverage } from '../counting/coverage';
import { daysBetween, FIRST_REFERENCES, listQuery, sortBy, sortKey } from './refs';
import type { ForumMeetings, MeetingGap, MeetingMark, ReportSource } from './report-source';

export type { ForumMeetings, MeetingGap } from './report-source';

/** From the last sitting to asOf, but never past the record's last day: what lies after it is `beyond the record`. */
export type Silence = { fromMeeting: string; from: string; to: string; days: number; continuesBeyondRecord: boolean };
export type YearCount = { year: number; meetings: number; record: 'within the record' | typeof BEYOND_THE_RECORD };

export type ForumActivityRow = {
  forum: string;
  forumName: string | null;
  kind: string | null;
  establishedOn: string | null;
  coverage: Coverage;
  meetingCount: number;
  firstMeetingOn: string | null;
  lastMeetingOn: string | null;
  /** Every year from the forum's establishment (or its first meeting when that is unknown) to asOf, zeros included. */
  perYear: YearCount[];
  /** Sequence numbers below the highest recorded that no recorded meeting carries: sittings known to have happened, not on the record. */
  unrecordedSequences: { count: number; first: number[] };
  gapCount: number;
  longestGaps: MeetingGap[];
  longestGapDays: number | null;
  silence: Silence | null;
  /** Kept from shape 1: `silence.days` (to asOf, cut at the record's last day). */
  daysSinceLastMeeting: number | null;
  firstMeetings: MeetingMark[];
  lastMeetings: MeetingMark[];
  /** Every meeting of the forum: the meetings list, filtered. */
  list: string;
};

export interface ForumActivityFilters {
  forum?: string;
}

/**
 * Meetings per forum over time and the gaps between them. Gaps are measured between the ends of
 * the meetings' date periods (the asOf rule), so "2016" to "2017-10-12" is 2016-12-31 to
 * 2017-10-12; sequence numbers reveal sittings the record lacks.
 */
export function forumActivity(source: ReportSource, filters: ForumActivityFilters = {}): ForumActivityRow[] {
  const coverage = source.coverage();
  const rows: ForumActivityRow[] = [];
  for (const forum of source.forums()) {
    if (filters.forum && forum.id !== filters.forum) continue;
    rows.push(activity(source, forum.id, coverage));
  }
  return sortBy(rows, forumActivityKey);
}

export const FIRST_MISSING = 10;

function missingSequences(meetings: MeetingMark[]): number[] {
  const have = new Set(meetings.map((m) => m.sequence).filter((s): s is number => s !== null));
  const max = Math.max(0, ...have);
  const missing: number[] = [];
  for (let s = 1; s <= max; s++) if (!have.has(s)) missing.push(s);
  return missing;
}

/** Longest first; of equal length, the earlier first. */
export const gapOrder = (g: MeetingGap) => sortKey(String(1e9 - g.days).padStart(10, '0'), g.from);

export function summarizeMeetings(meetings: MeetingMark[]): ForumMeetings {
  const missing = missingSequences(meetings);
  const gaps: MeetingGap[] = [];
  for (let i = 1; i < meetings.length; i++) {
    const [a, b] = [meetings[i - 1], meetings[i]];
    const [from, to] = [effectiveEnd(a.heldOn), effectiveEnd(b.heldOn)];
    const inside = a.sequence !== null && b.sequence !== null ? missing.filter((s) => s > a.sequence! && s < b.sequence!).length : 0;
    gaps.push({ fromMeeting: a.id, toMeeting: b.id, from, to, days: daysBetween(from, to), unrecordedMeetings: inside });
  }
  const years = new Map<number, number>();
  for (const m of meetings) {
    const y = Number(effectiveEnd(m.heldOn).slice(0, 4));
    years.set(y, (years.get(y) ?? 0) + 1);
  }
  return {
    count: meetings.length,
    first: meetings.slice(0, FIRST_REFERENCES),
    last: meetings.slice(-FIRST_REFERENCES),
    years: [...years].map(([year, n]) => ({ year, meetings: n })),
    gapCount: gaps.length,
    longestGaps: sortBy(gaps, gapOrder).slice(0, FIRST_REFERENCES),
    longestGapDays: gaps.length > 0 ? Math.max(...gaps.map((g) => g.days)) : null,
    unrecordedSequences: { count: missing.length, first: missing.slice(0, FIRST_MISSING) },
  };
}

function activity(source: ReportSource, forumId: string, coverage: Coverage): ForumActivityRow {
  const meetings = source.forumMeetings(forumId);
  const last = meetings.last[meetings.last.length - 1];
  const recordEnd = coverage.to !== null && coverage.to < source.asOf ? coverage.to : source.asOf;
  let silence: Silence | null = null;
  if (last) {
    const from = effectiveEnd(last.heldOn);
    const to = recordEnd > from ? recordEnd : from;
    silence = { fromMeeting: last.id, from, to, days: daysBetween(from, to), continuesBeyondRecord: source.asOf > to };
  }
  const registered = source.forum(forumId);
  const established = registered?.establishedOn?.date ?? null;
  const perYear: YearCount[] = [];
  const startYear = established !== null ? Number(effectiveStart(established).slice(0, 4)) : meetings.first[0] ? Number(effectiveStart(meetings.first[0].heldOn).slice(0, 4)) : null;
  if (startYear !== null) {
    const counts = new Map(meetings.years.map((y) => [y.year, y.meetings]));
    for (let y = startYear; y <= Number(source.asOf.slice(0, 4)); y++) {
      perYear.push({ year: y, meetings: counts.get(y) ?? 0, record: coverage.to !== null && `${y}-01-01` <= coverage.to ? 'within the record' : BEYOND_THE_RECORD });
    }
  }
  return {
    forum: forumId,
    forumName: registered?.name ?? null,
    kind: registered?.kind ?? null,
    establishedOn: established,
    coverage: source.coverage(forumId),
    meetingCount: meetings.count,
    firstMeetingOn: meetings.first[0]?.heldOn ?? null,
    lastMeetingOn: last?.heldOn ?? null,
    perYear,
    unrecordedSequences: meetings.unrecordedSequences,
    gapCount: meetings.gapCount,
    longestGaps: meetings.longestGaps,
    longestGapDays: meetings.longestGapDays,
    silence,
    daysSinceLastMeeting: silence?.days ?? null,
    firstMeetings: meetings.first,
    lastMeetings: meetings.count > FIRST_REFERENCES ? meetings.last : [],
    list: listQuery('/v1/meetings', { forum: forumId, asOf: source.asOf }),
  };
}

export const forumActivityKey = (r: ForumActivityRow) => sortKey(r.forum);
