import { effectiveEnd, effectiveStart, isEffectiveBy } from '@concordat/shared-kernel';
import type { MoneyFact, PartialDate } from '../common/values';
import type { PledgeStatus } from '../ledger-inputs';
import type { MoneyEntry, PledgeState, StatusEntry } from './pledge.state';
import { canTransition } from './pledge-status';

/**
 * The pledge's timeline, shared by the decider (to validate changes) and the read side (to
 * answer "status as of"). Entries are ordered by the END of their partial effective date
 * (`2016` counts as 2016-12-31, `2016-10` as 2016-10-31), then by recording order; the
 * initial status is in effect from `madeOn`, before every entry.
 */
export function orderTimeline(entries: readonly StatusEntry[]): StatusEntry[] {
  // Array.prototype.sort is stable, so recording order survives among equal dates.
  return entries
    .filter((entry) => !entry.retracted)
    .sort((a, b) => compare(effectiveEnd(a.effectiveOn.date), effectiveEnd(b.effectiveOn.date)));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Non-retracted status changes in effective order (the initial status is not an entry). */
export function pledgeTimeline(state: PledgeState): StatusEntry[] {
  return state.lifecycle === 'absent' ? [] : orderTimeline(state.pledge.statusEntries);
}

/** Non-retracted money facts in recording order. */
export function pledgeMoney(state: PledgeState): MoneyFact[] {
  if (state.lifecycle === 'absent') return [];
  return state.pledge.moneyEntries.filter((entry) => !entry.retracted).map(({ retracted: _retracted, ...fact }) => fact);
}

/**
 * Status in effect at `asOf` (a full or partial date; a partial one counts at its end).
 * Null when the pledge does not exist, was retracted, or had not yet been made by then.
 */
export function statusAt(state: PledgeState, asOf: string): PledgeStatus | null {
  if (state.lifecycle !== 'recorded') return null;
  const cutoff = effectiveEnd(asOf);
  if (!isEffectiveBy(state.pledge.madeOn.date, cutoff)) return null;
  const effective = pledgeTimeline(state).filter((entry) => isEffectiveBy(entry.effectiveOn.date, cutoff));
  return effective.length > 0 ? effective[effective.length - 1].status : state.pledge.initialStatus;
}

/** The latest status on the timeline; null for an absent or retracted pledge. */
export function currentStatus(state: PledgeState): PledgeStatus | null {
  if (state.lifecycle !== 'recorded') return null;
  const timeline = pledgeTimeline(state);
  return timeline.length > 0 ? timeline[timeline.length - 1].status : state.pledge.initialStatus;
}

/** The status an entry follows on the timeline: what was in effect when it took effect. */
export function statusBefore(initial: PledgeStatus, entries: readonly StatusEntry[], entryId: string): PledgeStatus {
  const ordered = orderTimeline(entries);
  const i = ordered.findIndex((entry) => entry.entryId === entryId);
  return i > 0 ? ordered[i - 1].status : initial;
}

export type TimelineProblem =
  | { kind: 'before_made'; entry: StatusEntry }
  | { kind: 'illegal_transition'; entry: StatusEntry; from: PledgeStatus };

/**
 * The first step of the timeline the state machine forbids, or null. Every change (new,
 * corrected, retracted, or a moved `madeOn`) is checked against the whole timeline, so an
 * insertion that would strand a later entry behind a terminal status is refused too.
 * An entry counts as before the pledge only when it ended before `madeOn` could have begun.
 */
export function findTimelineProblem(madeOn: PartialDate, initial: PledgeStatus, entries: readonly StatusEntry[]): TimelineProblem | null {
  const firstPossibleDay = effectiveStart(madeOn.date);
  let previous = initial;
  for (const entry of orderTimeline(entries)) {
    if (effectiveEnd(entry.effectiveOn.date) < firstPossibleDay) return { kind: 'before_made', entry };
    if (!canTransition(previous, entry.status)) return { kind: 'illegal_transition', entry, from: previous };
    previous = entry.status;
  }
  return null;
}

export function findEntry(
  statusEntries: readonly StatusEntry[],
  moneyEntries: readonly MoneyEntry[],
  entryId: string,
): { kind: 'status_change'; entry: StatusEntry } | { kind: 'money_fact'; entry: MoneyEntry } | null {
  const status = statusEntries.find((entry) => entry.entryId === entryId);
  if (status) return { kind: 'status_change', entry: status };
  const money = moneyEntries.find((entry) => entry.entryId === entryId);
  return money ? { kind: 'money_fact', entry: money } : null;
}
