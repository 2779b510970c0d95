import { Injectable, applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import type { JsonObject } from '@concordat/shared-kernel';
import { ApiError } from '../../http/api-error';
import { IdempotencyService } from './idempotency.service';
import type { WriteContext } from './write-context';

/** A request DTO as plain JSON: no class instance, no keys whose value is undefined. */
export function plain<T>(dto: T): T {
  return JSON.parse(JSON.stringify(dto)) as T;
}

/** Runs a write under Idempotency-Key semantics and sets the answer's status and headers. */
@Injectable()
export class WriteResponder {
  constructor(private readonly idempotency: IdempotencyService) {}

  async respond(res: Response, ctx: WriteContext, body: unknown, perform: () => Promise<JsonObject>): Promise<JsonObject> {
    const outcome = await this.idempotency.run(ctx, plain(body), perform);
    res.status(outcome.status);
    if (ctx.idempotencyKey !== undefined) res.setHeader('Idempotent-Replayed', String(outcome.replayed));
    const streams = outcome.body.streams as Array<{ revision: number }> | undefined;
    if (streams?.length === 1) res.setHeader('ETag', `"${streams[0].revision}"`);
    return outcome.body;
  }
}

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'The body, a header or a parameter breaks the documented schema; every broken rule is listed with its field path',
  401: 'No or unknown bearer token',
  403: 'The token lacks the clerk role',
  404: 'The record named in the path (or a referenced record) does not exist',
  409: 'Already exists, was retracted, or a concurrent write won (reload and retry)',
  412: 'If-Match names a stale revision',
  422: 'A domain rule refuses the write (illegal status transition, unknown theme or forum, Idempotency-Key reused with another body)',
};

/** The documented answers every clerk write shares. */
export function ClerkWrite(...statuses: number[]) {
  return applyDecorators(
    ApiBearerAuth(),
    ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Retry-safe key: the same key with the same body returns the original answer and writes nothing' }),
    ApiHeader({ name: 'If-Match', required: false, description: 'The ETag of the GET the change was based on (the stream revision, "3", or an auditor\'s "3+operators"); stale → 412' }),
    ApiHeader({ name: 'X-Correlation-Id', required: false, description: 'Carried into every event written' }),
    ...[400, 401, 403, ...statuses].map((status) => ApiResponse({ status, type: ApiError, description: ERROR_DESCRIPTIONS[status] })),
  );
}
