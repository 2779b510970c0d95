import { SetMetadata, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Principal, Role } from './api-keys';

export const ROLES_KEY = 'concordat:roles';

/** The caller needs at least one of these roles. Routes without it are public. */
export const RequireRole = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** The authenticated principal (set by ApiKeyGuard). */
export const CurrentPrincipal = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Principal => ctx.switchToHttp().getRequest<{ principal: Principal }>().principal,
);
