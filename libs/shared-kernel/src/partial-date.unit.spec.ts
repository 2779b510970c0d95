import {
  dateInterval,
  effectiveEnd,
  effectiveStart,
  intervalsOverlap,
  isDateInterval,
  isEffectiveBy,
  isFullDate,
  isPartialDate,
  partialDateProblem,
  precisionOf,
} from './partial-date';

describe('partial dates', () => {
  it.each([
    ['2016', '2016-01-01', '2016-12-31', 'year'],
    ['2016-02', '2016-02-01', '2016-02-29', 'month'],
    ['2015-02', '2015-02-01', '2015-02-28', 'month'],
    ['2016-10-14', '2016-10-14', '2016-10-14', 'day'],
    ['2012/2016', '2012-01-01', '2016-12-31', 'interval'],
    ['2014-03/2014-05', '2014-03-01', '2014-05-31', 'interval'],
    ['2012-11-20/2013', '2012-11-20', '2013-12-31', 'interval'],
    ['2014-03-15/2014-03-20', '2014-03-15', '2014-03-20', 'interval'],
  ])('%s covers %s..%s (%s)', (value, from, to, precision) => {
    expect(isPartialDate(value)).toBe(true);
    expect(effectiveStart(value)).toBe(from);
    expect(effectiveEnd(value)).toBe(to);
    expect(dateInterval(value)).toEqual({ from, to });
    expect(precisionOf(value)).toBe(precision);
    expect(isDateInterval(value)).toBe(precision === 'interval');
  });

  it.each([
    ['2016-13', 'must be'],
    ['2016-02-30', 'must be'],
    ['16', 'must be'],
    ['2016-1', 'must be'],
    ['2012/', 'both ends'],
    ['/2016', 'both ends'],
    ['2012/..', 'both ends'],
    ['2012/2016/2018', 'both ends'],
    ['2016/2012', 'start is not before its end'],
    ['2016/2016', 'start is not before its end'],
    ['2014/2014-06', 'start is not before its end'],
    ['2014-05/2014-03', 'start is not before its end'],
  ])('refuses %s with a reason', (value, reason) => {
    expect(isPartialDate(value)).toBe(false);
    expect(partialDateProblem(value)).toContain(reason);
  });

  it('an interval counts for asOf only once its whole period has passed (its end)', () => {
    expect(isEffectiveBy('2012/2016', '2016-12-30')).toBe(false);
    expect(isEffectiveBy('2012/2016', '2016-12-31')).toBe(true);
    expect(isEffectiveBy('2014-03/2014-05', '2014-05-30')).toBe(false);
    expect(isEffectiveBy('2014-03/2014-05', '2014-05-31')).toBe(true);
    expect(isEffectiveBy('2016', '2016-12-30')).toBe(false);
    expect(isEffectiveBy('2016-10-14', '2016-10-14')).toBe(true);
  });

  it('full dates are days only, never intervals', () => {
    expect(isFullDate('2016-10-14')).toBe(true);
    expect(isFullDate('2016-02-30')).toBe(false);
    expect(isFullDate('2016')).toBe(false);
    expect(isFullDate('2012/2016')).toBe(false);
  });

  it('overlap of day ranges is inclusive at both ends', () => {
    const term = { from: '2012-12-01', to: '2018-11-30' };
    expect(intervalsOverlap(dateInterval('2012'), term)).toBe(true);
    expect(intervalsOverlap(dateInterval('2012-11'), term)).toBe(false);
    expect(intervalsOverlap(dateInterval('2018-11-30'), term)).toBe(true);
    expect(intervalsOverlap(dateInterval('2018-12'), term)).toBe(false);
  });
});
