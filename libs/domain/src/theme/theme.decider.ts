import { normalizeAll, normalizeChanges, requireReason, type FieldRules } from '../common/fields';
import { InputValidator } from '../common/validation';
import type { Decider, DecisionContext } from '../decider';
import { DomainError } from '../domain-error';
import type { CorrectTheme, DefineTheme, ThemeCommand } from './theme.commands';
import type { ThemeEvent, ThemeFacts } from './theme.events';

// ---- state ---------------------------------------------------------------------------------

export type ThemeState = { lifecycle: 'absent' } | { lifecycle: 'defined'; themeId: string; facts: ThemeFacts };

export function initialState(): ThemeState {
  return { lifecycle: 'absent' };
}

export function evolve(state: ThemeState, event: ThemeEvent): ThemeState {
  switch (event.type) {
    case 'ThemeDefined': {
      const { themeId, ...facts } = event.data;
      return { lifecycle: 'defined', themeId, facts };
    }
    case 'ThemeCorrected':
      if (state.lifecycle !== 'defined') return state;
      return { ...state, facts: { ...state.facts, ...event.data.changes } };
    default: {
      const _: never = event;
      return state;
    }
  }
}

// ---- rules and decide ----------------------------------------------------------------------

const rules: FieldRules<ThemeFacts> = {
  name: (v, f, x) => v.text(f, x),
  definition: (v, f, x) => v.text(f, x),
  source: (v, f, x) => v.optionalSource(f, x),
};

function define(command: DefineTheme, state: ThemeState, context: DecisionContext): ThemeEvent[] {
  if (state.lifecycle !== 'absent') throw DomainError.alreadyExists('THEME', state.themeId);
  const v = InputValidator.for('THEME', context);
  const themeId = v.slug('id', command.data.id);
  return [{ type: 'ThemeDefined', data: { themeId, ...normalizeAll(v, rules, command.data) } }];
}

function correct(command: CorrectTheme, state: ThemeState, context: DecisionContext): ThemeEvent[] {
  const { themeId, input } = command.data;
  if (state.lifecycle === 'absent') throw DomainError.notFound('THEME', themeId);
  const v = InputValidator.for('THEME', context);
  const reason = requireReason(v, input.reason);
  return [{ type: 'ThemeCorrected', data: { themeId, reason, changes: normalizeChanges(v, rules, input.changes) } }];
}

export function decide(command: ThemeCommand, state: ThemeState, context: DecisionContext): ThemeEvent[] {
  switch (command.type) {
    case 'DefineTheme':
      return define(command, state, context);
    case 'CorrectTheme':
      return correct(command, state, context);
    default: {
      const _: never = command;
      throw new Error(`Unknown theme command ${JSON.stringify(_)}`);
    }
  }
}

export const themeDecider: Decider<ThemeCommand, ThemeEvent, ThemeState> = { decide, evolve, initialState };
