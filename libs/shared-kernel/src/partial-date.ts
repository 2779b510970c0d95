/**
 * Dates of the world are often imprecise: a year, a month or a day (ISO 8601 / EDTF level 0),
 * or, where a source gives only a range, an EDTF interval of two such dates (`2012/2016`,
 * `2014-03/2014-05`). Every partial date is an interval of calendar days: "2012" is
 * 2012-01-01..2012-12-31, "2012/2016" is 2012-01-01..2016-12-31.
 *
 * Two rules use that interval, each in one place:
 * - "as of" questions: a fact counts once its whole period has passed, i.e. at the END of the
 *   interval (`effectiveEnd`, `isEffectiveBy`), so "in 2016" is not claimed before 2016-12-31;
 * - attribution: a fact may fall on any day of the interval (`dateInterval`), so one whose
 *   interval spans a handover may belong to either administration.
 */

/** One date: `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (shape only; `isPartialDate` also checks the day exists). */
export const PARTIAL_DATE_PATTERN = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;

/** The forms a domain date may take, for error messages and API descriptions. */
export const PARTIAL_DATE_FORMS = 'YYYY, YYYY-MM, YYYY-MM-DD or an EDTF interval of two of them such as 2012/2016 or 2014-03/2014-05';

export type DatePrecision = 'year' | 'month' | 'day' | 'interval';

/** An inclusive range of calendar days, both ends `YYYY-MM-DD`. */
export interface DayInterval {
  from: string;
  to: string;
}

const INTERVAL_SEPARATOR = '/';

function isSingleDate(value: string): boolean {
  if (!PARTIAL_DATE_PATTERN.test(value)) return false;
  if (value.length === 10) {
    const d = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
  }
  return true;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Called for every dated row a projection writes: plain arithmetic, no Date. */
function lastDayOf(single: string): string {
  if (single.length === 10) return single;
  if (single.length === 4) return `${single}-12-31`;
  const y = Number(single.slice(0, 4));
  const m = Number(single.slice(5, 7));
  if (!(m >= 1 && m <= 12)) return `${single}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return `${single}-${m === 2 && leap ? 29 : MONTH_DAYS[m - 1]}`;
}

function firstDayOf(single: string): string {
  if (single.length === 10) return single;
  if (single.length === 4) return `${single}-01-01`;
  return `${single}-01`;
}

/** The two ends of an EDTF interval, or null when the value is a single date. */
export function intervalEnds(value: string): { start: string; end: string } | null {
  const at = value.indexOf(INTERVAL_SEPARATOR);
  if (at < 0) return null;
  return { start: value.slice(0, at), end: value.slice(at + 1) };
}

/**
 * Why a string is not a partial date, or null when it is one. An interval needs two dates
 * (open ends such as `2012/..` are not accepted: the record must say where a range ends) and
 * its start must begin before its end and not end after it.
 */
export function partialDateProblem(value: string): string | null {
  const ends = intervalEnds(value);
  if (ends === null) return isSingleDate(value) ? null : `must be ${PARTIAL_DATE_FORMS}`;
  const { start, end } = ends;
  if (!isSingleDate(start) || !isSingleDate(end)) return `must be ${PARTIAL_DATE_FORMS}; both ends of an interval are dates`;
  if (!(firstDayOf(start) < firstDayOf(end)) || lastDayOf(start) > lastDayOf(end)) return 'is an interval whose start is not before its end';
  return null;
}

export function isPartialDate(value: string): boolean {
  return partialDateProblem(value) === null;
}

/** A real calendar day `YYYY-MM-DD` (2016-02-30 is not one). */
export function isFullDate(value: string): boolean {
  return value.length === 10 && isSingleDate(value);
}

export function isDateInterval(value: string): boolean {
  return intervalEnds(value) !== null;
}

export function precisionOf(value: string): DatePrecision {
  if (isDateInterval(value)) return 'interval';
  return value.length === 4 ? 'year' : value.length === 7 ? 'month' : 'day';
}

/** Last calendar day a partial date covers, as `YYYY-MM-DD`: the end of its period (of its interval's end). */
export function effectiveEnd(value: string): string {
  const ends = intervalEnds(value);
  return lastDayOf(ends === null ? value : ends.end);
}

/** First calendar day a partial date covers, as `YYYY-MM-DD` (of its interval's start). */
export function effectiveStart(value: string): string {
  const ends = intervalEnds(value);
  return firstDayOf(ends === null ? value : ends.start);
}

/** Every day the fact may have happened on: `effectiveStart`..`effectiveEnd`. */
export function dateInterval(value: string): DayInterval {
  return { from: effectiveStart(value), to: effectiveEnd(value) };
}

/** True when a fact with this partial date counts under `asOf` (a full date): its whole period has passed. */
export function isEffectiveBy(value: string, asOf: string): boolean {
  return effectiveEnd(value) <= asOf;
}

/** True when the two inclusive day ranges share at least one day. */
export function intervalsOverlap(a: DayInterval, b: DayInterval): boolean {
  return a.from <= b.to && b.from <= a.to;
}
