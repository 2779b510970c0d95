import type Database from 'better-sqlite3';
import { dateInterval } from '@concordat/shared-kernel';
import type { EntityView } from '../ledger-view/ledger-view';
import type { MeetingView } from '../ledger-view/meeting.view';
import { daysBetween, FIRST_REFERENCES } from '../reports/refs';
import type { ForumMeetings, MeetingGap, MeetingMark } from '../reports/report-source';
import { instantMs } from './tally-rows';
import { calendarBuckets, countsOnParams, RANGES } from './calendar-buckets';

type Mark = { eid: string; forum: string; held_end: string; held_on: string; title: string; sequence: number | null };
type Key = { eid: string; held_end: string };
/** A run of numbers below the highest carried that no meeting carries. */
type Run = { from_seq: number; to_seq: number };

/** Kept in step with forum-activity.ts. */
const FIRST_MISSING = 10;

/** The calendar buckets a day counts in (`calendarBuckets`), each with the days it holds. */
function dayBuckets(day: string): Array<{ b: number; lo: string; hi: string }> {
  const [y, m] = [day.slice(0, 4), day.slice(5, 7)];
  const [yb, mb, db] = calendarBuckets(day);
  return [
    { b: yb, lo: `${y}-01-01`, hi: `${y}-12-31` },
    { b: mb, lo: `${y}-${m}-01`, hi: `${y}-${m}-31` },
    { b: db, lo: day, hi: day },
  ];
}
/** Year buckets are below this; months (yyyymm) and days (yyyymmdd) above. */
const YEARS_END = 10_000;

/**
 * Forum activity kept ready (`forum_*` tables): each forum's counted meetings in order
 * (`forum_marks`), the gap between each two consecutive ones (`forum_gaps`, so the longest gaps
 * as of D are the head of an index: a gap counts by D when its later meeting does), each sequence
 * number with the first day a meeting carrying it counts, the meetings and those numbers (with the
 * highest) per year, month and day (`forum_buckets`), and the runs of numbers below the highest
 * that none carries. A meeting's change moves only its own mark, the two gaps beside it, its
 * sequence's row, the runs beside it and the buckets of its days.
 *
 * Every table is system-versioned by recorded instant (integer ms, `[from_at, to_at)`): a row is
 * closed, not deleted, when it goes (deleted only when it was made at the same instant, so never
 * seen), and the bucket counts keep one version per instant they changed at
 * (`forum_bucket_versions`). The same queries then answer as known
 * at T as they answer now, over the rows in force at T.
 */
export class ForumRows {
  private readonly sql;
  private now = 0;

