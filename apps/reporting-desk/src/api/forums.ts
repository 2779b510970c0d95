/// <reference lib="dom" />
import { allPages, clockOf, coverageOf, endOfPeriod, getJson, query, withClock, type Clock, type Coverage, type Raw } from './http';

/** The forum-activity report and each shown forum's meetings: the timelines. */
export type MeetingDotVM = { id: string; title: string; on: string; sequence: number | null };
export type YearVM = { year: number; meetings: number };
/** `perYear` is set (and `meetings` empty) for a forum with more meetings than a timeline draws one by one. */
export type ForumVM = { forum: string; name: string; meetingCount: number; meetings: MeetingDotVM[]; perYear: YearVM[] | null; gaps: Array<{ from: string; to: string; days: number; open: boolean; unrecorded: number }>; unrecorded: number[]; unrecordedCount: number; daysSince: number | null; silenceBeyondRecord: boolean };
export type ForumsVM = Clock & { forums: ForumVM[]; total: number; coverage: Coverage };

function unrecordedSequences(row: Raw, meetings: MeetingDotVM[]): { first: number[]; count: number } {
  if (row.unrecordedSequences && Array.isArray(row.unrecordedSequences.first)) return { first: row.unrecordedSequences.first, count: row.unrecordedSequences.count ?? row.unrecordedSequences.first.length };
  // Today's report does not say: the sequence numbers below the highest recorded that no meeting carries.
  const seen = new Set(meetings.map((m) => m.sequence).filter((s): s is number => s !== null));
  const max = Math.max(0, ...seen);
  const missing: number[] = [];
  for (let n = 1; n < max; n++) if (!seen.has(n)) missing.push(n);
  return { first: missing.slice(0, 10), count: missing.length };
}

function gapsOf(row: Raw): ForumVM['gaps'] {
  if (Array.isArray(row.gaps)) return row.gaps.map((g: Raw) => ({ from: g.from, to: g.to, days: g.days, open: g.toMeeting === null, unrecorded: g.unrecordedMeetings ?? 0 }));
  const gaps: ForumVM['gaps'] = (row.longestGaps ?? []).map((g: Raw) => ({ from: g.from, to: g.to, days: g.days, open: false, unrecorded: g.unrecordedMeetings ?? 0 }));
  if (row.silence) gaps.push({ from: row.silence.from, to: row.silence.to, days: row.silence.days, open: true, unrecorded: 0 });
  return gaps;
}

/** A forum with more meetings than this is drawn as meetings per year (from the report), not one dot per meeting. */
export const DOTS_PER_FORUM = 40;

/**
 * Forums that met by asOf, busiest first, at most `limit`; each forum's meetings come from one
 * page of its own meetings list, or, past DOTS_PER_FORUM meetings, from the report's per-year counts.
 */
export async function loadForums(clock: Clock, limit: number, signal?: AbortSignal): Promise<ForumsVM> {
  const { items, first } = await allPages('/v1/reports/forum-activity', clock, { limit: 100 }, signal);
  const active = items.filter((r) => r.meetingCount > 0).sort((a, b) => b.meetingCount - a.meetingCount || a.forum.localeCompare(b.forum));
  const forums = await Promise.all(
    active.slice(0, limit).map(async (r): Promise<ForumVM> => {
      const dense = r.meetingCount > DOTS_PER_FORUM && Array.isArray(r.perYear);
      const listPath = typeof r.list === 'string' ? withClock(r.list, clock, DOTS_PER_FORUM) : `/v1/meetings?${query(clock, { forum: r.forum, limit: DOTS_PER_FORUM })}`;
      const listed = dense ? { items: [] } : await getJson(listPath, signal);
      const meetings = listed.items.map((m: Raw) => ({ id: m.id, title: m.title, on: endOfPeriod(typeof m.heldOn === 'string' ? m.heldOn : m.heldOn.date), sequence: m.sequence ?? null }));
      const unrecorded = unrecordedSequences(r, meetings);
      return {
        forum: r.forum,
        name: r.forumName ?? r.forum,
        meetingCount: r.meetingCount,
        meetings,
        perYear: dense ? r.perYear.map((y: Raw) => ({ year: y.year, meetings: y.meetings })) : null,
        gaps: gapsOf(r),
        unrecorded: unrecorded.first,
        unrecordedCount: unrecorded.count,
        daysSince: r.daysSinceLastMeeting ?? r.silence?.days ?? null,
        silenceBeyondRecord: r.silence?.continuesBeyondRecord === true,
      };
    }),
  );
  return { ...clockOf(first), forums, total: active.length, coverage: coverageOf(first) };
}
