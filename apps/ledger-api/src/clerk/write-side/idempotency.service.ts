import { ConflictException, Inject, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { EVENT_STORE, StreamNotFoundError, WrongExpectedRevisionError, type EventStore } from '@concordat/event-store';
import type { JsonObject, RecordedEvent } from '@concordat/shared-kernel';
import { deterministicUuid, sha256Hex } from './deterministic-id';
import type { WriteContext } from './write-context';

export interface WriteResponse {
  status: number;
  body: JsonObject;
  /** True when this is the stored answer to an earlier request with the same key. */
  replayed: boolean;
}

/** Keys are per principal: two clerks may use the same key without colliding. */
export function idempotencyScope(ctx: WriteContext): string | undefined {
  return ctx.idempotencyKey === undefined ? undefined : sha256Hex([ctx.principal.id, ctx.idempotencyKey]).slice(0, 40);
}

export const IDEMPOTENCY_STREAM_PREFIX = 'idempotency-';

/**
 * `Idempotency-Key` semantics, kept in the event store itself so that every instance (and every
 * adapter) sees them: a key is claimed with the request's hash, then its response is recorded.
 * Same key + same body → the recorded response, nothing written; same key + other body → 422.
 * A request that crashed after claiming is resumed on retry: the executor recognises the events
 * it already wrote by the key in their metadata.
 */
@Injectable()
export class IdempotencyService {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async run(ctx: WriteContext, body: unknown, perform: () => Promise<JsonObject>, status = 201): Promise<WriteResponse> {
    const scope = idempotencyScope(ctx);
    if (!scope) return { status, body: await perform(), replayed: false };
    const streamId = `${IDEMPOTENCY_STREAM_PREFIX}${scope}`;
    const requestHash = sha256Hex([ctx.method, ctx.path, body ?? null]);
    const meta = { recordedBy: ctx.principal.id, correlationId: ctx.correlationId, schemaVersion: 1 };

    let history = await this.read(streamId);
    if (history.length === 0) {
      try {
        await this.store.append(
          streamId,
          [{ id: deterministicUuid('claim', streamId, requestHash), type: 'IdempotencyKeyClaimed', data: { requestHash, method: ctx.method, path: ctx.path }, metadata: meta }],
          { expectedRevision: 'no_stream' },
        );
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
      }
      history = await this.read(streamId);
    }
    const claim = history[0];
    if (claim.data.requestHash !== requestHash) {
      throw new UnprocessableEntityException({
        code: 'IDEMPOTENCY.KEY_REUSED',
        message: `Idempotency-Key "${ctx.idempotencyKey}" was already used for a different request (${String(claim.data.method)} ${String(claim.data.path)})`,
        details: [{ field: 'header.Idempotency-Key', rule: 'sameRequestForSameKey', message: 'A key may only be retried with the identical request' }],
      });
    }
    const recorded = history.find((e) => e.type === 'IdempotentResponseRecorded');
    if (recorded) return { status: Number(recorded.data.status), body: recorded.data.body as JsonObject, replayed: true };

    const result = await perform();
    try {
      await this.store.append(
        streamId,
        [{ id: deterministicUuid('response', streamId), type: 'IdempotentResponseRecorded', data: { status, body: result }, metadata: meta }],
        { expectedRevision: history.length - 1 },
      );
    } catch (error) {
      // Another retry of the same request finished first; its answer is the same.
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      const winner = (await this.read(streamId)).find((e) => e.type === 'IdempotentResponseRecorded');
      if (!winner) throw new ConflictException({ code: 'IDEMPOTENCY.IN_PROGRESS', message: 'A request with this Idempotency-Key is in progress' });
      return { status: Number(winner.data.status), body: winner.data.body as JsonObject, replayed: true };
    }
    return { status, body: result, replayed: false };
  }

  private async read(streamId: string): Promise<RecordedEvent[]> {
    try {
      return await this.store.readStream(streamId);
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
  }
}
