import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { map, type Observable } from 'rxjs';
import type { AuthenticatedRequest } from './authentication.guard';
import { ACCESS_KEY, type Access } from './roles.decorator';
import { seesOperatorIdentities } from './roles';

/** Who recorded a fact and under which request: kept for auditors and admins. */
export const OPERATOR_FIELDS = ['recordedBy', 'correlationId'];

const isOperatorField = (key: string) => key === OPERATOR_FIELDS[0] || key === OPERATOR_FIELDS[1];

/**
 * `body` without the operator fields, at any depth. Copy on write: only the objects on the way to
 * an operator field are copied, everything else is shared with `body` (which is never changed),
 * so a large answer costs one walk and few allocations.
 */
export function withoutOperatorFields<T>(body: T): T {
  if (typeof body !== 'object' || body === null) return body;
  if (Array.isArray(body)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < body.length; i++) {
      const item: unknown = body[i];
      const stripped = withoutOperatorFields(item);
      if (stripped !== item) (copy ??= body.slice())[i] = stripped;
    }
    return (copy ?? body) as T;
  }
  let copy: Record<string, unknown> | undefined;
  const from = body as Record<string, unknown>;
  for (const key in from) {
    if (!Object.prototype.hasOwnProperty.call(from, key)) continue;
    if (isOperatorField(key)) {
      copy ??= { ...from };
      delete copy[key];
      continue;
    }
    const value = from[key];
    if (typeof value !== 'object' || value === null) continue;
    const stripped = withoutOperatorFields(value);
    if (stripped !== value) (copy ??= { ...from })[key] = stripped;
  }
  return (copy ?? body) as T;
}

/**
 * The record's reads show the facts and their sources to everyone; operator identities only to
 * auditor and admin. Done on the answer, whatever the read side's services put into it. The
 * read side's lists and details arrive here as JSON already cut for the caller's audience
 * (read-models.service.ts serializes and keeps them per audience); a string passes unchanged.
 */
@Injectable()
export class OperatorIdentitiesInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const access = this.reflector.getAllAndOverride<Access | undefined>(ACCESS_KEY, [context.getHandler(), context.getClass()]);
    if (access?.kind !== 'read' && access?.kind !== 'public') return next.handle();
    context.switchToHttp().getResponse<Response>().vary('Authorization');
    const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
    if (seesOperatorIdentities(principal)) return next.handle();
    return next.handle().pipe(map((body: unknown) => withoutOperatorFields(body)));
  }
}
