/**
 * Everything specific to `@eventstore/db-client` 6.x that is not a call: positions, filters,
 * decoding of recorded events and the mapping of the client's errors to the port's. Kept apart
 * so that a move to `@kurrent/kurrentdb-client` touches this folder only.
 */
import {
  ANY, ErrorType, MaxAppendSizeExceededError, NO_STREAM, START, STREAM_EXISTS, StreamDeletedError,
  StreamNotFoundError as EsdbStreamNotFoundError, WrongExpectedVersionError, eventTypeFilter, excludeSystemEvents,
  isCommandError, streamNameFilter,
} from '@eventstore/db-client';
import type { AllStreamResolvedEvent, AppendExpectedRevision, Filter, Position, ResolvedEvent } from '@eventstore/db-client';
import type { EventMetadata, JsonObject, RecordedEvent } from '@concordat/shared-kernel';
import { EventStoreUnavailableError, EventTooLargeError, StreamNotFoundError, WrongExpectedRevisionError } from '../event-store.errors';
import type { ExpectedRevision, GlobalLogFilter } from '../event-store.port';

export function toEsdbExpected(expected: ExpectedRevision): AppendExpectedRevision {
  if (expected === 'any') return ANY;
  if (expected === 'no_stream') return NO_STREAM;
  if (expected === 'stream_exists') return STREAM_EXISTS;
  return BigInt(expected);
}

/** Events appended over gRPC are self-committed: commit == prepare, so `{p, p}` names the event at `p`. */
export function positionOf(p: bigint): Position {
  return { commit: p, prepare: p };
}

export function fromPositionAfter(after: bigint): Position | typeof START {
  return after > 0n ? positionOf(after) : START;
}

/**
 * The server filters by prefix (or regex) on one of stream name or event type; `isLedgerEvent`
 * re-checks exact types, the other criterion and system events on what comes back.
 */
export function serverFilter(filter?: GlobalLogFilter): Filter {
  if (filter?.streamPrefixes?.length) return streamNameFilter({ prefixes: filter.streamPrefixes });
  if (filter?.eventTypes?.length) return eventTypeFilter({ prefixes: filter.eventTypes });
  return excludeSystemEvents();
}

/** Where a resolved event sits in `$all`, whether or not it is one of ours (the cursor moves past both). */
export function positionOfResolved(resolved: ResolvedEvent | AllStreamResolvedEvent): bigint | undefined {
  return resolved.event?.position?.commit ?? resolved.commitPosition;
}

/**
 * The ledger event in a resolved event, or undefined for anything that is not one: system
 * streams and types (`$users`, `$>` links, `$streamDeleted`, ...) are dropped before their data
 * is looked at, and so is any event the server does not mark as JSON or whose data is not a JSON
 * object (a foreign writer's bytes must not stop the ledger's reads).
 */
export function toLedgerEvent(resolved: ResolvedEvent | AllStreamResolvedEvent, filter?: GlobalLogFilter): RecordedEvent | undefined {
  const e = resolved.event;
  if (!e || e.streamId.startsWith('$') || e.type.startsWith('$')) return undefined;
  if (filter?.streamPrefixes?.length && !filter.streamPrefixes.some((p) => e.streamId.startsWith(p))) return undefined;
  if (filter?.eventTypes?.length && !filter.eventTypes.includes(e.type)) return undefined;
  if (!e.isJson || !isPlainObject(e.data)) return undefined;
  return {
    id: e.id,
    type: e.type,
    streamId: e.streamId,
    revision: Number(e.revision),
    position: positionOfResolved(resolved) ?? 0n,
    recordedAt: e.created.toISOString(),
    data: e.data as JsonObject,
    metadata: (isPlainObject(e.metadata) ? e.metadata : {}) as EventMetadata,
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

/** Drops, restarts, elections and deadlines: the call can be made again and will likely work. */
export function isTransient(error: unknown): boolean {
  if (!(error instanceof Error) || !isCommandError(error)) return false;
  return [ErrorType.UNAVAILABLE, ErrorType.CANCELLED, ErrorType.DEADLINE_EXCEEDED, ErrorType.TIMEOUT, ErrorType.NOT_LEADER, ErrorType.UNKNOWN]
    .includes(error.type);
}

export function translate(error: unknown, streamId?: string, expected?: ExpectedRevision): unknown {
  if (error instanceof WrongExpectedVersionError) {
    const actual = error.actualVersion === NO_STREAM ? -1 : Number(error.actualVersion);
    return new WrongExpectedRevisionError(streamId ?? error.streamName, expected ?? 'any', actual);
  }
  if (error instanceof EsdbStreamNotFoundError || error instanceof StreamDeletedError) {
    return new StreamNotFoundError(streamId ?? error.streamName);
  }
  if (error instanceof MaxAppendSizeExceededError) {
    return new EventTooLargeError(streamId ?? '', Number.isFinite(error.maxAppendSize) ? error.maxAppendSize : undefined);
  }
  if (error instanceof Error && isCommandError(error)) {
    return new EventStoreUnavailableError(`EventStoreDB ${error.type}: ${error.message}`, error);
  }
  return error;
}
