import type Database from 'better-sqlite3';
import { dateInterval } from '@concordat/shared-kernel';
import type { EntityView } from '../ledger-view/ledger-view';
import type { MeetingView } from '../ledger-view/meeting.view';
import { daysBetween, FIRST_REFERENCES } from '../reports/refs';
import type { ForumMeetings, MeetingGap, MeetingMark } from '../reports/report-source';
import { instantMs } from './tally-rows';
import { calendarBuckets, countsOnParams, RANGES } from './calendar-buckets';
import { BLOCK_SIZE, blockOf, SequenceBlocks, withDay } from './forum-sequence-blocks';

type Mark = { eid: string; forum: string; held_end: string; held_on: string; title: string; sequence: number | null };
type Key = { eid: string; held_end: string };
type Gap = { from_end: string; from_eid: string; to_end: string; to_eid: string; days: number };
/** A gap as a bucket keeps it among its longest (`forum_buckets.longest`). */
type Packed = [days: number, fromEnd: string, fromEid: string, toEnd: string, toEid: string];

const pack = (g: Gap): Packed => [g.days, g.from_end, g.from_eid, g.to_end, g.to_eid];
const unpack = ([days, from_end, from_eid, to_end, to_eid]: Packed): Gap => ({ days, from_end, from_eid, to_end, to_eid });
/** Longest first; of equal length, the earlier first (as `gapOrder`). */
const longerFirst = (a: Gap, b: Gap) => b.days - a.days || (a.from_end < b.from_end ? -1 : a.from_end > b.from_end ? 1 : a.from_eid < b.from_eid ? -1 : a.from_eid > b.from_eid ? 1 : 0);
const sameGap = (a: Gap, b: Gap) => a.from_end === b.from_end && a.from_eid === b.from_eid;

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
 * (`forum_marks`), the gap between each two consecutive ones (`forum_gaps`), each sequence number
 * with the first day a meeting carrying it counts (`forum_sequences`, and packed by block of
 * numbers in `forum_sequence_blocks`), and per year, month and day (`forum_buckets`) the meetings
 * and those numbers (with the highest) counting in it and the longest gaps ending in it (a gap
 * counts by D when its later meeting does). A meeting's change moves only its own mark, the two
 * gaps beside it, its sequence's row and block, and the buckets of its days and of those gaps.
 *
 * Every table is system-versioned by recorded instant (integer ms, `[from_at, to_at)`): a row is
 * closed, not deleted, when it goes (deleted only when it was made at the same instant, so never
 * seen), and buckets and blocks keep one version per instant they changed at (`*_versions`). The
 * same queries then answer as known at T as they answer now, over the rows in force at T.
 */
export class ForumRows {
  private readonly sql;
  private now = 0;
  /** The buckets changed by the meeting being stored: each gets a version at its instant once all its changes are made. */
  private touched = new Map<string, { forum: string; b: number }>();

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
      gapFrom: db.prepare<[string, string, string], Gap>(`SELECT from_end, from_eid, to_end, to_eid, days FROM forum_gaps WHERE forum = ? AND from_end = ? AND from_eid = ? AND ${cur}`),
      addGap: db.prepare('INSERT INTO forum_gaps (forum, from_end, from_eid, to_end, to_eid, days, from_at) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      dropGap: closer('forum_gaps', 'forum = @forum AND from_end = @end AND from_eid = @eid'),
      longestEnding: db.prepare<[string, string, string, number], Gap>(
        `SELECT from_end, from_eid, to_end, to_eid, days FROM forum_gaps WHERE forum = ? AND to_end >= ? AND to_end <= ? AND ${cur} ORDER BY days DESC, from_end, from_eid LIMIT ?`,
      ),
      // A bucket's counts move; its highest number is read again from its numbers when they change (after the number's row is saved or closed).
      bucket: db.prepare<{ forum: string; b: number; dm: number; dc: number; lo: string; hi: string }>(
        `INSERT INTO forum_buckets (forum, b, meetings, carried, top) VALUES (@forum, @b, @dm, @dc, CASE WHEN @dc = 0 THEN NULL ELSE ${bucketTop} END)
         ON CONFLICT (forum, b) DO UPDATE SET meetings = meetings + excluded.meetings, carried = carried + excluded.carried, top = CASE WHEN excluded.carried = 0 THEN top ELSE excluded.top END`,
      ),
      longest: db.prepare<[string, number], { longest: string }>('SELECT longest FROM forum_buckets WHERE forum = ? AND b = ?'),
      setLongest: db.prepare('INSERT INTO forum_buckets (forum, b, meetings, carried, longest) VALUES (?, ?, 0, 0, ?) ON CONFLICT (forum, b) DO UPDATE SET longest = excluded.longest'),
      bucketVersion: db.prepare(
        `INSERT INTO forum_bucket_versions (forum, b, from_at, meetings, carried, top, longest) SELECT forum, b, ?, meetings, carried, top, longest FROM forum_buckets WHERE forum = ? AND b = ?
         ON CONFLICT (forum, b, from_at) DO UPDATE SET meetings = excluded.meetings, carried = excluded.carried, top = excluded.top, longest = excluded.longest`,
      ),
      carried: db.prepare<[string, number], { first: string | null }>(`SELECT MIN(held_end) AS first FROM forum_marks WHERE forum = ? AND sequence = ? AND ${cur}`),
      sequence: db.prepare<[string, number], { first_end: string }>(`SELECT first_end FROM forum_sequences WHERE forum = ? AND sequence = ? AND ${cur}`),
      addSequence: db.prepare('INSERT INTO forum_sequences (forum, sequence, first_end, from_at) VALUES (?, ?, ?, ?)'),
      dropSequence: closer('forum_sequences', 'forum = @forum AND sequence = @sequence'),
      block: db.prepare<[string, number], { days: Buffer }>('SELECT days FROM forum_sequence_blocks WHERE forum = ? AND block = ?'),
      setBlock: db.prepare('INSERT INTO forum_sequence_blocks (forum, block, days) VALUES (?, ?, ?) ON CONFLICT (forum, block) DO UPDATE SET days = excluded.days'),
      blockVersion: db.prepare('INSERT INTO forum_sequence_block_versions (forum, block, from_at, days) VALUES (?, ?, ?, ?) ON CONFLICT (forum, block, from_at) DO UPDATE SET days = excluded.days'),
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
    for (const { forum, b } of this.touched.values()) this.sql.bucketVersion.run(this.now, forum, b);
    this.touched.clear();
  }

