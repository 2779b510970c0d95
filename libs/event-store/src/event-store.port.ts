import type { JsonObject, NewEvent, RecordedEvent } from '@concordat/shared-kernel';

/**
 * The one event-store interface, in EventStoreDB's vocabulary. Revision convention for the
 * port: a stream's first event is revision 0; "no stream" is -1. Adapters translate.
 */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | number;

/** Revision of a stream that does not exist. */
export const NO_STREAM_REVISION = -1;

/**
 * A unique id a record takes for itself (a pledge id, a forum's meeting sequence). Claims are not
 * ledger entries: they are bookkeeping beside the log, taken in the same transaction as the
 * append that carries them, so two racing writers cannot both take one id.
 */
export interface IdClaim {
  key: string;
  /** The record taking it, e.g. `meeting-scg-5`; taking an id one already holds is a no-op. */
  holder: string;
}

export interface AppendOptions {
  expectedRevision: ExpectedRevision;
  /** Taken atomically with the events (adapters with `atomicClaims`); one held by another holder fails the append with IdClaimedError. */
  claims?: IdClaim[];
  /** Claims this holder gives up in the same transaction (e.g. a meeting's old sequence after a correction). */
  releases?: IdClaim[];
}

/** The stored answer to a write made under an Idempotency-Key; kept beside the log, never a ledger entry. */
export interface WriteRecord {
  /** The key's scope (principal and key, hashed). */
  scope: string;
  requestHash: string;
  method: string;
  path: string;
  status: number;
  body: JsonObject;
}

export interface AppendResult {
  streamId: string;
  /** Revision of the last event in the stream after the append. */
  nextExpectedRevision: number;
  /** Global position of the last event appended (or of the original events, for an idempotent retry). */
  position: bigint;
}

export interface ReadStreamOptions {
  direction?: 'forwards' | 'backwards';
  /** Inclusive; defaults to the start (forwards) or the end (backwards). */
  fromRevision?: number | 'start' | 'end';
  maxCount?: number;
}

export interface GlobalLogFilter {
  /** Only events whose stream id starts with one of these. */
  streamPrefixes?: string[];
  /** Only events of these types. */
  eventTypes?: string[];
}

export interface ReadAllOptions {
  /** Exclusive: events strictly after this position. Omit (or 0n) to read from the start. */
  after?: bigint;
  maxCount?: number;
  filter?: GlobalLogFilter;
}

export interface SubscribeOptions {
  /** The subscriber's checkpoint: delivery starts strictly after it. Omit for the beginning. */
  after?: bigint;
  filter?: GlobalLogFilter;
  /** Called once the subscription has caught up with the log and is delivering live. */
  onCaughtUp?: () => void;
  /** Called if delivery stops because of an error (including one thrown by the handler). */
  onError?: (error: unknown) => void;
}

export type EventHandler = (event: RecordedEvent) => void | Promise<void>;

export interface Subscription {
  /** Stops delivery; resolves once no handler call is in flight. */
  stop(): Promise<void>;
}

export interface EventStore {
  readonly kind: 'embedded' | 'eventstoredb';
  /** True when `append` takes `claims` atomically with its events; otherwise callers must check ids themselves. */
  readonly atomicClaims?: boolean;
  /** Optional (with saveWriteRecord): stored answers kept outside the log. Without them callers keep answers themselves. */
  readWriteRecord?(scope: string): Promise<WriteRecord | undefined>;
  /** Stores an answer; the first record for a scope wins, later ones are ignored. Durable when it resolves. */
  saveWriteRecord?(record: WriteRecord): Promise<void>;
  /** All events land together or none do; ids already in the stream make the append an idempotent no-op. */
  append<D extends JsonObject>(streamId: string, events: NewEvent<D>[], options: AppendOptions): Promise<AppendResult>;
  /** Throws StreamNotFoundError for a stream with no events. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /**
   * The first event of each of these streams, by stream id; a stream with no events is absent.
   * For checks that only need to know who made a stream (a pledge's first event), over many
   * streams at once: the embedded store answers a batch in one query instead of one per stream.
   */
  readFirstEvents(streamIds: readonly string[]): Promise<Map<string, RecordedEvent>>;
  /** The global log, forwards, in position order. */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /** Catch up from the checkpoint, then deliver live events in order, one at a time, until stopped. */
  subscribeToAll(handler: EventHandler, options?: SubscribeOptions): Subscription;
  /** Position of the last event in the global log (0n when empty). */
  headPosition(): Promise<bigint>;
  /** Resolves when the store answers; throws otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Nest injection token for the configured EventStore. */
export const EVENT_STORE = Symbol('EVENT_STORE');
