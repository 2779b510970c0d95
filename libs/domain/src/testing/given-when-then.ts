import type { Decider, DecisionContext } from '../decider';
import { DomainError, type DomainErrorCode } from '../domain-error';

/** The fixed clock of every spec; world dates after this day are "in the future". */
export const TEST_NOW = '2025-06-01T12:00:00.000Z';

/** Deterministic ids: `entry-1`, `entry-2`, ... fresh for every `when`. */
export function sequentialIds(prefix = 'entry'): () => string {
  let n = 0;
  return () => `${prefix}-${++n}`;
}

export function testContext(overrides: Partial<DecisionContext> = {}): DecisionContext {
  return { now: TEST_NOW, newId: sequentialIds(), ...overrides };
}

/** Freezing what decide and evolve receive turns any accidental mutation into a thrown error. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/** A copy made in the test's own realm (structuredClone's objects fail toStrictEqual's prototype check). */
function deepCopy<T>(value: T): T {
  if (Array.isArray(value)) return value.map(deepCopy) as T;
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, deepCopy(v)])) as T;
}

/** Events are the permanent record: they must survive JSON unchanged (no undefined, Date, bigint). */
function expectPlainJson(events: readonly unknown[]): void {
  expect(JSON.parse(JSON.stringify(events))).toStrictEqual(events);
}

function foldFrozen<C, E, S>(decider: Decider<C, E, S>, start: S, events: readonly E[]): S {
  return events.reduce<S>((state, event) => deepFreeze(decider.evolve(state, deepFreeze(event))), deepFreeze(start));
}

/**
 * given(past events).when(command).then(new events) | .thenThrows(code, details).
 * `then` also folds the new events and returns the resulting state for extra assertions.
 */
export function deciderSpec<C, E, S>(decider: Decider<C, E, S>, defaults: Partial<DecisionContext> = {}) {
  return function given(events: readonly E[]) {
    const state = foldFrozen(decider, decider.initialState(), deepCopy(events));
    return {
      when(command: C, overrides: Partial<DecisionContext> = {}) {
        const decide = () => decider.decide(deepFreeze(deepCopy(command)), state, testContext({ ...defaults, ...overrides }));
        return {
          then(expected: readonly E[]): S {
            const actual = decide();
            expectPlainJson(actual);
            expect(actual).toStrictEqual(expected);
            return foldFrozen(decider, state, actual);
          },
          thenThrows(code: DomainErrorCode, details?: Record<string, unknown>): DomainError {
            let caught: unknown = undefined;
            try {
              decide();
            } catch (error) {
              caught = error;
            }
            // Rethrowing anything else shows the real failure (a TypeError, or no error at all).
            if (!(caught instanceof DomainError)) throw caught ?? new Error(`expected ${code}, but decide returned events`);
            const error = caught;
            expect(error.code).toBe(code);
            if (details) expect(error.details).toMatchObject(details);
            expectPlainJson([error.details]);
            return error;
          },
        };
      },
    };
  };
}
