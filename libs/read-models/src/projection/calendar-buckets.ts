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

/** The day bucket of `day` (20160304), without the strings `calendarBuckets` builds: its year and month are it over 10000 and 100, rounded down. */
export function dayNumber(day: string): number {
  return Number(day.slice(0, 4)) * 10000 + Number(day.slice(5, 7)) * 100 + Number(day.slice(8, 10));
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

/** A Float64Array of at least `n` entries holding `a`'s first `used`: grown by doubling, kept between batches. */
function room(a: Float64Array, used: number, n: number): Float64Array {
  if (n <= a.length) return a;
  const next = new Float64Array(Math.max(n, a.length * 2));
  next.set(a.subarray(0, used));
  return next;
}

/**
 * Bucket counts with one version per recorded instant (integer ms) they changed at, as the
 * handover counts and the board's totals keep them: a table of the current values (key, n) and
 * one of the versions (key, from_at, n). A batch's changes are added up in memory and written
 * when it settles: each changed bucket moved once by its net change (the upsert returns its new
 * value), then its versions, in key order, instead of an upsert of both per change (a year's
 * bucket changes with most events of a batch). The versions are the same: after every change of
 * a bucket at an instant, its value then. No count is held between batches.
 *
 * A change allocates nothing that outlives it: a batch lives long enough for what it allocates
 * to be promoted to the old generation, where, as garbage, it raised the peak RSS (310 MB at 1M
 * with an object per bucket and per step). Buckets are numbered in the batch (by their packed
 * number, or their key's columns joined), and the steps are rows of reused typed arrays, each
 * bucket's linked in the order they happened.
 */
export class VersionedCounts {
  /** The batch's number of each bucket changed in it, by packed number or joined key. */
  private readonly slots = new Map<number | string, number>();
  /** Per slot: its key's columns. */
  private readonly keys: Key[] = [];
  /** Per slot: net change, first and last step (row numbers). */
  private slot: Float64Array = new Float64Array(3 * 256);
  /** Per step: instant, net change of its bucket so far, next step of its bucket (-1: none). */
  private steps: Float64Array = new Float64Array(3 * 1024);
  private stepCount = 0;

  constructor(
    private readonly sql: {
      /** Adds to the bucket's value (the key's columns, then the change), returning its new `n`. */
      move: Statement;
      /** Sets (inserts or replaces) the version of an instant: the key's columns, from_at, then n. */
      version: Statement;
    },
    /** The key's columns of a packed bucket number (`addPacked`). */
    private readonly unpack?: (packed: number) => Key,
  ) {}

  /** Moves the bucket `key` by `d` at the instant `at` (ms); no change, no version. */
  add(key: Key, at: number, d: number): void {
    if (d === 0) return;
    const id = key.join('\u0000');
    const s = this.slots.get(id);
    this.move(s === undefined ? this.newSlot(id, key) : s, at, d);
  }

  /** The same for a bucket numbered by the caller: its key's columns are `unpack(packed)`, in the same order as the numbers. */
  addPacked(packed: number, at: number, d: number): void {
    if (d === 0) return;
    const s = this.slots.get(packed);
    this.move(s === undefined ? this.newSlot(packed, this.unpack!(packed)) : s, at, d);
  }

  /** Writes what the batch changed; called before it commits (and before rows of the tables are deleted behind it). */
  settle(): void {
    const order = Array.from(this.keys.keys()).sort((a, b) => compareKeys(this.keys[a], this.keys[b]));
    const { slot, steps } = this;
    for (const s of order) {
      const key = this.keys[s];
      const total = slot[3 * s];
      const { n } = this.sql.move.get(...key, total) as { n: number };
      // In the order they happened: an instant seen again later in the batch keeps its last value.
      for (let i = slot[3 * s + 1]; i >= 0; i = steps[3 * i + 2]) this.sql.version.run(...key, steps[3 * i], n - total + steps[3 * i + 1]);
    }
    this.slots.clear();
    this.keys.length = 0;
    this.stepCount = 0;
  }

  private newSlot(id: number | string, key: Key): number {
    const s = this.keys.length;
    this.slots.set(id, s);
    this.keys.push(key);
    this.slot = room(this.slot, 3 * s, 3 * s + 3);
    this.slot[3 * s] = 0;
    this.slot[3 * s + 1] = -1;
    this.slot[3 * s + 2] = -1;
    return s;
  }

  private move(s: number, at: number, d: number): void {
    const { slot } = this;
    const total = (slot[3 * s] += d);
    const last = slot[3 * s + 2];
    if (last >= 0 && this.steps[3 * last] === at) {
      this.steps[3 * last + 1] = total;
      return;
    }
    const i = this.stepCount++;
    const steps = (this.steps = room(this.steps, 3 * i, 3 * i + 3));
    steps[3 * i] = at;
    steps[3 * i + 1] = total;
    steps[3 * i + 2] = -1;
    if (last >= 0) steps[3 * last + 2] = i;
    else slot[3 * s + 1] = i;
    slot[3 * s + 2] = i;
  }
}
