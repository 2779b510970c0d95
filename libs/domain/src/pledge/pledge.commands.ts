import type { PartialDate } from '../common/values';
import type { ChangePledgeStatusInput, CorrectPledgeInput, RecordMoneyFactInput, RecordPledgeInput } from '../ledger-inputs';
import type { MinutesPledge } from './pledge-terms';

/**
 * One command for both ways a pledge comes onto the record. `minutes`: issued by the process
 * manager from a MinutesRecorded event, whose pledge is already checked and normalized.
 * `document`: a clerk records a pledge from a document (e.g. a white paper's recommendation).
 */
export type MakePledge = {
  type: 'MakePledge';
  data:
    | { origin: 'minutes'; meetingId: string; forum: string; madeOn: PartialDate; pledge: MinutesPledge }
    | { origin: 'document'; input: RecordPledgeInput };
};

export type ChangePledgeStatus = { type: 'ChangePledgeStatus'; data: { pledgeId: string; input: ChangePledgeStatusInput } };

export type RecordMoneyFact = { type: 'RecordMoneyFact'; data: { pledgeId: string; input: RecordMoneyFactInput } };

/** Exactly one of: `changes` (the pledge), `entry` (fix or retract one entry), `retract` (the pledge). */
export type CorrectPledge = { type: 'CorrectPledge'; data: { pledgeId: string; input: CorrectPledgeInput } };

export type PledgeCommand = MakePledge | ChangePledgeStatus | RecordMoneyFact | CorrectPledge;

/** The stream a pledge command addresses. */
export function pledgeIdOf(command: PledgeCommand): string {
  if (command.type !== 'MakePledge') return command.data.pledgeId;
  return command.data.origin === 'minutes' ? command.data.pledge.pledgeId : command.data.input.id;
}
