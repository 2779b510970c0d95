import type { Assert, CoversAll } from '../common/type-checks';
import { PLEDGE_STATUSES, type InitialPledgeStatus, type PledgeStatus } from '../ledger-inputs';

/**
 * The pledge status state machine, as data: for each status, the statuses a change may move
 * it to. "Revived" is a move back to `in_progress`; a re-rating as evidence arrives is a move
 * like `fulfilled → partially_fulfilled`; `withdrawn` and `superseded` are terminal.
 */
export const PLEDGE_TRANSITIONS: Readonly<Record<PledgeStatus, readonly PledgeStatus[]>> = {
  proposed: ['agreed', 'withdrawn', 'superseded', 'lapsed'],
  not_yet_assessed: ['agreed', 'in_progress', 'stalled', 'suspended', 'partially_fulfilled', 'fulfilled', 'lapsed', 'withdrawn', 'superseded'],
  agreed: ['in_progress', 'stalled', 'suspended', 'partially_fulfilled', 'fulfilled', 'lapsed', 'withdrawn', 'superseded'],
  in_progress: ['stalled', 'suspended', 'partially_fulfilled', 'fulfilled', 'lapsed', 'withdrawn', 'superseded'],
  stalled: ['in_progress', 'suspended', 'partially_fulfilled', 'fulfilled', 'lapsed', 'withdrawn', 'superseded'],
  suspended: ['in_progress', 'lapsed', 'withdrawn', 'superseded'],
  partially_fulfilled: ['in_progress', 'stalled', 'suspended', 'fulfilled', 'lapsed', 'withdrawn', 'superseded'],
  fulfilled: ['partially_fulfilled', 'superseded'],
  lapsed: ['in_progress', 'superseded'],
  withdrawn: [],
  superseded: [],
};

/** What a pledge may be recorded as when made: a recommendation, an agreement, or not yet rated. */
export const INITIAL_PLEDGE_STATUSES = ['proposed', 'agreed', 'not_yet_assessed'] as const satisfies readonly InitialPledgeStatus[];

/** A commitment still owed. `proposed` is not open: nobody has agreed to it yet. */
export const OPEN_PLEDGE_STATUSES = [
  'not_yet_assessed',
  'agreed',
  'in_progress',
  'stalled',
  'suspended',
  'partially_fulfilled',
] as const satisfies readonly PledgeStatus[];

export function isPledgeStatus(value: unknown): value is PledgeStatus {
  return typeof value === 'string' && (PLEDGE_STATUSES as readonly string[]).includes(value);
}

export function allowedNextStatuses(status: PledgeStatus): readonly PledgeStatus[] {
  return PLEDGE_TRANSITIONS[status];
}

export function canTransition(from: PledgeStatus, to: PledgeStatus): boolean {
  return PLEDGE_TRANSITIONS[from].includes(to);
}

export function isOpenStatus(status: PledgeStatus): boolean {
  return (OPEN_PLEDGE_STATUSES as readonly PledgeStatus[]).includes(status);
}

export function isTerminalStatus(status: PledgeStatus): boolean {
  return PLEDGE_TRANSITIONS[status].length === 0;
}

type _Initial = Assert<CoversAll<InitialPledgeStatus, (typeof INITIAL_PLEDGE_STATUSES)[number]>>;
