import type { FieldRules } from '../common/fields';
import { fieldPath, normalizeAll } from '../common/fields';
import { requireKnownThemes } from '../common/references';
import { InputValidator, isAbsent, isRecord } from '../common/validation';
import { MONEY_FIRMNESSES, type MoneyFact, type MoneyTerms, type PartialDate, type SourceRef } from '../common/values';
import type { DecisionContext } from '../decider';
import { CURRENCY_PATTERN, DECIMAL_PATTERN, type InitialPledgeStatus } from '../ledger-inputs';
import { normalizeMoneyPeriod } from './money-period';
import { INITIAL_PLEDGE_STATUSES } from './pledge-status';

/**
 * What a pledge says, shared by minutes (MinutesRecorded) and the pledge stream (PledgeMade),
 * and the rules that check it. The meeting decider uses them too, so a pledge made in minutes
 * passes exactly the checks of one recorded from a document.
 */
export type PledgeTerms = {
  by: string[];
  accountable: string[];
  implementers: string[];
  beneficiaries: string[];
  description: string;
  themes: string[];
  dueDate: PartialDate | null;
  source: SourceRef;
};

/** What a pledge correction may replace: the terms, and when the pledge was made. */
export type PledgeCorrectable = PledgeTerms & { madeOn: PartialDate };

/** A pledge as minutes carry it: ids resolved, money facts with entry ids, sources filled in. */
export type MinutesPledge = PledgeTerms & { pledgeId: string; status: InitialPledgeStatus; money: MoneyFact[] };

/** `fallbackSource`: a pledge without its own source cites the minutes it was made in. */
export function pledgeTermRules(fallbackSource: SourceRef | null): FieldRules<PledgeTerms> {
  return {
    by: (v, f, x) => v.texts(f, x, 1),
    accountable: (v, f, x) => v.texts(f, x),
    implementers: (v, f, x) => v.texts(f, x),
    beneficiaries: (v, f, x) => v.texts(f, x),
    description: (v, f, x) => v.text(f, x),
    themes: (v, f, x) => v.slugSet(f, x),
    // A due date may lie ahead; every other world date must already have happened.
    dueDate: (v, f, x) => v.optionalPartialDate(f, x, 'any'),
    source: (v, f, x) => (isAbsent(x) && fallbackSource !== null ? fallbackSource : v.source(f, x)),
  };
}

export const pledgeCorrectionRules: FieldRules<PledgeCorrectable> = {
  ...pledgeTermRules(null),
  madeOn: (v, f, x) => v.partialDate(f, x),
};

export const moneyTermRules: FieldRules<MoneyTerms> = {
  firmness: (v, f, x) => v.oneOf(f, x, MONEY_FIRMNESSES),
  amount: (v, f, x) => v.pattern(f, x, DECIMAL_PATTERN, 'a decimal string such as 2800000000 or 1.5'),
  currency: (v, f, x) => v.pattern(f, x, CURRENCY_PATTERN, 'an ISO 4217 code such as USD'),
  asOf: (v, f, x) => v.partialDate(f, x),
  period: (v, f, x) => normalizeMoneyPeriod(v, f, x),
};

/** One money fact. The evidence is resolved by the caller (its own field, or the pledge's source). */
export function normalizeMoneyFact(v: InputValidator, field: string, input: unknown, entryId: string, evidence: SourceRef): MoneyFact {
  const terms = normalizeAll(v, moneyTermRules, input, field);
  const note = v.optionalText(fieldPath(field, 'note'), isRecord(input) ? input.note : undefined);
  return { entryId, ...terms, note, evidence };
}

/** The money facts listed with a pledge; each cites its own source or the pledge's. */
export function normalizePledgeMoney(v: InputValidator, field: string, input: unknown, pledgeSource: SourceRef, context: DecisionContext): MoneyFact[] {
  return v.list(field, input, (f, x) => {
    const evidence = isRecord(x) && !isAbsent(x.source) ? v.source(`${f}.source`, x.source) : pledgeSource;
    return normalizeMoneyFact(v, f, x, context.newId(), evidence);
  });
}

/**
 * A pledge as made, without its id or when/where it was made: the parts minutes and a
 * document share. `field` is the path of the pledge in the input (`pledges[2]` or ``).
 */
export function normalizePledgeBody(
  v: InputValidator,
  field: string,
  input: unknown,
  fallbackSource: SourceRef | null,
  context: DecisionContext,
): PledgeTerms & { status: InitialPledgeStatus; money: MoneyFact[] } {
  const at = (key: string) => fieldPath(field, key);
  if (!isRecord(input)) throw v.error(field === '' ? 'pledge' : field, 'must be a pledge object');
  const terms = normalizeAll(v, pledgeTermRules(fallbackSource), input, field);
  requireKnownThemes(context, terms.themes, at('themes'));
  const status = v.oneOf(at('status'), input.status, INITIAL_PLEDGE_STATUSES);
  const money = normalizePledgeMoney(v, at('money'), input.money, terms.source, context);
  return { ...terms, status, money };
}
