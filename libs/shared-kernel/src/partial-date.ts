/**
 * Dates of the world are often imprecise: a year, a month or a day (ISO 8601 / EDTF level 0).
 * For "as of" questions a partial date counts as effective at the END of its period, so that
 * "in 2016" is not claimed to have happened before 2016-12-31. This one rule is used everywhere.
 */
export const PARTIAL_DATE_PATTERN = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;

export type DatePrecision = 'year' | 'month' | 'day';

export function isPartialDate(value: string): boolean {
  if (!PARTIAL_DATE_PATTERN.test(value)) return false;
  if (value.length === 10) {
    const d = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
  }
  return true;
}

export function precisionOf(value: string): DatePrecision {
  return value.length === 4 ? 'year' : value.length === 7 ? 'month' : 'day';
}

/** Last calendar day covered by a partial date, as `YYYY-MM-DD`. */
export function effectiveEnd(value: string): string {
  if (value.length === 10) return value;
  if (value.length === 4) return `${value}-12-31`;
  const [y, m] = value.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${value}-${String(last).padStart(2, '0')}`;
}

/** First calendar day covered by a partial date, as `YYYY-MM-DD`. */
export function effectiveStart(value: string): string {
  if (value.length === 10) return value;
  if (value.length === 4) return `${value}-01-01`;
  return `${value}-01`;
}

/** True when a fact with this partial date counts under `asOf` (a full date). */
export function isEffectiveBy(value: string, asOf: string): boolean {
  return effectiveEnd(value) <= asOf;
}
