import { normalizeChanges, requireReason, type FieldRules } from '../common/fields';
import { requireKnownThemes } from '../common/references';
import { InputValidator, isRecord } from '../common/validation';
import type { DecisionContext } from '../decider';
import { DomainError } from '../domain-error';
import { PLEDGE_STATUSES } from '../ledger-inputs';
import type { CorrectPledge } from './pledge.commands';
import type { PledgeEvent, StatusEntryChanges } from './pledge.events';
import type { PledgeRecord, PledgeState } from './pledge.state';
import { assertTimeline, requireLivePledge } from './pledge-guards';
import { moneyTermRules, pledgeCorrectionRules } from './pledge-terms';
import { findEntry } from './pledge-timeline';

/**
 * Corrections fix clerical mistakes; they never delete. A fixed or retracted status entry
 * changes the timeline, so the whole timeline is validated again before it is accepted.
 */
const statusEntryRules: FieldRules<Required<StatusEntryChanges>> = {
  status: (v, f, x) => v.oneOf(f, x, PLEDGE_STATUSES),
  effectiveOn: (v, f, x) => v.partialDate(f, x),
};

export function correctPledge(command: CorrectPledge, state: PledgeState, context: DecisionContext): PledgeEvent[] {
  const { pledgeId } = command.data;
  const pledge = requireLivePledge(state, pledgeId);
  const input = command.data.input ?? {};
  const v = InputValidator.for('PLEDGE', context);
  const reason = requireReason(v, input.reason);
  const given = (['changes', 'entry', 'retract'] as const).filter((key) => (key === 'retract' ? input.retract === true : input[key] !== undefined));
  if (given.length !== 1) {
    throw v.error(given[1] ?? 'changes', 'exactly one of changes, entry and retract must be given', { given: [...given] });
  }
  switch (given[0]) {
    case 'retract':
      return [{ type: 'PledgeRetracted', data: { pledgeId, reason } }];
    case 'changes':
      return correctTerms(v, pledge, reason, input.changes, context);
    case 'entry':
      return correctEntry(v, pledge, reason, input.entry);
    default: {
      const _: never = given[0];
      throw new Error(`Unknown correction ${String(_)}`);
    }
  }
}

function correctTerms(v: InputValidator, pledge: PledgeRecord, reason: string, input: unknown, context: DecisionContext): PledgeEvent[] {
  const changes = normalizeChanges(v, pledgeCorrectionRules, input);
  if (changes.themes) requireKnownThemes(context, changes.themes, 'changes.themes');
  // A moved madeOn moves the initial status; no status change may then precede it.
  if (changes.madeOn) assertTimeline(pledge, changes.madeOn, pledge.statusEntries, 'changes.madeOn');
  return [{ type: 'PledgeCorrected', data: { pledgeId: pledge.pledgeId, reason, changes } }];
}

function correctEntry(v: InputValidator, pledge: PledgeRecord, reason: string, input: unknown): PledgeEvent[] {
  if (!isRecord(input)) throw v.error('entry', 'must be an object naming the entry by id');
  const { id, retract, ...fields } = input;
  const entryId = v.text('entry.id', id);
  const { pledgeId } = pledge;
  const found = findEntry(pledge.statusEntries, pledge.moneyEntries, entryId);
  if (found === null) throw DomainError.notFound('PLEDGE', pledgeId, { entryId });
  if (found.entry.retracted) throw DomainError.retracted('PLEDGE', pledgeId, { entryId });

  if (retract === true) {
    const named = Object.keys(fields).filter((key) => fields[key] !== undefined);
    if (named.length > 0) throw v.error(`entry.${named[0]}`, 'cannot be given when retracting the entry');
    if (found.kind === 'status_change') {
      const remaining = pledge.statusEntries.filter((entry) => entry.entryId !== entryId);
      assertTimeline(pledge, pledge.madeOn, remaining, 'entry.retract');
    }
    return [{ type: 'PledgeEntryRetracted', data: { pledgeId, entryId, entryKind: found.kind, reason } }];
  }

  if (found.kind === 'money_fact') {
    const changes = normalizeChanges(v, moneyTermRules, fields, 'entry');
    return [{ type: 'PledgeEntryCorrected', data: { pledgeId, entryId, reason, entryKind: 'money_fact', changes } }];
  }
  const changes = normalizeChanges(v, statusEntryRules, fields, 'entry');
  const entries = pledge.statusEntries.map((entry) => (entry.entryId === entryId ? { ...entry, ...changes } : entry));
  assertTimeline(pledge, pledge.madeOn, entries, 'entry.effectiveOn');
  return [{ type: 'PledgeEntryCorrected', data: { pledgeId, entryId, reason, entryKind: 'status_change', changes } }];
}