  private remove(m: Mark): void {
    const prev = this.sql.prev.get(m.forum, m.held_end, m.eid);
    const next = this.sql.next.get(m.forum, m.held_end, m.eid);
    if (prev) this.dropGap(m.forum, prev);
    if (next) this.dropGap(m.forum, m);
    if (prev && next) this.addGap(m.forum, prev, next);
    this.sql.dropMark({ eid: m.eid });
    this.bump(m.forum, m.held_end, -1, 0);
  }

  private add(m: Mark): void {
    const prev = this.sql.prev.get(m.forum, m.held_end, m.eid);
    const next = this.sql.next.get(m.forum, m.held_end, m.eid);
    if (prev && next) this.dropGap(m.forum, prev);
    if (prev) this.addGap(m.forum, prev, m);
    if (next) this.addGap(m.forum, m, next);
    this.sql.addMark.run(m.eid, m.forum, m.held_end, m.held_on, m.title, m.sequence, this.now);
    this.bump(m.forum, m.held_end, 1, 0);
  }

  private touch(forum: string, b: number): void {
    this.touched.set(`${forum}\u0000${b}`, { forum, b });
  }

  /** The counts of the year, month and day of `day` move now (meetings by `dm`, numbers by `dc`). */
  private bump(forum: string, day: string, dm: number, dc: number): void {
    for (const { b, lo, hi } of dayBuckets(day)) {
      this.sql.bucket.run({ forum, b, dm, dc, lo, hi });
      this.touch(forum, b);
    }
  }

  /** A gap opens: it joins the longest of each bucket of its end if it is longer than their last. */
  private addGap(forum: string, a: Key, b: Key): void {
    const gap: Gap = { from_end: a.held_end, from_eid: a.eid, to_end: b.held_end, to_eid: b.eid, days: daysBetween(a.held_end, b.held_end) };
    this.sql.addGap.run(forum, gap.from_end, gap.from_eid, gap.to_end, gap.to_eid, gap.days, this.now);
    for (const { b: bucket } of dayBuckets(gap.to_end)) {
      const longest = this.longest(forum, bucket);
      const next = [...longest, gap].sort(longerFirst).slice(0, FIRST_REFERENCES);
      if (next.includes(gap)) this.setLongest(forum, bucket, next);
    }
  }

  /** The gap after `a` closes: a bucket of its end that kept it among its longest finds them again from its current gaps. */
  private dropGap(forum: string, a: Key): void {
    const gap = this.sql.gapFrom.get(forum, a.held_end, a.eid);
    this.sql.dropGap({ forum, end: a.held_end, eid: a.eid });
    if (!gap) return;
    for (const { b, lo, hi } of dayBuckets(gap.to_end)) {
      if (this.longest(forum, b).some((g) => sameGap(g, gap))) this.setLongest(forum, b, this.sql.longestEnding.all(forum, lo, hi, FIRST_REFERENCES));
    }
  }

  private longest(forum: string, b: number): Gap[] {
    return (JSON.parse(this.sql.longest.get(forum, b)?.longest ?? '[]') as Packed[]).map(unpack);
  }

