import type { MoneyFirmness } from '../ledger-inputs';
import { MONEY_FIRMNESSES, type MoneyPeriod } from '../common/values';
import { isBounded, isWithin, moneyPeriodDays, moneyPeriodOf, periodsOverlap, type MoneyPeriodDays } from './money-period';

/** What the totals need of a money fact (a `MoneyFact`, or a read model's copy of one). */
export type CountableMoneyFact = {
  entryId: string;
  firmness: MoneyFirmness;
  amount: string;
  currency: string;
  period?: MoneyPeriod | null;
};

/**
 * A pledge's money of one firmness and currency, added up without counting any money twice.
 * Every fact the pledge has of that firmness and currency is in exactly one of the three lists.
 */
export type MoneyTotal = {
  firmness: MoneyFirmness;
  currency: string;
  /** Decimal string: the sum of the `counted` facts. */
  amount: string;
  /** Entry ids added up: their periods share no day. */
  counted: string[];
  /** Not added: its period lies inside the counted fact's (a single year inside a cumulative total). */
  within: Array<{ entryId: string; countedIn: string }>;
  /**
   * Not added: its period overlaps the counted fact's without lying inside it (another account of
   * the same money, usually from another document) or is not known well enough to tell.
   */
  overlapping: Array<{ entryId: string; overlaps: string }>;
  /** First and last day the counted facts cover; null where an end is not known. */
  covers: MoneyPeriodDays;
};

type Candidate = { fact: CountableMoneyFact; days: MoneyPeriodDays; order: number };

const daysBetween = (from: string, to: string): number => (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;

/**
 * Which facts to consider first: bounded periods, widest first (a total before the years inside
 * it), then the earlier start, then the later entry; then cumulative figures with an unstated
 * start, latest first; then facts with no period. A fact is counted when it overlaps nothing
 * counted so far.
 */
function byPrecedence(a: Candidate, b: Candidate): number {
  const rank = (c: Candidate) => (isBounded(c.days) ? 0 : c.days.to !== null ? 1 : 2);
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (isBounded(a.days) && isBounded(b.days)) {
    const width = daysBetween(b.days.from, b.days.to) - daysBetween(a.days.from, a.days.to);
    if (width !== 0) return width;
    if (a.days.from !== b.days.from) return a.days.from < b.days.from ? -1 : 1;
  } else if (a.days.to !== null && b.days.to !== null && a.days.to !== b.days.to) {
    return a.days.to > b.days.to ? -1 : 1;
  }
  return b.order - a.order;
}

/** Exact decimal addition of the ledger's decimal strings (no floating point). */
export function addDecimals(values: readonly string[]): string {
  const scale = Math.max(0, ...values.map((v) => (v.split('.')[1] ?? '').length));
  const total = values.reduce((sum, v) => {
    const [whole, fraction = ''] = v.split('.');
    return sum + BigInt(whole + fraction.padEnd(scale, '0'));
  }, 0n);
  if (scale === 0) return total.toString();
  const digits = total.toString().padStart(scale + 1, '0');
  const fraction = digits.slice(-scale).replace(/0+$/, '');
  return fraction === '' ? digits.slice(0, -scale) : `${digits.slice(0, -scale)}.${fraction}`;
}

function totalOf(firmness: MoneyFirmness, currency: string, facts: CountableMoneyFact[], orderOf: Map<CountableMoneyFact, number>): MoneyTotal {
  const candidates = facts.map((fact) => ({ fact, days: moneyPeriodDays(moneyPeriodOf(fact)), order: orderOf.get(fact) ?? 0 })).sort(byPrecedence);
  const counted: Candidate[] = [];
  const within: MoneyTotal['within'] = [];
  const overlapping: MoneyTotal['overlapping'] = [];
  for (const candidate of candidates) {
    const container = counted.find((c) => isWithin(candidate.days, c.days));
    if (container) {
      within.push({ entryId: candidate.fact.entryId, countedIn: container.fact.entryId });
      continue;
    }
    const clash = counted.find((c) => periodsOverlap(candidate.days, c.days));
    if (clash) overlapping.push({ entryId: candidate.fact.entryId, overlaps: clash.fact.entryId });
    else counted.push(candidate);
  }
  const froms = counted.map((c) => c.days.from);
  const tos = counted.map((c) => c.days.to);
  return {
    firmness,
    currency,
    amount: addDecimals(counted.map((c) => c.fact.amount)),
    counted: counted.map((c) => c.fact.entryId),
    within,
    overlapping,
    covers: {
      from: froms.includes(null) ? null : (froms as string[]).sort()[0] ?? null,
      to: tos.includes(null) ? null : (tos as string[]).sort().slice(-1)[0] ?? null,
    },
  };
}

/**
 * A pledge's money facts totalled by firmness (and currency: amounts in different currencies
 * are never added). Within one firmness a cumulative figure is never added to the single-year
 * amounts inside it, nor two overlapping accounts of the same money to each other; every fact
 * not added says which counted fact it lies within or overlaps. Pass the pledge's live
 * (non-retracted) facts in recording order; firmnesses come out in the ledger's order.
 */
export function totalMoneyByFirmness(facts: readonly CountableMoneyFact[]): MoneyTotal[] {
  const orderOf = new Map(facts.map((fact, i) => [fact, i]));
  const groups = new Map<string, CountableMoneyFact[]>();
  for (const fact of facts) {
    const key = `${fact.firmness} ${fact.currency}`;
    groups.set(key, [...(groups.get(key) ?? []), fact]);
  }
  return [...groups.entries()]
    .map(([key, group]) => {
      const [firmness, currency] = key.split(' ') as [MoneyFirmness, string];
      return totalOf(firmness, currency, group, orderOf);
    })
    .sort((a, b) => MONEY_FIRMNESSES.indexOf(a.firmness) - MONEY_FIRMNESSES.indexOf(b.firmness) || a.currency.localeCompare(b.currency));
}
