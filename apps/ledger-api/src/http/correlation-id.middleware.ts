import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

const VALID = /^[A-Za-z0-9._:-]{1,100}$/;

/** Every request gets a correlation id (the caller's `X-Correlation-Id` if sane), echoed back and put into event metadata. */
export function correlationId(req: Request & { correlationId?: string }, res: Response, next: NextFunction): void {
  const given = req.header('x-correlation-id');
  req.correlationId = given && VALID.test(given) ? given : randomUUID();
  res.setHeader('X-Correlation-Id', req.correlationId);
  next();
}