  private setLongest(forum: string, b: number, gaps: Gap[]): void {
    this.sql.setLongest.run(forum, b, JSON.stringify(gaps.map(pack)));
    this.touch(forum, b);
  }

  /** A sequence number counts from the first day a counted meeting carrying it does. */
  private refreshSequence(forum: string, sequence: number): void {
    const known = this.sql.sequence.get(forum, sequence)?.first_end ?? null;
    const first = this.sql.carried.get(forum, sequence)?.first ?? null;
    if (known === first) return;
    if (known !== null) {
      this.sql.dropSequence({ forum, sequence });
      this.bump(forum, known, 0, -1);
    }
    if (first !== null) {
      this.sql.addSequence.run(forum, sequence, first, this.now);
      this.bump(forum, first, 0, 1);
    }
    if (sequence >= 1) this.setBlockDay(forum, sequence, first === null ? 0 : calendarBuckets(first)[2]);
  }

  /** The number's first day in its block (0: none carries it), kept as the block's version from this instant. */
  private setBlockDay(forum: string, sequence: number, day: number): void {
    const block = blockOf(sequence);
    const days = withDay(this.sql.block.get(forum, block)?.days, sequence, day);
    this.sql.setBlock.run(forum, block, days);
    this.sql.blockVersion.run(forum, block, this.now, days);
  }
}

function markOf(entity: MeetingView): Mark | undefined {
  if (entity.retraction !== null) return undefined;
  return { eid: entity.id, forum: entity.forum, held_end: dateInterval(entity.heldOn.date).to, held_on: entity.heldOn.date, title: entity.title, sequence: entity.sequence };
}

type Params = Record<string, string | number>;
type Query = <R>(sql: string, params?: Params) => R[];

const toMark = (r: Mark): MeetingMark => ({ id: r.eid, title: r.title, sequence: r.sequence, heldOn: r.held_on });

/** RANGES for D, but a month or a year that D ends is one bucket instead of its days or months. */
function rangesTo(asOf: string): string[] {
  const [y, m, d] = asOf.split('-').map(Number);
  if (d !== new Date(Date.UTC(y, m, 0)).getUTCDate()) return RANGES;
  return m === 12 ? ['c.b <= @y'] : [RANGES[0], 'c.b >= @y0 AND c.b <= @m'];
}

/**
 * The longest gaps of all the buckets' longest (JSON, longest first): the buckets by their longest
 * (the number the text starts with), each read only while it can still hold one of the few.
 */
function longestOf(packed: string[]): Gap[] {
  const heads = packed.filter((t) => t !== '[]').map((t) => ({ t, days: Number.parseInt(t.slice(2), 10) }));
  let gaps: Gap[] = [];
  for (const { t, days } of heads.sort((a, b) => b.days - a.days)) {
    if (gaps.length === FIRST_REFERENCES && gaps[FIRST_REFERENCES - 1].days > days) break;
    gaps = [...gaps, ...(JSON.parse(t) as Packed[]).map(unpack)].sort(longerFirst).slice(0, FIRST_REFERENCES);
  }
  return gaps;
}

type Bucket = { b: number; meetings: number; carried: number; top: number | null; longest: string };

/**
 * A forum's meetings as of D from the rows kept ready, as known now or (with `knownAtMs`) as known
 * at that instant, each part a few seeks however long the history: counts, the highest number
 * carried and the longest gaps from the calendar buckets (the years before D's, the months and days
 * of D's year up to D, each at its version in force; a gap counts by D when its later meeting
 * does), the first and last few meetings, and the numbers missing by D (inside each longest gap,
 * and the first few) from the blocks of numbers those gaps and the first missing lie in.
 */
