import type { Assert, CoversAll } from '../common/type-checks';
import type { MoneyFact, MoneyTerms, PartialDate, SourceRef } from '../common/values';
import type { IsPlainJson } from '../json';
import type { InitialPledgeStatus, PledgeStatus } from '../ledger-inputs';
import type { PledgeCorrectable, PledgeTerms } from './pledge-terms';

/**
 * A pledge came onto the record, from minutes (`meetingId` set, `madeOn` = the meeting's
 * `heldOn`) or from a document (`meetingId` null). Its initial status is in effect from `madeOn`.
 */
export type PledgeMade = {
  type: 'PledgeMade';
  data: PledgeTerms & {
    pledgeId: string;
    meetingId: string | null;
    forum: string | null;
    madeOn: PartialDate;
    status: InitialPledgeStatus;
    money: MoneyFact[];
  };
};

/** `previousStatus` is the status in effect at `effectiveOn` on the timeline, not the latest one. */
export type PledgeStatusChanged = {
  type: 'PledgeStatusChanged';
  data: {
    pledgeId: string;
    entryId: string;
    status: PledgeStatus;
    previousStatus: PledgeStatus;
    effectiveOn: PartialDate;
    reason: string;
    evidence: SourceRef;
  };
};

export type PledgeMoneyFactRecorded = { type: 'PledgeMoneyFactRecorded'; data: MoneyFact & { pledgeId: string } };

/** A clerical fix of what the pledge says (not a re-rating: that is a status change). */
export type PledgeCorrected = {
  type: 'PledgeCorrected';
  data: { pledgeId: string; reason: string; changes: Partial<PledgeCorrectable> };
};

export type StatusEntryChanges = Partial<{ status: PledgeStatus; effectiveOn: PartialDate }>;
export type EntryKind = 'status_change' | 'money_fact';

/** A fix of one earlier status change or money fact, named by its entry id. */
export type PledgeEntryCorrected = {
  type: 'PledgeEntryCorrected';
  data: { pledgeId: string; entryId: string; reason: string } & (
    | { entryKind: 'status_change'; changes: StatusEntryChanges }
    | { entryKind: 'money_fact'; changes: Partial<MoneyTerms> }
  );
};

/** An entry made in error; it stays on the record but no longer counts. */
export type PledgeEntryRetracted = {
  type: 'PledgeEntryRetracted';
  data: { pledgeId: string; entryId: string; entryKind: EntryKind; reason: string };
};

/** The whole pledge was recorded in error. */
export type PledgeRetracted = { type: 'PledgeRetracted'; data: { pledgeId: string; reason: string } };

export type PledgeEvent =
  | PledgeMade
  | PledgeStatusChanged
  | PledgeMoneyFactRecorded
  | PledgeCorrected
  | PledgeEntryCorrected
  | PledgeEntryRetracted
  | PledgeRetracted;

export const PLEDGE_EVENT_TYPES = [
  'PledgeMade',
  'PledgeStatusChanged',
  'PledgeMoneyFactRecorded',
  'PledgeCorrected',
  'PledgeEntryCorrected',
  'PledgeEntryRetracted',
  'PledgeRetracted',
] as const;

type _Listed = Assert<CoversAll<PledgeEvent['type'], (typeof PLEDGE_EVENT_TYPES)[number]>>;
type _Json = Assert<IsPlainJson<PledgeEvent['data']>>;
