import { SetMetadata, applyDecorators, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { Principal, Role } from './roles';

export const ACCESS_KEY = 'concordat:access';

/**
 * Every route declares who may call it; a route without a declaration is refused (and the
 * access-matrix test fails on it). `read` routes are public or need any role, by READ_ACCESS.
 */
export type Access = { kind: 'public' } | { kind: 'read' } | { kind: 'roles'; roles: Role[] };

/** Carried into the OpenAPI document, where configure-app turns it into `security` and `x-roles`. */
export const ACCESS_EXTENSION = 'x-concordat-access';

function declare(access: Access) {
  return applyDecorators(SetMetadata(ACCESS_KEY, access), ApiExtension(ACCESS_EXTENSION, access));
}

/** The caller needs at least one of these roles (`admin` always qualifies). */
export const RequireRole = (...roles: Role[]) => declare({ kind: 'roles', roles });

/** Anyone, with or without a token (health checks). */
export const Public = () => declare({ kind: 'public' });

/** The record's facts: public, or any authenticated role when READ_ACCESS=authenticated. */
export const ReadAccess = () => declare({ kind: 'read' });

/** The authenticated principal (set by the authentication guard). */
export const CurrentPrincipal = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Principal => ctx.switchToHttp().getRequest<{ principal: Principal }>().principal,
);