export function readyForumMeetings(query: Query, forum: string, asOf: string, knownAtMs?: number): ForumMeetings {
  const p: Params = { f: forum, D: asOf, ...(knownAtMs === undefined ? {} : { Tms: knownAtMs }) };
  const vis = (a: string) => (knownAtMs === undefined ? `${a}.to_at IS NULL` : `${a}.from_at <= @Tms AND (${a}.to_at IS NULL OR ${a}.to_at > @Tms)`);
  // The buckets counted: the years before D's, the months of D's year before D's, the days of D's month up to D (or the month, or the year, D ends).
  // Each now, or its last version by T: one seek, its values read as one JSON array (none: the bucket was not counted yet).
  const bucketsIn = (range: string) =>
    knownAtMs === undefined
      ? `SELECT c.b AS b, c.meetings AS meetings, c.carried AS carried, c.top AS top, c.longest AS longest FROM forum_buckets c WHERE c.forum = @f AND ${range}`
      : `SELECT c.b AS b, (SELECT json_array(v.meetings, v.carried, v.top, v.longest) FROM forum_bucket_versions v WHERE v.forum = c.forum AND v.b = c.b AND v.from_at <= @Tms
           ORDER BY v.from_at DESC LIMIT 1) AS packed FROM forum_buckets c WHERE c.forum = @f AND ${range}`;
  const on = countsOnParams(asOf);
  const yD = on.y;
  const read = query<Bucket & { packed?: string | null }>(rangesTo(asOf).map(bucketsIn).join(' UNION ALL '), { ...p, ...on });
  const buckets: Bucket[] =
    knownAtMs === undefined
      ? read
      : read.flatMap(({ b, packed }) => {
          if (packed == null) return [];
          const [meetings, carried, top, longest] = JSON.parse(packed) as [number, number, number | null, string];
          return [{ b, meetings, carried, top, longest }];
        });
  const sum = (rows: typeof buckets, column: 'meetings' | 'carried') => rows.reduce((n, r) => n + r[column], 0);
  const before = buckets.filter((r) => r.b < YEARS_END);
  const thisYearRows = buckets.filter((r) => r.b >= YEARS_END);
  const years = before
    .filter((r) => r.meetings > 0)
    .sort((a, b) => a.b - b.b)
    .map((r) => ({ year: r.b, meetings: r.meetings }));
  const thisYear = sum(thisYearRows, 'meetings');
  // The highest number carried by D: the highest of the years before D's and of D's own year's months and days up to D.
  const max = Math.max(0, ...[...before, ...thisYearRows].map((r) => r.top ?? 0));
  if (thisYear > 0) years.push({ year: yD, meetings: thisYear });
  const count = years.reduce((n, y) => n + y.meetings, 0);
  const ends = query<Mark & { part: number }>(
    `SELECT * FROM (SELECT 0 AS part, eid, forum, held_end, held_on, title, sequence FROM forum_marks m WHERE m.forum = @f AND m.held_end <= @D AND ${vis('m')} ORDER BY m.held_end, m.eid LIMIT @k)
     UNION ALL SELECT * FROM (SELECT 1 AS part, eid, forum, held_end, held_on, title, sequence FROM forum_marks m WHERE m.forum = @f AND m.held_end <= @D AND ${vis('m')} ORDER BY m.held_end DESC, m.eid DESC LIMIT @k)`,
    { ...p, k: FIRST_REFERENCES },
  );
  const first = ends.filter((r) => r.part === 0).map(toMark);
  const last = ends.filter((r) => r.part === 1).reverse().map(toMark);
  const missingCount = max - sum(before, 'carried') - sum(thisYearRows, 'carried');
  const blocks = new SequenceBlocks(query, p, knownAtMs, on.o);

  // The longest gaps by D: the longest of the longest kept by each bucket up to D; the numbers their meetings carried (as known at T) bound the unrecorded inside.
  const gaps = longestOf([...before, ...thisYearRows].map((r) => r.longest));
  const eids = [...new Set(gaps.flatMap((g) => [g.from_eid, g.to_eid]))];
  const carriedBy = new Map(
    eids.length === 0
      ? []
      : query<{ eid: string; sequence: number | null }>(`SELECT m.eid, m.sequence FROM forum_marks m WHERE m.eid IN (SELECT value FROM json_each(@eids)) AND ${vis('m')}`, { ...p, eids: JSON.stringify(eids) }).map((r) => [r.eid, r.sequence]),
  );
  // The numbers inside each gap (below the highest by D), when any are missing; their blocks, and the first of the lowest, read in one statement.
  const inside = gaps.map((g): [number, number] | null => {
    const [a, b] = [carriedBy.get(g.from_eid) ?? null, carriedBy.get(g.to_eid) ?? null];
    if (a === null || b === null || missingCount === 0) return null;
    const [lo, hi] = [Math.max(a + 1, 1), Math.min(b - 1, max)];
    return lo > hi ? null : [lo, hi];
  });
  if (missingCount > 0) blocks.prefetch([...inside.filter((r) => r !== null), [1, Math.min(max, BLOCK_SIZE - 1)]]);
  const longestGaps: MeetingGap[] = gaps.map((g, i) => ({
    fromMeeting: g.from_eid,
    toMeeting: g.to_eid,
    from: g.from_end,
    to: g.to_end,
    days: g.days,
    unrecordedMeetings: inside[i] === null ? 0 : blocks.missingIn(...inside[i]),
  }));
  return {
    count,
    first,
    last,
    years,
    gapCount: Math.max(0, count - 1),
    longestGaps,
    longestGapDays: gaps[0]?.days ?? null,
    unrecordedSequences: { count: missingCount, first: missingCount === 0 ? [] : blocks.firstMissing(max, Math.min(missingCount, FIRST_MISSING)) },
  };
}
