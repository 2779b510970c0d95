import type { ExpectedRevision } from './event-store.port';

/** An append's expected revision did not match the stream's actual revision. */
export class WrongExpectedRevisionError extends Error {
  readonly code = 'EVENT_STORE.WRONG_EXPECTED_REVISION';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    /** -1 when the stream does not exist. */
    readonly actual: number,
  ) {
    super(`Stream ${streamId}: expected revision ${String(expected)}, actual ${actual}`);
    this.name = 'WrongExpectedRevisionError';
  }
}

/** A stream was read that has no events (often a typo in its id). */
export class StreamNotFoundError extends Error {
  readonly code = 'EVENT_STORE.STREAM_NOT_FOUND';
  constructor(readonly streamId: string) {
    super(`Stream ${streamId} not found`);
    this.name = 'StreamNotFoundError';
  }
}

/** The store was asked to do something it cannot (bad argument, closed store, unreachable server). */
export class EventStoreUnavailableError extends Error {
  readonly code = 'EVENT_STORE.UNAVAILABLE';
  constructor(message: string, cause?: unknown) {
    super(message, { cause });
    this.name = 'EventStoreUnavailableError';
  }
}

/**
 * An append larger than the store accepts in one request (EventStoreDB's
 * `MaxAppendSize`, 1 MiB by default). Retrying cannot help; the HTTP layer answers 413.
 */
export class EventTooLargeError extends Error {
  readonly code = 'EVENT_STORE.EVENT_TOO_LARGE';
  constructor(
    readonly streamId: string,
    /** The store's limit in bytes, when it said. */
    readonly maxAppendBytes?: number,
  ) {
    super(
      `The events appended to ${streamId || 'the stream'} are larger than the event store accepts in one append` +
        (maxAppendBytes !== undefined ? ` (${maxAppendBytes} bytes)` : ''),
    );
    this.name = 'EventTooLargeError';
  }
}

/** An append claimed an id (a pledge id, a forum's meeting sequence) that another record holds; nothing was written. */
export class IdClaimedError extends Error {
  readonly code = 'EVENT_STORE.ID_CLAIMED';
  constructor(
    readonly key: string,
    /** The record that holds the claim (a stream id). */
    readonly holder: string,
  ) {
    super(`${key} is already claimed by ${holder}`);
    this.name = 'IdClaimedError';
  }
}

/** A stored event can no longer be read as it was written (e.g. its JSON was damaged on disk). */
export class StoredEventCorruptError extends Error {
  readonly code = 'EVENT_STORE.CORRUPT_EVENT';
  constructor(
    readonly streamId: string,
    readonly revision: number,
    readonly position: bigint,
    cause: unknown,
  ) {
    super(
      `The stored event at position ${position} (stream ${streamId}, revision ${revision}) is corrupt: ${cause instanceof Error ? cause.message : String(cause)}. ` +
        'The service will not answer from a damaged ledger; run `concordat verify --sqlite <DATA_DIR>/events.sqlite --public-key <pem>` to see every damaged entry, then restore the file from a backup.',
      { cause },
    );
    this.name = 'StoredEventCorruptError';
  }
}
