import type { MoneyFact, PartialDate, SourceRef } from '../common/values';
import type { InitialPledgeStatus, PledgeStatus } from '../ledger-inputs';
import type { PledgeEvent } from './pledge.events';
import type { PledgeTerms } from './pledge-terms';

/** A status change as currently corrected. Retracted entries stay, flagged, for the audit trail. */
export type StatusEntry = {
  entryId: string;
  status: PledgeStatus;
  effectiveOn: PartialDate;
  reason: string;
  evidence: SourceRef;
  retracted: boolean;
};

export type MoneyEntry = MoneyFact & { retracted: boolean };

/** Entries are kept in recording order; that order breaks ties between equal effective dates. */
export type PledgeRecord = {
  pledgeId: string;
  meetingId: string | null;
  forum: string | null;
  madeOn: PartialDate;
  initialStatus: InitialPledgeStatus;
  terms: PledgeTerms;
  statusEntries: StatusEntry[];
  moneyEntries: MoneyEntry[];
};

export type PledgeState =
  | { lifecycle: 'absent' }
  | { lifecycle: 'recorded'; pledge: PledgeRecord }
  | { lifecycle: 'retracted'; pledge: PledgeRecord; retractionReason: string };

export function initialState(): PledgeState {
  return { lifecycle: 'absent' };
}

function withPledge(state: PledgeState, change: (pledge: PledgeRecord) => PledgeRecord): PledgeState {
  return state.lifecycle === 'absent' ? state : { ...state, pledge: change(state.pledge) };
}

function mapEntry<T extends { entryId: string }>(entries: T[], entryId: string, change: (entry: T) => T): T[] {
  return entries.map((entry) => (entry.entryId === entryId ? change(entry) : entry));
}

export function evolve(state: PledgeState, event: PledgeEvent): PledgeState {
  switch (event.type) {
    case 'PledgeMade': {
      const { pledgeId, meetingId, forum, madeOn, status, money, ...terms } = event.data;
      // Facts recorded before periods existed have none: they fold as unstated (null).
      const moneyEntries = money.map((fact) => ({ ...fact, period: fact.period ?? null, retracted: false }));
      return { lifecycle: 'recorded', pledge: { pledgeId, meetingId, forum, madeOn, initialStatus: status, terms, statusEntries: [], moneyEntries } };
    }
    case 'PledgeStatusChanged': {
      const { entryId, status, effectiveOn, reason, evidence } = event.data;
      const entry: StatusEntry = { entryId, status, effectiveOn, reason, evidence, retracted: false };
      return withPledge(state, (p) => ({ ...p, statusEntries: [...p.statusEntries, entry] }));
    }
    case 'PledgeMoneyFactRecorded': {
      const { pledgeId: _pledgeId, ...fact } = event.data;
      return withPledge(state, (p) => ({ ...p, moneyEntries: [...p.moneyEntries, { ...fact, period: fact.period ?? null, retracted: false }] }));
    }
    case 'PledgeCorrected': {
      const { madeOn, ...terms } = event.data.changes;
      return withPledge(state, (p) => ({ ...p, madeOn: madeOn ?? p.madeOn, terms: { ...p.terms, ...terms } }));
    }
    case 'PledgeEntryCorrected': {
      const { data } = event;
      return withPledge(state, (p) =>
        data.entryKind === 'status_change'
          ? { ...p, statusEntries: mapEntry(p.statusEntries, data.entryId, (e) => ({ ...e, ...data.changes })) }
          : { ...p, moneyEntries: mapEntry(p.moneyEntries, data.entryId, (e) => ({ ...e, ...data.changes })) },
      );
    }
    case 'PledgeEntryRetracted': {
      const { entryId } = event.data;
      const retract = <T extends { retracted: boolean }>(entry: T): T => ({ ...entry, retracted: true });
      return withPledge(state, (p) => ({
        ...p,
        statusEntries: mapEntry(p.statusEntries, entryId, retract),
        moneyEntries: mapEntry(p.moneyEntries, entryId, retract),
      }));
    }
    case 'PledgeRetracted':
      return state.lifecycle === 'absent' ? state : { lifecycle: 'retracted', pledge: state.pledge, retractionReason: event.data.reason };
    default: {
      const _: never = event;
      return state;
    }
  }
}
