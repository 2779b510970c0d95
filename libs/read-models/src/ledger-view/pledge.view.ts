import type { InitialPledgeStatus, MoneyFact, PartialDate, PledgeEvent, PledgeStatus, PledgeTerms, StatusEntry } from '@concordat/domain';
import type { RecordedEvent } from '@concordat/shared-kernel';
import { correctionNote, provenanceOf, retractionNote, type CorrectionNote, type Provenance, type RetractionNote } from './provenance';

/** Entries keep the fields of the domain's StatusEntry, so the domain's timeline rule orders them. */
type EntryTrail = { recorded: Provenance; corrections: CorrectionNote[]; retraction: RetractionNote | null };
export type StatusEntryView = StatusEntry & EntryTrail & { previousStatusWhenRecorded: PledgeStatus };
export type MoneyEntryView = MoneyFact & { retracted: boolean } & EntryTrail;

/**
 * A pledge with every entry ever recorded on it, in recording order (that order breaks ties
 * between equal effective dates, as in the domain). Nothing is dropped: "as of" and "as known
 * at" answers are cut from this full record.
 */
export type PledgeView = {
  entityKind: 'pledge';
  id: string;
  revision: number;
  meetingId: string | null;
  forum: string | null;
  madeOn: PartialDate;
  initialStatus: InitialPledgeStatus;
  statusEntries: StatusEntryView[];
  moneyEntries: MoneyEntryView[];
  recorded: Provenance;
  corrections: CorrectionNote[];
  retraction: RetractionNote | null;
} & PledgeTerms;

function trail(recorded: RecordedEvent): EntryTrail {
  return { recorded: provenanceOf(recorded), corrections: [], retraction: null };
}

function mapEntry<T extends { entryId: string }>(entries: T[], entryId: string, change: (entry: T) => T): T[] {
  return entries.map((entry) => (entry.entryId === entryId ? change(entry) : entry));
}

export function evolvePledge(current: PledgeView | undefined, event: PledgeEvent, recorded: RecordedEvent): PledgeView | undefined {
  if (event.type === 'PledgeMade') {
    const { pledgeId, meetingId, forum, madeOn, status, money, ...terms } = event.data;
    const moneyEntries = money.map((fact) => ({ ...fact, retracted: false, ...trail(recorded) }));
    return {
      entityKind: 'pledge',
      id: pledgeId,
      revision: recorded.revision,
      meetingId,
      forum,
      madeOn,
      initialStatus: status,
      statusEntries: [],
      moneyEntries,
      recorded: provenanceOf(recorded),
      corrections: [],
      retraction: null,
      ...terms,
    };
  }
  if (!current) return current;
  const next = { ...current, revision: recorded.revision };
  switch (event.type) {
    case 'PledgeStatusChanged': {
      const { entryId, status, previousStatus, effectiveOn, reason, evidence } = event.data;
      const entry: StatusEntryView = { entryId, status, effectiveOn, reason, evidence, retracted: false, previousStatusWhenRecorded: previousStatus, ...trail(recorded) };
      return { ...next, statusEntries: [...current.statusEntries, entry] };
    }
    case 'PledgeMoneyFactRecorded': {
      const { pledgeId: _pledgeId, ...fact } = event.data;
      return { ...next, moneyEntries: [...current.moneyEntries, { ...fact, retracted: false, ...trail(recorded) }] };
    }
    case 'PledgeCorrected':
      return { ...next, ...event.data.changes, corrections: [...current.corrections, correctionNote(recorded, event.data.reason, event.data.changes)] };
    case 'PledgeEntryCorrected': {
      const { data } = event;
      const note = correctionNote(recorded, data.reason, data.changes);
      if (data.entryKind === 'status_change') {
        return { ...next, statusEntries: mapEntry(current.statusEntries, data.entryId, (e) => ({ ...e, ...data.changes, corrections: [...e.corrections, note] })) };
      }
      return { ...next, moneyEntries: mapEntry(current.moneyEntries, data.entryId, (e) => ({ ...e, ...data.changes, corrections: [...e.corrections, note] })) };
    }
    case 'PledgeEntryRetracted': {
      const note = retractionNote(recorded, event.data.reason);
      const retract = <T extends { retracted: boolean; retraction: RetractionNote | null }>(e: T): T => ({ ...e, retracted: true, retraction: note });
      return {
        ...next,
        statusEntries: mapEntry(current.statusEntries, event.data.entryId, retract),
        moneyEntries: mapEntry(current.moneyEntries, event.data.entryId, retract),
      };
    }
    case 'PledgeRetracted':
      return { ...next, retraction: retractionNote(recorded, event.data.reason) };
    default: {
      const _: never = event;
      return current;
    }
  }
}
