import { endOf } from '../ledger-view/effective-view';
import type { MeetingView } from '../ledger-view/meeting.view';
import { LedgerIndex } from './ledger-index';
import { daysBetween, meetingKey, meetingRef, sortBy, sortKey, type MeetingRef } from './refs';

/** The silence between two sittings, or (toMeeting null) from the last sitting to asOf. */
export type MeetingGap = { fromMeeting: string; toMeeting: string | null; from: string; to: string; days: number };
export type YearCount = { year: number; meetings: number };

export type ForumActivityRow = {
  forum: string;
  forumName: string | null;
  kind: string | null;
  meetingCount: number;
  firstMeetingOn: string | null;
  lastMeetingOn: string | null;
  /** Every year from the first meeting to asOf, zeros included, so silences show. */
  perYear: YearCount[];
  meetings: MeetingRef[];
  gaps: MeetingGap[];
  longestGapDays: number | null;
  daysSinceLastMeeting: number | null;
};

export interface ForumActivityFilters {
  forum?: string;
}

/**
 * Meetings per forum over time and the gaps between them. Gaps are measured between the ends
 * of the meetings' date periods (THE imprecise-date rule), so "2016" to "2017-10-12" is
 * 2016-12-31 to 2017-10-12.
 */
export function forumActivity(index: LedgerIndex, filters: ForumActivityFilters = {}): ForumActivityRow[] {
  const byForum = new Map<string, MeetingView[]>();
  for (const id of index.view.forums.keys()) byForum.set(id, []);
  for (const m of sortBy(index.meetings, meetingKey)) byForum.set(m.forum, [...(byForum.get(m.forum) ?? []), m]);
  const rows: ForumActivityRow[] = [];
  for (const [forum, meetings] of byForum) {
    if (filters.forum && forum !== filters.forum) continue;
    rows.push(activity(index, forum, meetings));
  }
  return sortBy(rows, forumActivityKey);
}

function activity(index: LedgerIndex, forum: string, meetings: MeetingView[]): ForumActivityRow {
  const gaps: MeetingGap[] = [];
  for (let i = 1; i < meetings.length; i++) {
    const [a, b] = [meetings[i - 1], meetings[i]];
    gaps.push({ fromMeeting: a.id, toMeeting: b.id, from: endOf(a.heldOn), to: endOf(b.heldOn), days: daysBetween(endOf(a.heldOn), endOf(b.heldOn)) });
  }
  const last = meetings[meetings.length - 1];
  if (last) gaps.push({ fromMeeting: last.id, toMeeting: null, from: endOf(last.heldOn), to: index.asOf, days: daysBetween(endOf(last.heldOn), index.asOf) });
  const perYear: YearCount[] = [];
  if (meetings.length > 0) {
    const counts = new Map<number, number>();
    for (const m of meetings) counts.set(Number(m.heldOn.date.slice(0, 4)), (counts.get(Number(m.heldOn.date.slice(0, 4))) ?? 0) + 1);
    for (let y = Number(meetings[0].heldOn.date.slice(0, 4)); y <= Number(index.asOf.slice(0, 4)); y++) perYear.push({ year: y, meetings: counts.get(y) ?? 0 });
  }
  const registered = index.view.allForums.get(forum);
  return {
    forum,
    forumName: registered?.name ?? null,
    kind: registered?.kind ?? null,
    meetingCount: meetings.length,
    firstMeetingOn: meetings[0]?.heldOn.date ?? null,
    lastMeetingOn: last?.heldOn.date ?? null,
    perYear,
    meetings: meetings.map(meetingRef),
    gaps,
    longestGapDays: gaps.length > 0 ? Math.max(...gaps.map((g) => g.days)) : null,
    daysSinceLastMeeting: last ? daysBetween(endOf(last.heldOn), index.asOf) : null,
  };
}

export const forumActivityKey = (r: ForumActivityRow) => sortKey(r.forum);
