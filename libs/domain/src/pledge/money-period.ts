import { effectiveEnd, effectiveStart, isPartialDate } from '@concordat/shared-kernel';
import { fieldPath } from '../common/fields';
import { isAbsent, isRecord, type InputValidator } from '../common/validation';
import type { MoneyPeriod } from '../common/values';
import { MONEY_PERIOD_KINDS } from '../ledger-inputs';

/**
 * The period a money fact covers, checked and turned into the days it spans. A period's ends
 * are single dates (`2014`, `2017-09`, `2015-02-26`), never ranges: a period is itself the range.
 */

const YEAR = /^\d{4}$/;
const isSingleDate = (value: string): boolean => !value.includes('/') && isPartialDate(value);

/** The days a period covers; a null end is not known (cumulative since an unstated start, or no period given). */
export type MoneyPeriodDays = { from: string | null; to: string | null };

export function normalizeMoneyPeriod(v: InputValidator, field: string, input: unknown): MoneyPeriod | null {
  if (isAbsent(input)) return null;
  if (!isRecord(input)) throw v.error(field, 'must be a period object { kind, from?, to? }');
  const kind = v.oneOf(fieldPath(field, 'kind'), input.kind, MONEY_PERIOD_KINDS);
  const end = (key: 'from' | 'to', required: boolean, pattern: 'year' | 'date'): string | null => {
    const at = fieldPath(field, key);
    const value = input[key];
    if (isAbsent(value)) {
      if (required) throw v.error(at, `is required for a ${kind} period`);
      return null;
    }
    if (pattern === 'year') return v.pattern(at, value, YEAR, 'a fiscal year YYYY');
    if (typeof value !== 'string' || !isSingleDate(value)) throw v.error(at, 'must be one date: YYYY, YYYY-MM or YYYY-MM-DD', typeof value === 'string' ? { value } : {});
    return value;
  };
  if (kind === 'unstated') {
    for (const key of ['from', 'to'] as const) {
      if (!isAbsent(input[key])) throw v.error(fieldPath(field, key), 'cannot be given for an unstated period');
    }
    return { kind, from: null, to: null };
  }
  const from = end('from', kind !== 'to-date', kind === 'fiscal-years' ? 'year' : 'date');
  const to = end('to', true, kind === 'fiscal-years' ? 'year' : 'date') as string;
  const period: MoneyPeriod = { kind, from, to };
  const days = moneyPeriodDays(period);
  if (days.from !== null && days.to !== null && days.from > days.to) throw v.error(fieldPath(field, 'from'), 'must not be after the period ends', { from, to });
  if (from !== null && kind !== 'fiscal-years' && effectiveEnd(from) > effectiveEnd(to)) {
    throw v.error(fieldPath(field, 'from'), 'must not end after the period ends', { from, to });
  }
  return period;
}

/** U.S. fiscal year N runs from N-1-10-01 to N-09-30. */
export function moneyPeriodDays(period: MoneyPeriod | null | undefined): MoneyPeriodDays {
  if (!period) return { from: null, to: null };
  switch (period.kind) {
    case 'fiscal-years':
      return { from: `${Number(period.from) - 1}-10-01`, to: `${period.to}-09-30` };
    case 'span':
    case 'to-date':
      return { from: period.from === null ? null : effectiveStart(period.from), to: period.to === null ? null : effectiveEnd(period.to) };
    case 'unstated':
      return { from: null, to: null };
    default: {
      const _: never = period.kind;
      return { from: null, to: null };
    }
  }
}

/** Facts recorded before periods existed carry none: they read as unstated. */
export function moneyPeriodOf(fact: { period?: MoneyPeriod | null }): MoneyPeriod | null {
  return fact.period ?? null;
}

/** Both ends known. */
export function isBounded(days: MoneyPeriodDays): days is { from: string; to: string } {
  return days.from !== null && days.to !== null;
}

/** `inner` lies wholly inside `outer` (both bounded). */
export function isWithin(inner: MoneyPeriodDays, outer: MoneyPeriodDays): boolean {
  return isBounded(inner) && isBounded(outer) && outer.from <= inner.from && inner.to <= outer.to;
}

/** The two periods may share a day: an unknown end may reach any day. */
export function periodsOverlap(a: MoneyPeriodDays, b: MoneyPeriodDays): boolean {
  const startsBeforeEnd = (x: MoneyPeriodDays, y: MoneyPeriodDays) => x.from === null || y.to === null || x.from <= y.to;
  return startsBeforeEnd(a, b) && startsBeforeEnd(b, a);
}
