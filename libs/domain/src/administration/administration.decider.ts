import { normalizeAll, normalizeChanges, requireReason, type FieldRules } from '../common/fields';
import { InputValidator, isAbsent } from '../common/validation';
import type { Decider, DecisionContext } from '../decider';
import { DomainError } from '../domain-error';
import { ADMINISTRATION_ID_PATTERN, COUNTRY_PATTERN } from '../ledger-inputs';
import type { AdministrationCommand, CorrectAdministration, RegisterAdministration } from './administration.commands';
import type { AdministrationChanges, AdministrationEvent, AdministrationFacts } from './administration.events';

// ---- state ---------------------------------------------------------------------------------

export type AdministrationState =
  | { lifecycle: 'absent' }
  | { lifecycle: 'registered'; administrationId: string; facts: AdministrationFacts };

export function initialState(): AdministrationState {
  return { lifecycle: 'absent' };
}

export function evolve(state: AdministrationState, event: AdministrationEvent): AdministrationState {
  switch (event.type) {
    case 'AdministrationRegistered': {
      const { administrationId, ...facts } = event.data;
      return { lifecycle: 'registered', administrationId, facts };
    }
    case 'AdministrationCorrected':
      if (state.lifecycle !== 'registered') return state;
      return { ...state, facts: { ...state.facts, ...event.data.changes } };
    default: {
      const _: never = event;
      return state;
    }
  }
}

// ---- rules ---------------------------------------------------------------------------------

const rules: FieldRules<AdministrationFacts> = {
  country: (v, f, x) => v.pattern(f, x, COUNTRY_PATTERN, 'an ISO 3166-1 alpha-2 code'),
  leader: (v, f, x) => v.text(f, x),
  startedOn: (v, f, x) => v.fullDate(f, x),
  endedOn: (v, f, x) => (isAbsent(x) ? null : v.fullDate(f, x)),
  source: (v, f, x) => v.source(f, x),
};

// The id embeds the country, so a correction may change anything but the country.
const { country: _country, ...correctableRules } = rules;

/** A term cannot end before it starts; checked on the facts as they would stand. */
function checkTerm(v: InputValidator, facts: AdministrationFacts, field: string): void {
  if (facts.endedOn !== null && facts.endedOn < facts.startedOn) {
    throw v.error(field, `(${facts.endedOn}) is before startedOn (${facts.startedOn})`);
  }
}

// ---- decide --------------------------------------------------------------------------------

function register(command: RegisterAdministration, state: AdministrationState, context: DecisionContext): AdministrationEvent[] {
  const input = command.data;
  if (state.lifecycle !== 'absent') throw DomainError.alreadyExists('ADMINISTRATION', state.administrationId);
  const v = InputValidator.for('ADMINISTRATION', context);
  const administrationId = v.pattern('id', input.id, ADMINISTRATION_ID_PATTERN, '<COUNTRY>-<slug>, e.g. US-obama');
  const facts = normalizeAll(v, rules, input);
  // The id's prefix is the country, so the two can never disagree.
  if (!administrationId.startsWith(`${facts.country}-`)) throw v.error('country', `must match the id's prefix (${administrationId})`);
  checkTerm(v, facts, 'endedOn');
  return [{ type: 'AdministrationRegistered', data: { administrationId, ...facts } }];
}

function correct(command: CorrectAdministration, state: AdministrationState, context: DecisionContext): AdministrationEvent[] {
  const { administrationId, input } = command.data;
  if (state.lifecycle === 'absent') throw DomainError.notFound('ADMINISTRATION', administrationId);
  const v = InputValidator.for('ADMINISTRATION', context);
  const reason = requireReason(v, input.reason);
  const changes: AdministrationChanges = normalizeChanges(v, correctableRules, input.changes);
  checkTerm(v, { ...state.facts, ...changes }, changes.endedOn !== undefined ? 'changes.endedOn' : 'changes.startedOn');
  return [{ type: 'AdministrationCorrected', data: { administrationId, reason, changes } }];
}

export function decide(command: AdministrationCommand, state: AdministrationState, context: DecisionContext): AdministrationEvent[] {
  switch (command.type) {
    case 'RegisterAdministration':
      return register(command, state, context);
    case 'CorrectAdministration':
      return correct(command, state, context);
    default: {
      const _: never = command;
      throw new Error(`Unknown administration command ${JSON.stringify(_)}`);
    }
  }
}

export const administrationDecider: Decider<AdministrationCommand, AdministrationEvent, AdministrationState> = {
  decide,
  evolve,
  initialState,
};