  constructor(db: Database.Database) {
    const cur = 'to_at IS NULL';
    const bucketTop = `(SELECT MAX(q.sequence) FROM forum_sequences q WHERE q.forum = @forum AND q.first_end >= @lo AND q.first_end <= @hi AND q.to_at IS NULL)`;
    /** Closes the current row of a key: deleted when it was made at this instant (never seen), else given its end. */
    const closer = (table: string, key: string) => {
      const end = db.prepare(`UPDATE ${table} SET to_at = @now WHERE ${key} AND ${cur} AND from_at < @now`);
      const drop = db.prepare(`DELETE FROM ${table} WHERE ${key} AND ${cur} AND from_at = @now`);
      return (params: Record<string, string | number>) => {
        end.run({ ...params, now: this.now });
        drop.run({ ...params, now: this.now });
      };
    };
    this.sql = {
      mark: db.prepare<[string], Mark>(`SELECT eid, forum, held_end, held_on, title, sequence FROM forum_marks WHERE eid = ? AND ${cur}`),
      addMark: db.prepare('INSERT INTO forum_marks (eid, forum, held_end, held_on, title, sequence, from_at) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      dropMark: closer('forum_marks', 'eid = @eid'),
      prev: db.prepare<[string, string, string], Key>(`SELECT eid, held_end FROM forum_marks WHERE forum = ? AND (held_end, eid) < (?, ?) AND ${cur} ORDER BY held_end DESC, eid DESC LIMIT 1`),
      next: db.prepare<[string, string, string], Key>(`SELECT eid, held_end FROM forum_marks WHERE forum = ? AND (held_end, eid) > (?, ?) AND ${cur} ORDER BY held_end, eid LIMIT 1`),
      addGap: db.prepare('INSERT INTO forum_gaps (forum, from_end, from_eid, to_end, to_eid, days, from_at) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      dropGap: closer('forum_gaps', 'forum = @forum AND from_end = @end AND from_eid = @eid'),
      // A bucket's counts move; its highest number is read again from its numbers when they change (after the number's row is saved or closed).
      bucket: db.prepare<{ forum: string; b: number; dm: number; dc: number; lo: string; hi: string }, { meetings: number; carried: number; top: number | null }>(
        `INSERT INTO forum_buckets (forum, b, meetings, carried, top) VALUES (@forum, @b, @dm, @dc, CASE WHEN @dc = 0 THEN NULL ELSE ${bucketTop} END)
         ON CONFLICT (forum, b) DO UPDATE SET meetings = meetings + excluded.meetings, carried = carried + excluded.carried, top = CASE WHEN excluded.carried = 0 THEN top ELSE excluded.top END
         RETURNING meetings, carried, top`,
      ),
      bucketVersion: db.prepare(
        'INSERT INTO forum_bucket_versions (forum, b, from_at, meetings, carried, top) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (forum, b, from_at) DO UPDATE SET meetings = excluded.meetings, carried = excluded.carried, top = excluded.top',
      ),
      carried: db.prepare<[string, number], { first: string | null }>(`SELECT MIN(held_end) AS first FROM forum_marks WHERE forum = ? AND sequence = ? AND ${cur}`),
      sequence: db.prepare<[string, number], { first_end: string }>(`SELECT first_end FROM forum_sequences WHERE forum = ? AND sequence = ? AND ${cur}`),
      addSequence: db.prepare('INSERT INTO forum_sequences (forum, sequence, first_end, from_at) VALUES (?, ?, ?, ?)'),
      dropSequence: closer('forum_sequences', 'forum = @forum AND sequence = @sequence'),
      highest: db.prepare<[string], { top: number | null }>(`SELECT MAX(sequence) AS top FROM forum_sequences WHERE forum = ? AND ${cur}`),
      holeAt: db.prepare<[string, number], Run>(`SELECT from_seq, to_seq FROM forum_holes WHERE forum = ? AND from_seq <= ? AND ${cur} ORDER BY from_seq DESC LIMIT 1`),
      holeFrom: db.prepare<[string, number], Run>(`SELECT from_seq, to_seq FROM forum_holes WHERE forum = ? AND from_seq = ? AND ${cur}`),
      addHole: db.prepare('INSERT INTO forum_holes (forum, from_seq, to_seq, from_at) VALUES (?, ?, ?, ?)'),
      dropHole: closer('forum_holes', 'forum = @forum AND from_seq = @from'),
      holesAbove: db.prepare<[string, number], Run>(`SELECT from_seq, to_seq FROM forum_holes WHERE forum = ? AND from_seq > ? AND ${cur}`),
    };
  }

  stored(entity: EntityView, stamp: { recordedAt: string }): void {
    if (entity.entityKind !== 'meeting') return;
    const before = this.sql.mark.get(entity.id);
    const next = markOf(entity);
    if (before && next && JSON.stringify(before) === JSON.stringify(next)) return;
    this.now = instantMs(stamp.recordedAt);
    if (before) this.remove(before);
    if (next) this.add(next);
    if (before?.sequence != null) this.refreshSequence(before.forum, before.sequence);
    if (next?.sequence != null && (next.forum !== before?.forum || next.sequence !== before?.sequence)) this.refreshSequence(next.forum, next.sequence);
  }

  private remove(m: Mark): void {
    const prev = this.sql.prev.get(m.forum, m.held_end, m.eid);
    const next = this.sql.next.get(m.forum, m.held_end, m.eid);
    if (prev) this.sql.dropGap({ forum: m.forum, end: prev.held_end, eid: prev.eid });
    if (next) this.sql.dropGap({ forum: m.forum, end: m.held_end, eid: m.eid });
    if (prev && next) this.gap(m.forum, prev, next);
    this.sql.dropMark({ eid: m.eid });
    this.bump(m.forum, m.held_end, -1, 0);
  }

  private add(m: Mark): void {
    const prev = this.sql.prev.get(m.forum, m.held_end, m.eid);
    const next = this.sql.next.get(m.forum, m.held_end, m.eid);
    if (prev && next) this.sql.dropGap({ forum: m.forum, end: prev.held_end, eid: prev.eid });
    if (prev) this.gap(m.forum, prev, m);
    if (next) this.gap(m.forum, m, next);
    this.sql.addMark.run(m.eid, m.forum, m.held_end, m.held_on, m.title, m.sequence, this.now);
    this.bump(m.forum, m.held_end, 1, 0);
  }

  /** The counts of the year, month and day of `day` move now (meetings by `dm`, numbers by `dc`), each keeping its new values as the version from this instant. */
  private bump(forum: string, day: string, dm: number, dc: number): void {
    for (const { b, lo, hi } of dayBuckets(day)) {
      const { meetings, carried, top } = this.sql.bucket.get({ forum, b, dm, dc, lo, hi })!;
      this.sql.bucketVersion.run(forum, b, this.now, meetings, carried, top);
    }
  }

  private gap(forum: string, a: Key, b: Key): void {
    this.sql.addGap.run(forum, a.held_end, a.eid, b.held_end, b.eid, daysBetween(a.held_end, b.held_end), this.now);
  }

  /** A sequence number counts from the first day a counted meeting carrying it does. */
  private refreshSequence(forum: string, sequence: number): void {
    const known = this.sql.sequence.get(forum, sequence)?.first_end ?? null;
    const first = this.sql.carried.get(forum, sequence)?.first ?? null;
    if (known === first) return;
    if (known === null) this.carry(forum, sequence);
    if (known !== null) {
      this.sql.dropSequence({ forum, sequence });
      this.bump(forum, known, 0, -1);
    }
    if (first !== null) {
      this.sql.addSequence.run(forum, sequence, first, this.now);
      this.bump(forum, first, 0, 1);
    }
    if (first === null) this.uncarry(forum, sequence);
  }

  /** A number is carried now (before its row is saved): it leaves the hole holding it, or opens the one below it. */
  private carry(forum: string, s: number): void {
    if (s < 1) return;
    const top = this.sql.highest.get(forum)?.top ?? 0;
    if (s > top) {
      if (s - 1 >= top + 1) this.sql.addHole.run(forum, top + 1, s - 1, this.now);
      return;
    }
    const run = this.sql.holeAt.get(forum, s);
    if (!run || run.to_seq < s) return;
    this.sql.dropHole({ forum, from: run.from_seq });
    if (run.from_seq <= s - 1) this.sql.addHole.run(forum, run.from_seq, s - 1, this.now);
    if (s + 1 <= run.to_seq) this.sql.addHole.run(forum, s + 1, run.to_seq, this.now);
  }

  /** No meeting carries the number any more (its row is gone): it joins the holes beside it, or the top comes down. */
  private uncarry(forum: string, s: number): void {
    if (s < 1) return;
    const top = this.sql.highest.get(forum)?.top ?? 0;
    if (s > top) {
      for (const run of this.sql.holesAbove.all(forum, top)) this.sql.dropHole({ forum, from: run.from_seq });
      return;
    }
    const left = this.sql.holeAt.get(forum, s - 1);
    const joinsLeft = left !== undefined && left.to_seq === s - 1;
    const right = this.sql.holeFrom.get(forum, s + 1);
    if (joinsLeft) this.sql.dropHole({ forum, from: left.from_seq });
    if (right) this.sql.dropHole({ forum, from: right.from_seq });
    this.sql.addHole.run(forum, joinsLeft ? left.from_seq : s, right ? right.to_seq : s, this.now);
  }
}

function markOf(entity: MeetingView): Mark | undefined {
  if (entity.retraction !== null) return undefined;
  return { eid: entity.id, forum: entity.forum, held_end: dateInterval(entity.heldOn.date).to, held_on: entity.heldOn.date, title: entity.title, sequence: entity.sequence };
}

type Params = Record<string, string | number>;
type Query = <R>(sql: string, params?: Params) => R[];

const toMark = (r: Mark): MeetingMark => ({ id: r.eid, title: r.title, sequence: r.sequence, heldOn: r.held_on });

/**
 * A forum's meetings as of D from the rows kept ready, as known now or (with `knownAtMs`) as known
 * at that instant: counts and the highest number carried from the calendar buckets (the years
 * before D's, the months and days of D's year up to D, each at its version in force), the first
 * and last few, the longest gaps that count by D (the head of the gap index), and the sequence
 * numbers missing by D. What remains in proportion to the history: the unrecorded numbers inside
 * each of the three longest gaps read the numbers between, and the first missing numbers are
 * found by walking the numbers up (stopping once all or ten are found).
 */
export function readyForumMeetings(query: Query, forum: string, asOf: string, knownAtMs?: number, fewAfter = FEW_AFTER): ForumMeetings {
  const p: Params = { f: forum, D: asOf, ...(knownAtMs === undefined ? {} : { Tms: knownAtMs }) };
  const vis = (a: string) => (knownAtMs === undefined ? `${a}.to_at IS NULL` : `${a}.from_at <= @Tms AND (${a}.to_at IS NULL OR ${a}.to_at > @Tms)`);
  // The buckets counted: every year (those after D's for the numbers first carried after D), the months of D's year before D's, the days of D's month up to D.
  // Each now, or its last version by T: one seek, its three values read as one text (none: the bucket was not counted yet).
  const bucketsIn = (range: string) =>
    knownAtMs === undefined
      ? `SELECT c.b AS b, c.meetings AS meetings, c.carried AS carried, c.top AS top FROM forum_buckets c WHERE c.forum = @f AND ${range}`
      : `SELECT c.b AS b, (SELECT v.meetings || ' ' || v.carried || ' ' || IFNULL(v.top, '') FROM forum_bucket_versions v WHERE v.forum = c.forum AND v.b = c.b AND v.from_at <= @Tms
           ORDER BY v.from_at DESC LIMIT 1) AS packed FROM forum_buckets c WHERE c.forum = @f AND ${range}`;
  const on = countsOnParams(asOf);
  const yD = on.y;
  // Every year, not only those before D's (RANGES[0]).
  type Bucket = { b: number; meetings: number; carried: number; top: number | null };
  const read = query<Bucket & { packed?: string | null }>([`c.b < ${YEARS_END}`, ...RANGES.slice(1)].map(bucketsIn).join(' UNION ALL '), { ...p, ...on });
  const buckets: Bucket[] =
    knownAtMs === undefined
      ? read
      : read.flatMap(({ b, packed }) => {
          if (packed == null) return [];
          const [meetings, carried, top] = packed.split(' ');
          return [{ b, meetings: Number(meetings), carried: Number(carried), top: top === '' ? null : Number(top) }];
        });
  const sum = (rows: typeof buckets, column: 'meetings' | 'carried') => rows.reduce((n, r) => n + r[column], 0);
  const before = buckets.filter((r) => r.b < yD);
  const thisYearRows = buckets.filter((r) => r.b >= YEARS_END);
  const years = before
    .filter((r) => r.meetings > 0)
    .sort((a, b) => a.b - b.b)
    .map((r) => ({ year: r.b, meetings: r.meetings }));
  const thisYear = sum(thisYearRows, 'meetings');
  const carriedYears = sum(before, 'carried');
  const carriedThisYear = sum(thisYearRows, 'carried');
  const carriedAll = sum(buckets.filter((r) => r.b < YEARS_END), 'carried');
  // The highest number carried by D: the highest of the years before D's and of D's own year's months and days up to D.
  const top = Math.max(0, ...[...before, ...thisYearRows].map((r) => r.top ?? 0));
  if (thisYear > 0) years.push({ year: yD, meetings: thisYear });
  const count = years.reduce((n, y) => n + y.meetings, 0);
  const ends = query<Mark & { part: number }>(
    `SELECT * FROM (SELECT 0 AS part, eid, forum, held_end, held_on, title, sequence FROM forum_marks m WHERE m.forum = @f AND m.held_end <= @D AND ${vis('m')} ORDER BY m.held_end, m.eid LIMIT @k)
     UNION ALL SELECT * FROM (SELECT 1 AS part, eid, forum, held_end, held_on, title, sequence FROM forum_marks m WHERE m.forum = @f AND m.held_end <= @D AND ${vis('m')} ORDER BY m.held_end DESC, m.eid DESC LIMIT @k)`,
    { ...p, k: FIRST_REFERENCES },
  );
  const first = ends.filter((r) => r.part === 0).map(toMark);
  const last = ends.filter((r) => r.part === 1).reverse().map(toMark);
  const max = top;
  const missingCount = max - carriedYears - carriedThisYear;
  // Missing by D: the holes kept ready and the numbers first carried after D. When those are few (a live answer, a recent D)
  // they are read whole; otherwise the numbers themselves are read.
  const afterCount = carriedAll - carriedYears - carriedThisYear;
  const after =
    afterCount <= fewAfter
      ? query<{ sequence: number }>(`SELECT q.sequence FROM forum_sequences q WHERE q.forum = @f AND q.first_end > @D AND ${vis('q')}`, p)
          .map((r) => r.sequence)
          .filter((n) => n <= max)
      : null;
  const missingBetween = (lo: number, hi: number) =>
    after !== null
      ? after.filter((n) => n >= lo && n <= hi).length +
        query<{ n: number }>(
          `SELECT COALESCE(SUM(MIN(r.to_seq, @hi) - MAX(r.from_seq, @lo) + 1), 0) AS n FROM forum_holes r WHERE r.forum = @f AND r.to_seq >= @lo AND r.from_seq <= @hi AND ${vis('r')}
           AND r.from_seq >= COALESCE((SELECT h.from_seq FROM forum_holes h WHERE h.forum = @f AND h.from_seq <= @lo AND ${vis('h')} ORDER BY h.from_seq DESC LIMIT 1), @lo)`,
          { ...p, lo, hi },
        )[0].n
      : hi - lo + 1 - query<{ n: number }>(`SELECT COUNT(*) AS n FROM forum_sequences q WHERE q.forum = @f AND q.sequence >= @lo AND q.sequence <= @hi AND q.first_end <= @D AND ${vis('q')}`, { ...p, lo, hi })[0].n;

  const gaps = query<{ from_end: string; from_eid: string; to_end: string; to_eid: string; days: number; a: number | null; b: number | null }>(
    `SELECT g.from_end, g.from_eid, g.to_end, g.to_eid, g.days, (SELECT m.sequence FROM forum_marks m WHERE m.eid = g.from_eid AND ${vis('m')}) AS a, (SELECT m.sequence FROM forum_marks m WHERE m.eid = g.to_eid AND ${vis('m')}) AS b
     FROM forum_gaps g WHERE g.forum = @f AND g.to_end <= @D AND ${vis('g')} ORDER BY g.days DESC, g.from_end, g.from_eid LIMIT @k`,
    { ...p, k: FIRST_REFERENCES },
  );
  const longestGaps: MeetingGap[] = gaps.map((g) => {
    let unrecorded = 0;
    if (g.a !== null && g.b !== null && missingCount > 0) {
      const [lo, hi] = [Math.max(g.a + 1, 1), Math.min(g.b - 1, max)];
      unrecorded = lo > hi ? 0 : missingBetween(lo, hi);
    }
    return { fromMeeting: g.from_eid, toMeeting: g.to_eid, from: g.from_end, to: g.to_end, days: g.days, unrecordedMeetings: unrecorded };
  });
  return {
    count,
    first,
    last,
    years,
    gapCount: Math.max(0, count - 1),
    longestGaps,
    longestGapDays: gaps[0]?.days ?? null,
    unrecordedSequences: {
      count: missingCount,
      first: missingCount === 0 ? [] : after !== null ? firstOf([...firstHoles(query, p, vis('r')).filter((n) => n <= max), ...after]) : firstMissing(query, p, vis('q'), max, Math.min(missingCount, FIRST_MISSING)),
    },
  };
}

/** Numbers first carried after D read whole up to this many; beyond, the numbers are walked. */
const FEW_AFTER = 256;

const firstOf = (numbers: number[]) => [...new Set(numbers)].sort((a, b) => a - b).slice(0, FIRST_MISSING);

/** The lowest missing numbers now, from the first holes. */
function firstHoles(query: Query, p: Params, visible: string): number[] {
  const out: number[] = [];
  for (const r of query<Run>(`SELECT r.from_seq, r.to_seq FROM forum_holes r WHERE r.forum = @f AND ${visible} ORDER BY r.from_seq LIMIT @k`, { ...p, k: FIRST_MISSING })) {
    for (let s = r.from_seq; s <= r.to_seq && out.length < FIRST_MISSING; s++) out.push(s);
  }
  return out;
}

/**
 * The lowest numbers up to `max` that no meeting counting by D carries, read up the sequence
 * index a few at a time: a few more than are wanted first (where numbers are missing they are
 * found at once), twice as many each time after.
 */
function firstMissing(query: Query, p: Params, visible: string, max: number, wanted: number): number[] {
  const missing: number[] = [];
  let expected = 1;
  for (let after = 0, batch = 2 * wanted; missing.length < wanted && expected <= max; batch = Math.min(2 * batch, 1024)) {
    const rows = query<{ sequence: number; first_end: string }>(
      `SELECT q.sequence, q.first_end FROM forum_sequences q WHERE q.forum = @f AND q.sequence > @after AND q.sequence <= @max AND ${visible} ORDER BY q.sequence LIMIT @batch`,
      { ...p, after, max, batch },
    );
    for (const r of rows) {
      if (r.first_end > String(p.D)) continue;
      for (; expected < r.sequence && missing.length < wanted; expected++) missing.push(expected);
      if (missing.length >= wanted) break;
      expected = r.sequence + 1;
    }
    if (rows.length < batch) break;
    after = rows[rows.length - 1].sequence;
  }
  for (; expected <= max && missing.length < wanted; expected++) missing.push(expected);
  return missing;
}
