import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

const VALID = /^[A-Za-z0-9._:-]{1,100}$/;

/**
 * Every request gets a correlation id (the caller's `X-Correlation-Id` if sane), echoed back,
 * used as the request log's id and put into event metadata. Runs first, so even an answer the
 * body parser refuses carries it.
 */
export function correlationId(req: Request & { correlationId?: string; id?: unknown }, res: Response, next: NextFunction): void {
  const given = req.header('x-correlation-id');
  req.correlationId = given && VALID.test(given) ? given : randomUUID();
  req.id = req.correlationId;
  res.setHeader('X-Correlation-Id', req.correlationId);
  next();
}
