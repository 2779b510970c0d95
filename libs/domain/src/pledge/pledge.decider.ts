import { requireKnownForum } from '../common/references';
import { InputValidator, isAbsent } from '../common/validation';
import type { Decider, DecisionContext } from '../decider';
import { DomainError } from '../domain-error';
import { PLEDGE_STATUSES } from '../ledger-inputs';
import { correctPledge } from './pledge.correct';
import type { ChangePledgeStatus, MakePledge, PledgeCommand, RecordMoneyFact } from './pledge.commands';
import type { PledgeEvent } from './pledge.events';
import { evolve, initialState, type PledgeState, type StatusEntry } from './pledge.state';
import { assertTimeline, requireLivePledge } from './pledge-guards';
import { normalizeMoneyFact, normalizePledgeBody } from './pledge-terms';
import { statusBefore } from './pledge-timeline';

export { evolve, initialState };
export type { PledgeState };

function makePledge(command: MakePledge, state: PledgeState, context: DecisionContext): PledgeEvent[] {
  const { data } = command;
  const pledgeId = data.origin === 'minutes' ? data.pledge.pledgeId : data.input?.id;
  if (state.lifecycle === 'recorded') throw DomainError.alreadyExists('PLEDGE', state.pledge.pledgeId);
  if (state.lifecycle === 'retracted') throw DomainError.retracted('PLEDGE', state.pledge.pledgeId);
  // From minutes the pledge was checked when the minutes were recorded; it is copied as is.
  if (data.origin === 'minutes') {
    const { meetingId, forum, madeOn, pledge } = data;
    return [{ type: 'PledgeMade', data: { ...pledge, meetingId, forum, madeOn } }];
  }
  const input = data.input ?? {};
  const v = InputValidator.for('PLEDGE', context);
  const id = v.slug('id', pledgeId);
  const madeOn = v.partialDate('madeOn', input.madeOn);
  const forum = isAbsent(input.forum) ? null : v.slug('forum', input.forum);
  requireKnownForum(context, forum, 'forum');
  const body = normalizePledgeBody(v, '', input, null, context);
  return [{ type: 'PledgeMade', data: { pledgeId: id, meetingId: null, forum, madeOn, ...body } }];
}

/** A re-rating or a development in the world: validated against the timeline at its date. */
function changeStatus(command: ChangePledgeStatus, state: PledgeState, context: DecisionContext): PledgeEvent[] {
  const { pledgeId } = command.data;
  const pledge = requireLivePledge(state, pledgeId);
  const input = command.data.input ?? {};
  const v = InputValidator.for('PLEDGE', context);
  const status = v.oneOf('status', input.status, PLEDGE_STATUSES);
  const effectiveOn = v.partialDate('effectiveOn', input.effectiveOn);
  const reason = v.text('reason', input.reason);
  const evidence = v.source('evidence', input.evidence);
  const entryId = context.newId();
  const entry: StatusEntry = { entryId, status, effectiveOn, reason, evidence, retracted: false };
  const entries = [...pledge.statusEntries, entry];
  assertTimeline(pledge, pledge.madeOn, entries, 'effectiveOn');
  const previousStatus = statusBefore(pledge.initialStatus, entries, entryId);
  return [{ type: 'PledgeStatusChanged', data: { pledgeId, entryId, status, previousStatus, effectiveOn, reason, evidence } }];
}

function recordMoneyFact(command: RecordMoneyFact, state: PledgeState, context: DecisionContext): PledgeEvent[] {
  const { pledgeId } = command.data;
  requireLivePledge(state, pledgeId);
  const input = command.data.input ?? {};
  const v = InputValidator.for('PLEDGE', context);
  const evidence = v.source('evidence', input.evidence);
  const fact = normalizeMoneyFact(v, '', input, context.newId(), evidence);
  return [{ type: 'PledgeMoneyFactRecorded', data: { pledgeId, ...fact } }];
}

export function decide(command: PledgeCommand, state: PledgeState, context: DecisionContext): PledgeEvent[] {
  switch (command.type) {
    case 'MakePledge':
      return makePledge(command, state, context);
    case 'ChangePledgeStatus':
      return changeStatus(command, state, context);
    case 'RecordMoneyFact':
      return recordMoneyFact(command, state, context);
    case 'CorrectPledge':
      return correctPledge(command, state, context);
    default: {
      const _: never = command;
      throw new Error(`Unknown pledge command ${JSON.stringify(_)}`);
    }
  }
}

export const pledgeDecider: Decider<PledgeCommand, PledgeEvent, PledgeState> = { decide, evolve, initialState };
