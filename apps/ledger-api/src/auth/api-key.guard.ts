import { ForbiddenException, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Principal, Role } from './api-keys';
import { ROLES_KEY } from './roles.decorator';
import { ApiKeyRegistry } from './api-key.registry';

/**
 * The one place that turns a bearer token into a principal. Replace this guard (and the
 * registry) with a JWT/OIDC check without touching any controller.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly registry: ApiKeyRegistry,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [context.getHandler(), context.getClass()]);
    if (!required || required.length === 0) return true;
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; principal?: Principal }>();
    const header = request.headers['authorization'] ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new UnauthorizedException({ code: 'AUTH.MISSING_TOKEN', message: 'Send Authorization: Bearer <api key>' });
    const principal = this.registry.lookup(match[1]);
    if (!principal) throw new UnauthorizedException({ code: 'AUTH.INVALID_TOKEN', message: 'Unknown API key' });
    if (!required.some((r) => principal.roles.includes(r))) {
      throw new ForbiddenException({ code: 'AUTH.FORBIDDEN', message: `Needs role ${required.join(' or ')}; ${principal.id} has ${principal.roles.join(', ')}` });
    }
    request.principal = principal;
    return true;
  }
}
