/**
 * What a decision may depend on besides state and command. The clock, id generation and
 * reference lookups are passed in so deciders stay deterministic and their tests need no fakes.
 */
export interface DecisionContext {
  /** The ledger's clock (ISO instant); used only to refuse world dates in the future. */
  now: string;
  /** Ids for entries (status changes, money facts) that later corrections refer to. */
  newId: () => string;
  /** When given, forum ids outside it are rejected; when absent, references are not checked. */
  knownForums?: ReadonlySet<string>;
  /** When given, theme ids outside it are rejected. */
  knownThemes?: ReadonlySet<string>;
}

/** An aggregate as three pure functions (decide/evolve/initialState). */
export interface Decider<Command, Event, State> {
  /** Returns the events a command produces, or throws a DomainError; never mutates state. */
  decide: (command: Command, state: State, context: DecisionContext) => Event[];
  evolve: (state: State, event: Event) => State;
  initialState: () => State;
}

/** Folds a stream into state: what a command handler does after reading the stream. */
export function fold<S, E>(decider: Pick<Decider<unknown, E, S>, 'evolve' | 'initialState'>, events: readonly E[]): S {
  return events.reduce<S>((state, event) => decider.evolve(state, event), decider.initialState());
}
