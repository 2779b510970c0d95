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
 * when it settles, each changed bucket once and each version once, in key order, instead of an
 * upsert of both per change (a year's bucket changes with most events of a batch). The versions
 * are the same: after every change of a bucket at an instant, its value then.
 */
export class VersionedCounts {
  /** Current values of buckets read or changed lately (what the file holds once the batch commits). */
  private readonly known = new Map<string, number>();
  private readonly dirty = new Map<string, { key: Key; n: number }>();
  private readonly versions = new Map<string, { key: Key; at: number; n: number }>();

  constructor(
    private readonly sql: {
      /** The bucket's current value, bound with the key's columns. */
      read: Statement;
      /** Sets the bucket's current value: the key's columns, then n. */
      write: Statement;
      /** Sets (inserts or replaces) the version of an instant: the key's columns, from_at, then n. */
      version: Statement;
    },
    private readonly capacity = 50_000,
  ) {}

  /** Moves the bucket `key` by `d` at the instant `at` (ms); no change, no version. */
  add(key: Key, at: number, d: number): void {
    if (d === 0) return;
    const k = key.join('\u0000');
    const n = this.current(k, key) + d;
    this.known.set(k, n);
    this.dirty.set(k, { key, n });
    this.versions.set(`${k}\u0000${at}`, { key, at, n });
  }

  /** Writes what the batch changed; called before it commits. */
  settle(): void {
    for (const { key, n } of [...this.dirty.values()].sort((a, b) => compareKeys(a.key, b.key))) this.sql.write.run(...key, n);
    for (const { key, at, n } of [...this.versions.values()].sort((a, b) => compareKeys(a.key, b.key) || a.at - b.at)) this.sql.version.run(...key, at, n);
    this.dirty.clear();
    this.versions.clear();
    if (this.known.size > this.capacity) this.known.clear();
  }

  /** Forgets what is held (rows of the file deleted behind it); pending changes must have been settled. */
  forget(): void {
    if (this.dirty.size > 0 || this.versions.size > 0) throw new Error('bucket counts forgotten before they were written');
    this.known.clear();
  }

  private current(k: string, key: Key): number {
    const n = this.known.get(k);
    if (n !== undefined) return n;
    const row = this.sql.read.get(...key) as { n: number } | undefined;
    return row?.n ?? 0;
  }
}
