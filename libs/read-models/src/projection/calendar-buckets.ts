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

