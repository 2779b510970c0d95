import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { map, type Observable } from 'rxjs';
import type { AuthenticatedRequest } from './authentication.guard';
import { ACCESS_KEY, type Access } from './roles.decorator';
import { seesOperatorIdentities } from './roles';

/** Who recorded a fact and under which request: kept for auditors and admins. */
export const OPERATOR_FIELDS = ['recordedBy', 'correlationId'];

/** A copy of `body` without the operator fields, at any depth (iterative: answers can be large). */
export function withoutOperatorFields<T>(body: T): T {
  if (typeof body !== 'object' || body === null) return body;
  const root: unknown = Array.isArray(body) ? [] : {};
  const stack: Array<[unknown, Record<string, unknown> | unknown[]]> = [[body, root as Record<string, unknown>]];
  while (stack.length > 0) {
    const [from, to] = stack.pop()!;
    for (const [key, value] of Object.entries(from as object)) {
      if (!Array.isArray(from) && OPERATOR_FIELDS.includes(key)) continue;
      let copy: unknown = value;
      if (typeof value === 'object' && value !== null) {
        copy = Array.isArray(value) ? [] : {};
        stack.push([value, copy as Record<string, unknown>]);
      }
      (to as Record<string, unknown>)[key] = copy;
    }
  }
  return root as T;
}

/**
 * The record's reads show the facts and their sources to everyone; operator identities only to
 * auditor and admin. Done on the answer, whatever the read side's services put into it.
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
