import { PLEDGE_STATUSES, type PledgeStatus } from '../ledger-inputs';
import { deciderSpec } from '../testing/given-when-then';
import { changeStatus, pledgeMade, statusChanged } from '../testing/pledge-fixtures';
import type { PledgeEvent } from './pledge.events';
import { pledgeDecider } from './pledge.decider';
import { allowedNextStatuses, INITIAL_PLEDGE_STATUSES, isOpenStatus, isTerminalStatus, PLEDGE_TRANSITIONS } from './pledge-status';
import { currentStatus, pledgeTimeline } from './pledge-timeline';

const given = deciderSpec(pledgeDecider);

/** A history that leaves the pledge in `status`: made with it, or made agreed and moved to it in 2015. */
function historyIn(status: PledgeStatus): PledgeEvent[] {
  if ((INITIAL_PLEDGE_STATUSES as readonly string[]).includes(status)) return [pledgeMade({ status: status as 'agreed' })];
  return [pledgeMade(), statusChanged('earlier', 'agreed', status, '2015')];
}

const pairs = PLEDGE_STATUSES.flatMap((from) => PLEDGE_STATUSES.map((to) => [from, to] as const));
const allowed = pairs.filter(([from, to]) => PLEDGE_TRANSITIONS[from].includes(to));
const illegal = pairs.filter(([from, to]) => !PLEDGE_TRANSITIONS[from].includes(to));

describe('Pledge status state machine', () => {
  it('is the one the lead specified', () => {
    expect(allowed).toHaveLength(50);
    expect(allowedNextStatuses('suspended')).toEqual(['in_progress', 'lapsed', 'withdrawn', 'superseded']);
    expect(allowedNextStatuses('fulfilled')).toEqual(['partially_fulfilled', 'superseded']);
    expect(PLEDGE_STATUSES.filter(isTerminalStatus)).toEqual(['withdrawn', 'superseded']);
    expect(PLEDGE_STATUSES.filter(isOpenStatus)).toEqual(['not_yet_assessed', 'agreed', 'in_progress', 'stalled', 'suspended', 'partially_fulfilled']);
  });

  it.each(allowed)('allows %s → %s', (from, to) => {
    given(historyIn(from))
      .when(changeStatus(to, '2016-06'))
      .then([statusChanged('entry-1', from, to, '2016-06')]);
  });

  it.each(illegal)('refuses %s → %s, naming the current status and what is allowed', (from, to) => {
    given(historyIn(from))
      .when(changeStatus(to, '2016-06'))
      .thenThrows('PLEDGE.ILLEGAL_TRANSITION', { currentStatus: from, attemptedStatus: to, allowedNext: [...allowedNextStatuses(from)], entryId: 'entry-1' });
  });
});

describe('Pledge status changes on the timeline (retroactive facts)', () => {
  // GC-Armas: agreed 2011; revived (back in progress) in 2016; the 2012 suspension is recorded later.
  const agreed2011 = pledgeMade({ madeOn: { date: '2011', approximate: false, reasoning: null } });
  const revived = statusChanged('entry-a', 'agreed', 'in_progress', '2016');

  it('validates a retroactive change against the status in effect at its effective date', () => {
    const state = given([agreed2011, revived])
      .when(changeStatus('suspended', '2012'))
      .then([statusChanged('entry-1', 'agreed', 'suspended', '2012')]);
    expect(pledgeTimeline(state).map((e) => e.status)).toEqual(['suspended', 'in_progress']);
    expect(currentStatus(state)).toBe('in_progress');
  });

  it('refuses a retroactive change illegal at its date even if legal from the latest status', () => {
    const suspended2012 = statusChanged('entry-b', 'agreed', 'suspended', '2012');
    given([agreed2011, revived, suspended2012])
      .when(changeStatus('fulfilled', '2013'))
      .thenThrows('PLEDGE.ILLEGAL_TRANSITION', { currentStatus: 'suspended', attemptedStatus: 'fulfilled', effectiveOn: '2013' });
  });

  it('refuses an insertion that would make a later change illegal, naming that change', () => {
    const fulfilled = statusChanged('entry-f', 'agreed', 'fulfilled', '2017');
    given([pledgeMade(), fulfilled])
      .when(changeStatus('withdrawn', '2016'))
      .thenThrows('PLEDGE.ILLEGAL_TRANSITION', { entryId: 'entry-f', currentStatus: 'withdrawn', attemptedStatus: 'fulfilled' });
  });

  it('orders partial dates by the end of their period: 2016-10 comes before 2016', () => {
    const stalled2016 = statusChanged('entry-y', 'agreed', 'stalled', '2016');
    given([pledgeMade(), stalled2016])
      .when(changeStatus('in_progress', '2016-10'))
      .then([statusChanged('entry-1', 'agreed', 'in_progress', '2016-10')]);
  });

  it('orders equal effective dates by recording order', () => {
    const inProgress = statusChanged('entry-p', 'agreed', 'in_progress', '2015-03');
    given([pledgeMade(), inProgress])
      .when(changeStatus('stalled', '2015-03'))
      .then([statusChanged('entry-1', 'in_progress', 'stalled', '2015-03')]);
  });

  it('puts the initial status in effect from madeOn, and refuses a change that ended before it', () => {
    given([pledgeMade()]).when(changeStatus('in_progress', '2014-01-10')).then([statusChanged('entry-1', 'agreed', 'in_progress', '2014-01-10')]);
    given([pledgeMade()]).when(changeStatus('in_progress', '2014')).then([statusChanged('entry-1', 'agreed', 'in_progress', '2014')]);
    given([pledgeMade()]).when(changeStatus('in_progress', '2013-12')).thenThrows('PLEDGE.INVALID', { field: 'effectiveOn', madeOn: '2014-01-10' });
  });
});
