import type { PledgeStatus } from '../ledger-inputs';
import type { ChangePledgeStatus, CorrectPledge } from '../pledge/pledge.commands';
import type { PledgeEvent, PledgeMade, PledgeStatusChanged } from '../pledge/pledge.events';
import type { CorrectPledgeInput } from '../ledger-inputs';
import { day, sourceInput, sourceRef } from './fixtures';

export const PLEDGE_ID = 'scg-5-pledge-1';
export const STATUS_QUOTE = 'the working group met twice';

/** A pledge made at the fifth SCG meeting, held 2014-01-10. */
export function pledgeMade(overrides: Partial<PledgeMade['data']> = {}): PledgeMade {
  return {
    type: 'PledgeMade',
    data: {
      pledgeId: PLEDGE_ID,
      meetingId: 'scg-5',
      forum: 'scg',
      madeOn: day('2014-01-10'),
      by: ['US', 'MX'],
      accountable: [],
      implementers: [],
      beneficiaries: [],
      description: 'Establish a cybersecurity working group',
      themes: ['cybersecurity'],
      dueDate: null,
      status: 'agreed',
      money: [],
      source: sourceRef(),
      ...overrides,
    },
  };
}

export function statusChanged(entryId: string, previousStatus: PledgeStatus, status: PledgeStatus, date: string): PledgeStatusChanged {
  return {
    type: 'PledgeStatusChanged',
    data: { pledgeId: PLEDGE_ID, entryId, status, previousStatus, effectiveOn: day(date), reason: 'the evidence says so', evidence: sourceRef(STATUS_QUOTE) },
  };
}

export function changeStatus(status: PledgeStatus, date: string): ChangePledgeStatus {
  return {
    type: 'ChangePledgeStatus',
    data: { pledgeId: PLEDGE_ID, input: { status, effectiveOn: { date }, reason: 'the evidence says so', evidence: sourceInput(STATUS_QUOTE) } },
  };
}

/** Loosely typed on purpose: specs also send what a malformed request would. */
export function correctPledge(input: Record<string, unknown>): CorrectPledge {
  return { type: 'CorrectPledge', data: { pledgeId: PLEDGE_ID, input: { reason: 'clerical error', ...input } as CorrectPledgeInput } };
}

export const pledgeRetracted: PledgeEvent = { type: 'PledgeRetracted', data: { pledgeId: PLEDGE_ID, reason: 'duplicate entry' } };
