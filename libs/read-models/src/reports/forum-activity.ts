import { effectiveEnd, effectiveStart } from '@concordat/shared-kernel';
import { BEYOND_THE_RECORD, type Coverage } from '../counting/coverage';
import { daysBetween, FIRST_REFERENCES, listQuery, sortBy, sortKey } from './refs';
import type { MeetingMark, ReportSource } from './report-source';

/** The silence between two recorded sittings; `unrecordedMeetings` counts sittings known by their numbering that fall inside it. */
export type MeetingGap = { fromMeeting: string; toMeeting: string; from: string; to: string; days: number; unrecordedMeetings: number };
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

const FIRST_MISSING = 10;

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

function missingSequences(meetings: MeetingMark[]): number[] {
  const have = new Set(meetings.map((m) => m.sequence).filter((s): s is number => s !== null));
  const max = Math.max(0, ...have);
  const missing: number[] = [];
  for (let s = 1; s <= max; s++) if (!have.has(s)) missing.push(s);
  return missing;
}

function activity(source: ReportSource, forumId: string, coverage: Coverage): ForumActivityRow {
  const meetings = source.forumMeetings(forumId);
  const missing = missingSequences(meetings);
  const gaps: MeetingGap[] = [];
  for (let i = 1; i < meetings.length; i++) {
    const [a, b] = [meetings[i - 1], meetings[i]];
    const [from, to] = [effectiveEnd(a.heldOn), effectiveEnd(b.heldOn)];
    const inside = a.sequence !== null && b.sequence !== null ? missing.filter((s) => s > a.sequence! && s < b.sequence!).length : 0;
    gaps.push({ fromMeeting: a.id, toMeeting: b.id, from, to, days: daysBetween(from, to), unrecordedMeetings: inside });
  }
  const last = meetings[meetings.length - 1];
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
  const startYear = established !== null ? Number(effectiveStart(established).slice(0, 4)) : meetings[0] ? Number(effectiveStart(meetings[0].heldOn).slice(0, 4)) : null;
  if (startYear !== null) {
    const counts = new Map<number, number>();
    for (const m of meetings) {
      const y = Number(effectiveEnd(m.heldOn).slice(0, 4));
      counts.set(y, (counts.get(y) ?? 0) + 1);
    }
    for (let y = startYear; y <= Number(source.asOf.slice(0, 4)); y++) {
      perYear.push({ year: y, meetings: counts.get(y) ?? 0, record: coverage.to !== null && `${y}-01-01` <= coverage.to ? 'within the record' : BEYOND_THE_RECORD });
    }
  }
  const longest = sortBy(gaps, (g) => sortKey(String(1e9 - g.days).padStart(10, '0'), g.from)).slice(0, FIRST_REFERENCES);
  return {
    forum: forumId,
    forumName: registered?.name ?? null,
    kind: registered?.kind ?? null,
    establishedOn: established,
    coverage: source.coverage(forumId),
    meetingCount: meetings.length,
    firstMeetingOn: meetings[0]?.heldOn ?? null,
    lastMeetingOn: last?.heldOn ?? null,
    perYear,
    unrecordedSequences: { count: missing.length, first: missing.slice(0, FIRST_MISSING) },
    gapCount: gaps.length,
    longestGaps: longest,
    longestGapDays: gaps.length > 0 ? Math.max(...gaps.map((g) => g.days)) : null,
    silence,
    daysSinceLastMeeting: silence?.days ?? null,
    firstMeetings: meetings.slice(0, FIRST_REFERENCES),
    lastMeetings: meetings.length > FIRST_REFERENCES ? meetings.slice(-FIRST_REFERENCES) : [],
    list: listQuery('/v1/meetings', { forum: forumId, asOf: source.asOf }),
  };
}

export const forumActivityKey = (r: ForumActivityRow) => sortKey(r.forum);
