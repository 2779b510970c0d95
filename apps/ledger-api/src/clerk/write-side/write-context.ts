import { BadRequestException, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { Principal } from '../../auth/api-keys';
import { OPERATORS_VIEW_SUFFIX } from '../../auth/audience';

/** Who writes, under which correlation id, and the HTTP preconditions that came with the request. */
export interface WriteContext {
  principal: Principal;
  correlationId: string;
  method: string;
  path: string;
  /** The `Idempotency-Key` header, if sent. */
  idempotencyKey?: string;
  /** The stream revision from `If-Match: "<revision>"`, if sent. */
  ifMatch?: number;
  /** The event that caused this write (process managers). */
  causationId?: string;
  /** Hash of method, path and body, set under an Idempotency-Key: stored with the events, so a crashed write is recognised. */
  requestHash?: string;
  /** Set by the executor when the write was found already applied (a retry after a crash). */
  replayed?: boolean;
}

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{1,200}$/;

export const Write = createParamDecorator((_: unknown, ctx: ExecutionContext): WriteContext => {
  const req = ctx.switchToHttp().getRequest<Request & { principal: Principal; correlationId: string }>();
  const key = req.header('idempotency-key');
  if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
    throw new BadRequestException({
      code: 'REQUEST.INVALID',
      message: 'Idempotency-Key must be 1-200 characters of A-Z a-z 0-9 . _ : -',
      details: [{ field: 'header.Idempotency-Key', rule: 'matches', message: 'Idempotency-Key must be 1-200 characters of A-Z a-z 0-9 . _ : -' }],
    });
  }
  return {
    principal: req.principal,
    correlationId: req.correlationId,
    method: req.method,
    path: req.path,
    idempotencyKey: key,
    ifMatch: parseIfMatch(req.header('if-match')),
  };
});

function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  // An auditor's or admin's GET tags its view ("3+operators"); the revision is the same.
  const match = /^"(\d{1,15})"$/.exec(header.trim().replace(`${OPERATORS_VIEW_SUFFIX}"`, '"'));
  if (!match) {
    throw new BadRequestException({
      code: 'REQUEST.INVALID',
      message: 'If-Match must be the quoted stream revision from the ETag of a GET, e.g. "3"',
      details: [{ field: 'header.If-Match', rule: 'isStrongETag', message: 'If-Match must look like "3"' }],
    });
  }
  return Number(match[1]);
}
