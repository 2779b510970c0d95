import { HttpException, Injectable, ServiceUnavailableException, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { errors as joseErrors } from 'jose';
import { ApiKeyRegistry } from './api-key.registry';
import { OidcVerifier, looksLikeJwt } from './oidc.verifier';
import type { Principal } from './roles';

export interface AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
  principal?: Principal;
  /** Set when a token was sent but not accepted; thrown by the access guard after rate limiting counted the attempt. */
  authFailure?: HttpException;
}

const invalid = (message: string, reason?: string) =>
  new UnauthorizedException({ code: 'AUTH.INVALID_TOKEN', message, ...(reason ? { context: { reason } } : {}) });

/** Why a JWT was refused, without echoing the token. */
function jwtFailure(error: unknown): HttpException {
  if (error instanceof joseErrors.JWTExpired) return invalid('The token has expired', error.code);
  if (error instanceof joseErrors.JWTClaimValidationFailed) return invalid(`The token's "${error.claim}" claim is not accepted`, error.code);
  if (error instanceof joseErrors.JWKSTimeout) return new ServiceUnavailableException({ code: 'AUTH.ISSUER_UNAVAILABLE', message: "The OIDC issuer's key set could not be fetched; retry" });
  if (error instanceof joseErrors.JOSEError) return invalid('The token is not signed by the configured issuer with an accepted algorithm', error.code);
  if (error instanceof Error && /subject/.test(error.message)) return invalid(error.message);
  return new ServiceUnavailableException({ code: 'AUTH.ISSUER_UNAVAILABLE', message: "The OIDC issuer's key set could not be fetched; retry" });
}

/**
 * Turns the bearer token into a principal: an API key, else (when configured) an OIDC JWT.
 * It never refuses by itself, so that refused attempts still count against the rate limit.
 */
@Injectable()
export class AuthenticationGuard implements CanActivate {
  constructor(
    private readonly keys: ApiKeyRegistry,
    private readonly oidc: OidcVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers['authorization'];
    if (header === undefined) return true;
    const match = typeof header === 'string' ? /^Bearer +([\x21-\x7e]{1,4096})$/i.exec(header.trim()) : null;
    if (!match) {
      request.authFailure = new UnauthorizedException({ code: 'AUTH.MALFORMED_HEADER', message: 'Send Authorization: Bearer <API key or OIDC token>' });
      return true;
    }
    const token = match[1];
    const byKey = this.keys.lookup(token);
    if (byKey) {
      request.principal = byKey;
    } else if (this.oidc.enabled && looksLikeJwt(token)) {
      try {
        request.principal = await this.oidc.verify(token);
      } catch (error) {
        request.authFailure = jwtFailure(error);
      }
    } else {
      request.authFailure = invalid('Unknown API key');
    }
    return true;
  }
}

