import { ForbiddenException, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import type { Environment } from '../config/environment';
import type { AuthenticatedRequest } from './authentication.guard';
import { ACCESS_KEY, type Access } from './roles.decorator';
import { ROLES, hasAnyRole, type Role } from './roles';

/** Seconds a caller told AUTH.ISSUER_UNAVAILABLE should wait (the key set is fetched again on a later request). */
const ISSUER_RETRY_AFTER_SECONDS = 5;

/** The roles a route admits, `[]` meaning anyone; READ_ACCESS decides for the record's reads. */
export function rolesFor(access: Access, readAccess: Environment['READ_ACCESS']): Role[] {
  if (access.kind === 'public') return [];
  if (access.kind === 'read') return readAccess === 'public' ? [] : [...ROLES];
  return access.roles;
}

/** Enforces each route's declared audience; a route without a declaration is refused. */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly readAccess: Environment['READ_ACCESS'];

  constructor(
    private readonly reflector: Reflector,
    config: ConfigService<Environment, true>,
  ) {
    this.readAccess = config.get('READ_ACCESS', { infer: true });
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const response = context.switchToHttp().getResponse<Response>();
    const access = this.reflector.getAllAndOverride<Access | undefined>(ACCESS_KEY, [context.getHandler(), context.getClass()]);
    if (!access) throw new ForbiddenException({ code: 'AUTH.UNDECLARED_ROUTE', message: 'This route declares no audience, so nobody may call it' });
    if (request.authFailure) {
      // A 503 is the issuer's outage (its key set could not be fetched), not a bad token: retry shortly.
      if (request.authFailure.getStatus() === 503) response.setHeader('Retry-After', String(ISSUER_RETRY_AFTER_SECONDS));
      else response.setHeader('WWW-Authenticate', 'Bearer realm="concordat", error="invalid_token"');
      throw request.authFailure;
    }
    const required = rolesFor(access, this.readAccess);
    if (required.length === 0) return true;
    const principal = request.principal;
    if (!principal) {
      response.setHeader('WWW-Authenticate', 'Bearer realm="concordat"');
      throw new UnauthorizedException({ code: 'AUTH.MISSING_TOKEN', message: `Send Authorization: Bearer <token> of a principal with role ${required.join(' or ')}` });
    }
    if (!hasAnyRole(principal, required)) {
      throw new ForbiddenException({ code: 'AUTH.FORBIDDEN', message: `Needs role ${required.join(' or ')}; ${principal.id} has ${principal.roles.join(', ') || 'no role'}` });
    }
    return true;
  }
}
