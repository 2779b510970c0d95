import type { Statement } from 'better-sqlite3';

/** Counts kept by calendar bucket: handover counts, the board's status totals, forum activity. */

/**
 * The calendar grains a count is kept at: year, month, day, each bucket one integer (2016,
 * 201603, 20160304: the magnitudes tell the grains apart). A status count on day O is the sum of
 * the years before O's, the months of its year before its month, and the days of its month up to
 * O: at most 25 + 11 + 31 buckets per status, however many pledges the history holds.
 */
export function calendarBuckets(day: string): number[] {
  return [Number(day.slice(0, 4)), Number(day.slice(0, 4) + day.slice(5, 7)), Number(day.slice(0, 4) + day.slice(5, 7) + day.slice(8, 10))];
}

/** The parameters of RANGES for day O. */
export function countsOnParams(day: string): { y: number; y0: number; m: number; m0: number; o: number } {
  const [y, m, o] = calendarBuckets(day);
  return { y, y0: y * 100, m, m0: m * 100, o };
}

/** The buckets summed for day O, on an alias `c` with column `b`: the years before O's, the months of its year before its month, the days of its month up to O. */
export const RANGES = ['c.b < @y', 'c.b >= @y0 AND c.b < @m', 'c.b >= @m0 AND c.b <= @o'];

type Key = readonly (string | number)[];

/** Orders keys the way their table's primary key does (each column's values of one type), so a batch's writes walk its B-tree in order. */
function compareKeys(a: Key, b: Key): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
}

/**
 * Bucket counts with one version per recorded instant (integer ms) they changed at, as the
 * handover counts and the board's totals keep them: a table of the current values (key, n) and
 * one of the versions (key, from_at, n). A batch's changes are added up in memory and written
 * when it settles: each changed bucket moved once by its net change (the upsert returns its new
 * value), then its versions, in key order, instead of an upsert of both per change (a year's
 * bucket changes with most events of a batch). The versions are the same: after every change of
 * a bucket at an instant, its value then. Nothing is held between batches.
 */
export class VersionedCounts {
  /** Per bucket changed in this batch: its net change, and after each instant's changes the net change so far. */
  private readonly pending = new Map<string, { key: Key; total: number; steps: Array<{ at: number; total: number }> }>();

  constructor(
    private readonly sql: {
      /** Adds to the bucket's value (the key's columns, then the change), returning its new `n`. */
      move: Statement;
      /** Sets (inserts or replaces) the version of an instant: the key's columns, from_at, then n. */
      version: Statement;
    },
  ) {}

  /** Moves the bucket `key` by `d` at the instant `at` (ms); no change, no version. */
  add(key: Key, at: number, d: number): void {
    if (d === 0) return;
    const k = key.join('\u0000');
    let p = this.pending.get(k);
    if (!p) this.pending.set(k, (p = { key, total: 0, steps: [] }));
    p.total += d;
    const last = p.steps[p.steps.length - 1];
    if (last?.at === at) last.total = p.total;
    else p.steps.push({ at, total: p.total });
  }

  /** Writes what the batch changed; called before it commits (and before rows of the tables are deleted behind it). */
  settle(): void {
    for (const { key, total, steps } of [...this.pending.values()].sort((a, b) => compareKeys(a.key, b.key))) {
      const { n } = this.sql.move.get(...key, total) as { n: number };
      // In the order they happened: an instant seen again later in the batch keeps its last value.
      for (const step of steps) this.sql.version.run(...key, step.at, n - total + step.total);
    }
    this.pending.clear();
  }
}
