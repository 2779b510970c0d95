/** JSON values as stored in event data and metadata. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/**
 * Metadata every ledger event carries. `recordedBy` comes from authentication, never from a
 * request body; `effectiveOn` is the world's clock (a partial ISO date), the store's
 * `recordedAt` is the ledger's clock.
 */
export interface EventMetadata {
  recordedBy: string;
  correlationId: string;
  causationId?: string;
  /** When the fact took effect in the world: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. */
  effectiveOn?: string;
  schemaVersion: number;
  /** The event id this event corrects or retracts, if any. */
  corrects?: string;
  /** Idempotency key of the request that produced the event, if any. */
  idempotencyKey?: string;
  [key: string]: JsonValue | undefined;
}

/** An event the application asks the store to append. Ids are chosen by the caller (deterministic where a retry must be idempotent). */
export interface NewEvent<Data extends JsonObject = JsonObject> {
  id: string;
  type: string;
  data: Data;
  metadata: EventMetadata;
}

/** An event as stored: the envelope adds what only the store decides. */
export interface RecordedEvent<Data extends JsonObject = JsonObject> {
  id: string;
  type: string;
  streamId: string;
  /** 0 for a stream's first event. */
  revision: number;
  /** Position in the global log; strictly increasing in commit order, starting at 1. */
  position: bigint;
  /** ISO-8601 instant set by the store's clock. */
  recordedAt: string;
  data: Data;
  metadata: EventMetadata;
}
