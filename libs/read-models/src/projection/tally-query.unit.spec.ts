import fc from 'fast-check';
import { countedBy } from './tally-query';
import { bucketsOf, dayNumber } from './tally-rows';

/**
 * The calendar arithmetic of the tallies: items are counted into their year's, month's and day's
 * buckets (`bucketsOf`), and the signed ranges `countedBy` sums for D must add up to exactly the
 * items that count by D, whatever D (a year's or a month's first or last day, 29 February) and
 * wherever the items fall.
 */
describe('tally buckets: the ranges summed for D count exactly the items of days up to D', () => {
  const day = fc.integer({ min: dayNumber('2000-01-01'), max: dayNumber('2030-12-31') });
  const edge = fc.constantFrom('2016-12-31', '2017-01-01', '2016-02-29', '2016-03-01', '2015-06-30', '2015-07-01', '2016-01-31', '2016-11-30', '2016-12-01').map(dayNumber);

  it('holds for random days and for the first and last days of years and months', () => {
    fc.assert(
      fc.property(fc.oneof(day, edge), fc.array(fc.oneof(day, edge), { maxLength: 60 }), (D, items) => {
        const buckets = new Map<string, number>();
        for (const d of items) bucketsOf(d).forEach((b, grain) => buckets.set(`${grain} ${b}`, (buckets.get(`${grain} ${b}`) ?? 0) + 1));
        let sum = 0;
        for (const [, grain, lo, hi, sign] of countedBy(1, D)) {
          for (const [key, n] of buckets) {
            const [g, b] = key.split(' ').map(Number);
            if (g === grain && b >= lo && b <= hi) sum += sign * n;
          }
        }
        expect(sum).toBe(items.filter((d) => d <= D).length);
      }),
      { numRuns: 2000 },
    );
  });

  it('reads few buckets: the scope’s years, then at most 6 months and 16 days', () => {
    for (const D of ['2016-12-31', '2016-06-15', '2016-01-01', '2016-07-16'].map(dayNumber)) {
      const [, months, days] = countedBy(1, D);
      expect(months[3] - months[2] + 1).toBeLessThanOrEqual(6);
      expect(days[3] - days[2] + 1).toBeLessThanOrEqual(16);
    }
  });
});
