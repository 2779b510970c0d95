import type { MoneyFirmness, MoneyPeriodKind } from '../ledger-inputs';
import type { Assert, CoversAll } from './type-checks';

/**
 * Value shapes stored in events. Inputs are normalized into these: every optional field is
 * present as `null` (or `[]`) so the permanent record has one shape per event type.
 */

/** A date of the world; `approximate` dates always carry the reasoning that inferred them. */
export type PartialDate = { date: string; approximate: boolean; reasoning: string | null };

/** Where a fact comes from. `quote` is null only for `public-record`. */
export type SourceRef = { document: string; locator: string | null; quote: string | null; note: string | null };

export const MONEY_FIRMNESSES = ['pledged', 'committed', 'allocated', 'disbursed'] as const satisfies readonly MoneyFirmness[];

/** The span an amount covers (see `MoneyPeriodInput`); `from`/`to` are null where the kind has none. */
export type MoneyPeriod = { kind: MoneyPeriodKind; from: string | null; to: string | null };

/**
 * The correctable part of a money fact. `period` is null when the clerk gave none, and absent
 * from facts recorded before periods existed (read them with `moneyPeriodOf`).
 */
export type MoneyTerms = { firmness: MoneyFirmness; amount: string; currency: string; asOf: PartialDate; period?: MoneyPeriod | null };

/** One money fact, identified by an entry id so a later correction can name it. */
export type MoneyFact = MoneyTerms & { entryId: string; note: string | null; evidence: SourceRef };

type _AllFirmnessesListed = Assert<CoversAll<MoneyFirmness, (typeof MONEY_FIRMNESSES)[number]>>;
