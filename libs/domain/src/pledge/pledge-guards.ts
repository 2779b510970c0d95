import type { PartialDate } from '../common/values';
import { DomainError } from '../domain-error';
import type { PledgeRecord, PledgeState, StatusEntry } from './pledge.state';
import { allowedNextStatuses } from './pledge-status';
import { findTimelineProblem } from './pledge-timeline';

/** Commands other than MakePledge need a pledge that exists and was not retracted. */
export function requireLivePledge(state: PledgeState, pledgeId: string): PledgeRecord {
  switch (state.lifecycle) {
    case 'absent':
      throw DomainError.notFound('PLEDGE', pledgeId);
    case 'retracted':
      throw DomainError.retracted('PLEDGE', pledgeId);
    case 'recorded':
      return state.pledge;
    default: {
      const _: never = state;
      throw new Error(`Unknown pledge lifecycle ${JSON.stringify(_)}`);
    }
  }
}

/**
 * Refuses a timeline the state machine forbids. `dateField` names the input field to blame
 * when an entry would fall before the pledge was made.
 */
export function assertTimeline(pledge: PledgeRecord, madeOn: PartialDate, entries: readonly StatusEntry[], dateField: string): void {
  const problem = findTimelineProblem(madeOn, pledge.initialStatus, entries);
  if (problem === null) return;
  const { entry } = problem;
  if (problem.kind === 'before_made') {
    throw DomainError.invalid(
      'PLEDGE',
      dateField,
      `would put status change ${entry.entryId} (effective ${entry.effectiveOn.date}) before the pledge was made (${madeOn.date})`,
      { entryId: entry.entryId, effectiveOn: entry.effectiveOn.date, madeOn: madeOn.date },
    );
  }
  const allowedNext = [...allowedNextStatuses(problem.from)];
  throw new DomainError(
    'PLEDGE.ILLEGAL_TRANSITION',
    `Pledge ${pledge.pledgeId} cannot go from ${problem.from} to ${entry.status} (status change ${entry.entryId}, effective ${entry.effectiveOn.date}); allowed next: ${allowedNext.join(', ') || 'none'}`,
    {
      id: pledge.pledgeId,
      entryId: entry.entryId,
      currentStatus: problem.from,
      attemptedStatus: entry.status,
      effectiveOn: entry.effectiveOn.date,
      allowedNext,
    },
  );
}
