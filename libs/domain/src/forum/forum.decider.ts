import { normalizeAll, normalizeChanges, requireReason, type FieldRules } from '../common/fields';
import { requireKnownForum } from '../common/references';
import { InputValidator } from '../common/validation';
import type { Decider, DecisionContext } from '../decider';
import { DomainError } from '../domain-error';
import type { CorrectForum, ForumCommand, RegisterForum } from './forum.commands';
import { FORUM_KINDS, type ForumEvent, type ForumFacts } from './forum.events';

// ---- state ---------------------------------------------------------------------------------

export type ForumState = { lifecycle: 'absent' } | { lifecycle: 'registered'; forumId: string; facts: ForumFacts };

export function initialState(): ForumState {
  return { lifecycle: 'absent' };
}

export function evolve(state: ForumState, event: ForumEvent): ForumState {
  switch (event.type) {
    case 'ForumRegistered': {
      const { forumId, ...facts } = event.data;
      return { lifecycle: 'registered', forumId, facts };
    }
    case 'ForumCorrected':
      if (state.lifecycle !== 'registered') return state;
      return { ...state, facts: { ...state.facts, ...event.data.changes } };
    default: {
      const _: never = event;
      return state;
    }
  }
}

// ---- rules ---------------------------------------------------------------------------------

const rules: FieldRules<ForumFacts> = {
  name: (v, f, x) => v.text(f, x),
  aliases: (v, f, x) => v.texts(f, x),
  kind: (v, f, x) => v.oneOf(f, x, FORUM_KINDS),
  parties: (v, f, x) => v.texts(f, x, 1),
  description: (v, f, x) => v.optionalText(f, x),
  parentForum: (v, f, x) => (x === undefined || x === null ? null : v.slug(f, x)),
  establishedOn: (v, f, x) => v.optionalPartialDate(f, x),
  source: (v, f, x) => v.source(f, x),
};

/** A forum cannot be its own parent, and a named parent must be a forum the ledger knows. */
function checkParent(v: InputValidator, context: DecisionContext, forumId: string, parent: string | null, field: string): void {
  if (parent === forumId) throw v.error(field, 'cannot be the forum itself');
  requireKnownForum(context, parent, field);
}

// ---- decide --------------------------------------------------------------------------------

function register(command: RegisterForum, state: ForumState, context: DecisionContext): ForumEvent[] {
  if (state.lifecycle !== 'absent') throw DomainError.alreadyExists('FORUM', state.forumId);
  const v = InputValidator.for('FORUM', context);
  const forumId = v.slug('id', command.data.id);
  const facts = normalizeAll(v, rules, command.data);
  checkParent(v, context, forumId, facts.parentForum, 'parentForum');
  return [{ type: 'ForumRegistered', data: { forumId, ...facts } }];
}

function correct(command: CorrectForum, state: ForumState, context: DecisionContext): ForumEvent[] {
  const { forumId, input } = command.data;
  if (state.lifecycle === 'absent') throw DomainError.notFound('FORUM', forumId);
  const v = InputValidator.for('FORUM', context);
  const reason = requireReason(v, input.reason);
  const changes = normalizeChanges(v, rules, input.changes);
  if (changes.parentForum !== undefined) checkParent(v, context, forumId, changes.parentForum, 'changes.parentForum');
  return [{ type: 'ForumCorrected', data: { forumId, reason, changes } }];
}

export function decide(command: ForumCommand, state: ForumState, context: DecisionContext): ForumEvent[] {
  switch (command.type) {
    case 'RegisterForum':
      return register(command, state, context);
    case 'CorrectForum':
      return correct(command, state, context);
    default: {
      const _: never = command;
      throw new Error(`Unknown forum command ${JSON.stringify(_)}`);
    }
  }
}

export const forumDecider: Decider<ForumCommand, ForumEvent, ForumState> = { decide, evolve, initialState };
