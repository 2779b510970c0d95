import { Inject, Injectable, PreconditionFailedException, UnprocessableEntityException } from '@nestjs/common';
import {
  EVENT_STORE,
  IdClaimedError,
  StreamNotFoundError,
  WrongExpectedRevisionError,
  type EventStore,
  type IdClaim,
} from '@concordat/event-store';
import { effectiveOnOf, fold, toEventData, type Decider, type DomainEvent } from '@concordat/domain';
import type { EventMetadata, NewEvent, RecordedEvent } from '@concordat/shared-kernel';
import { deterministicUuid } from './deterministic-id';
import { knownReferences } from './reference-check';
import type { WriteContext } from './write-context';
import { idempotencyScope } from './idempotency-scope';
import { claimConflict } from './id-claims';

export interface StreamWrite {
  streamId: string;
  /** The stream's revision after the write (the next `If-Match`). */
  revision: number;
  position: bigint;
  events: RecordedEventLike[];
}

type RecordedEventLike = { id: string; type: string; data: unknown };

/** The ids a decided write takes (and gives up), taken atomically with its events. */
export type ClaimsOf<E, S> = (decided: E[], state: S) => Claims | Promise<Claims>;
type Claims = { claims?: IdClaim[]; releases?: IdClaim[] };

const MAX_ATTEMPTS = 3;

/**
 * The generic command handler: read the stream, fold, decide, append with the exact expected
 * revision. With `If-Match` a stale revision is 412; without it, a concurrent write makes us
 * decide again on the new state (so nothing is overwritten blindly), and after a few tries 409.
 */
@Injectable()
export class AggregateExecutor {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** `readAlready`: the stream as the caller just read it, used for the first attempt instead of reading it again (a conflict reads afresh). */
  async execute<C, E extends DomainEvent, S>(
    decider: Decider<C, E, S>,
    streamId: string,
    command: C,
    ctx: WriteContext,
    claimsOf?: ClaimsOf<E, S>,
    readAlready?: RecordedEvent[],
  ): Promise<StreamWrite> {
    const scope = idempotencyScope(ctx);
    for (let attempt = 1; ; attempt++) {
      const history = attempt === 1 && readAlready ? readAlready : await this.read(streamId);
      // The last event's revision, not the count: a stream may not start at revision 0 (EventStoreDB truncation).
      const revision = history.length > 0 ? history[history.length - 1].revision : -1;
      // First: is this a retry of a write already applied (a crash before its answer was stored)? Its
      // events stand and are the answer, whatever If-Match says now: the retry is not a new change.
      const already = scope ? history.filter((e) => e.metadata.idempotencyKey === scope) : [];
      if (already.length > 0) return this.recognised(streamId, already, ctx);
      if (ctx.ifMatch !== undefined && ctx.ifMatch !== revision) throw stale(streamId, ctx.ifMatch, revision);

      const state = fold(decider, history.map((e) => ({ type: e.type, data: e.data }) as unknown as E));
      const refs = await knownReferences(this.store, command);
      let counter = 0;
      const seed = [streamId, revision, command];
      const decided = decider.decide(command, state, {
        now: new Date().toISOString(),
        newId: () => deterministicUuid('entry', ...seed, counter++),
        ...refs,
      });
      const events = decided.map((event, i) => this.toNewEvent(event, i, seed, history, ctx, scope));
      const { claims, releases } = (await claimsOf?.(decided, state)) ?? {};
      try {
        const result = await this.store.append(streamId, events, { expectedRevision: revision === -1 ? 'no_stream' : revision, claims, releases });
        return { streamId, revision: result.nextExpectedRevision, position: result.position, events: decided.map((e, i) => ({ id: events[i].id, type: e.type, data: e.data })) };
      } catch (error) {
        if (error instanceof IdClaimedError) throw claimConflict(error);
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        if (ctx.ifMatch !== undefined) throw stale(streamId, ctx.ifMatch, error.actual);
        if (attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  /** The answer to a write found already applied: its own events, revision and position, as first answered. */
  private recognised(streamId: string, already: RecordedEvent[], ctx: WriteContext): StreamWrite {
    const other = already.find((e) => ctx.requestHash !== undefined && typeof e.metadata.requestHash === 'string' && e.metadata.requestHash !== ctx.requestHash);
    if (other) throw keyReused(ctx);
    ctx.replayed = true;
    const last = already[already.length - 1];
    return { streamId, revision: last.revision, position: last.position, events: already };
  }

  async read(streamId: string): Promise<RecordedEvent[]> {
    try {
      return await this.store.readStream(streamId);
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
  }

  private toNewEvent(event: DomainEvent, index: number, seed: unknown[], history: RecordedEvent[], ctx: WriteContext, scope?: string): NewEvent {
    const data = toEventData(event);
    const metadata: EventMetadata = {
      recordedBy: ctx.principal.id,
      correlationId: ctx.correlationId,
      schemaVersion: 1,
    };
    const effectiveOn = effectiveOnOf(event);
    if (effectiveOn) metadata.effectiveOn = effectiveOn;
    const corrects = correctedEventId(event, history);
    if (corrects) metadata.corrects = corrects;
    if (scope) metadata.idempotencyKey = scope;
    if (scope && ctx.requestHash) metadata.requestHash = ctx.requestHash;
    if (ctx.causationId) metadata.causationId = ctx.causationId;
    return { id: deterministicUuid('event', ...seed, index, event.type, data), type: event.type, data, metadata };
  }
}

/** Corrections and retractions name the event they correct: the entry's event, else the stream's first. */
function correctedEventId(event: DomainEvent, history: RecordedEvent[]): string | undefined {
  if (!/(Corrected|Retracted)$/.test(event.type) || history.length === 0) return undefined;
  const entryId = (event.data as { entryId?: unknown }).entryId;
  if (typeof entryId === 'string') {
    const entryEvent = history.find((e) => e.data.entryId === entryId || (Array.isArray(e.data.money) && e.data.money.some((m) => (m as { entryId?: string }).entryId === entryId)));
    if (entryEvent) return entryEvent.id;
  }
  return history[0].id;
}

function stale(streamId: string, expected: number, actual: number): PreconditionFailedException {
  return new PreconditionFailedException({
    code: 'PRECONDITION_FAILED',
    message: `If-Match "${expected}" is stale: ${streamId} is at revision ${actual}; GET it again and re-apply your change`,
    context: { streamId, ifMatch: expected, currentRevision: actual },
  });
}

export function keyReused(ctx: Pick<WriteContext, 'idempotencyKey'>, first?: { method: string; path: string }): UnprocessableEntityException {
  return new UnprocessableEntityException({
    code: 'IDEMPOTENCY.KEY_REUSED',
    message: `Idempotency-Key "${ctx.idempotencyKey}" was already used for a different request${first ? ` (${first.method} ${first.path})` : ''}`,
    details: [{ field: 'header.Idempotency-Key', rule: 'sameRequestForSameKey', message: 'A key may only be retried with the identical request' }],
  });
}
