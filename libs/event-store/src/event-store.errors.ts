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
