import { Injectable } from '@nestjs/common';
import type { JsonObject } from '@concordat/shared-kernel';
import { keyReused } from './aggregate-executor';
import { sha256Hex } from './deterministic-id';
import { idempotencyScope } from './idempotency-scope';
import type { WriteContext } from './write-context';
import { WriteRecords } from './write-records';

export { idempotencyScope } from './idempotency-scope';

export interface WriteResponse {
  status: number;
  body: JsonObject;
  /** True when this is the answer to an earlier request with the same key. */
  replayed: boolean;
}

/**
 * `Idempotency-Key` semantics. Nothing is claimed before the work: a refused request leaves no
 * trace and its key stays free. A write that succeeded leaves its answer (WriteRecords) and its
 * events carry the key and the request's hash, so:
 *  - same key, same request → the first answer, `replayed`, nothing written, whatever If-Match
 *    says now; if the answer was lost in a crash, the executor finds the write's events instead;
 *  - same key, another request → 422;
 *  - requests with one key at the same time in this process run one after the other, so the
 *    later ones wait for the first and replay its answer (across processes the executor's
 *    expected-revision check makes the later one find the first one's events).
 */
@Injectable()
export class IdempotencyService {
  private readonly inFlight = new Map<string, Promise<unknown>>();

  constructor(private readonly records: WriteRecords) {}

  async run(ctx: WriteContext, body: unknown, perform: () => Promise<JsonObject>, status = 201): Promise<WriteResponse> {
    const scope = idempotencyScope(ctx);
    if (!scope) return { status, body: await perform(), replayed: false };
    for (let running = this.inFlight.get(scope); running; running = this.inFlight.get(scope)) await running.catch(() => undefined);
    const run = this.runAlone(scope, ctx, body, perform, status);
    this.inFlight.set(scope, run);
    try {
      return await run;
    } finally {
      if (this.inFlight.get(scope) === run) this.inFlight.delete(scope);
    }
  }

  private async runAlone(scope: string, ctx: WriteContext, body: unknown, perform: () => Promise<JsonObject>, status: number): Promise<WriteResponse> {
    const requestHash = sha256Hex([ctx.method, ctx.path, body ?? null]);
    const record = await this.records.read(scope);
    if (record) {
      if (record.requestHash !== requestHash) throw keyReused(ctx, record);
      return { status: record.status, body: record.body, replayed: true };
    }
    ctx.requestHash = requestHash;
    ctx.replayed = false;
    const result = await perform();
    this.records.save({ scope, requestHash, method: ctx.method, path: ctx.path, status, body: result });
    return { status, body: result, replayed: ctx.replayed };
  }
}
