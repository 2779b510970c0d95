import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import type { Environment } from '../config/environment';
import { isRole, type Principal, type Role } from './roles';

export interface OidcSettings {
  issuer: string;
  audience: string;
  jwksUrl: string;
  /** Dot path of the claim holding the roles, e.g. `roles` or `realm_access.roles`. */
  rolesClaim: string;
}

/** Asymmetric algorithms only: `none` and shared-secret HMAC are never accepted. */
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

/** The subject becomes recordedBy: printable, no spaces, bounded. */
const SUBJECT = /^[\x21-\x7e]{1,200}$/;

export function looksLikeJwt(token: string): boolean {
  return /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(token);
}

function claimAt(payload: JWTPayload, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), payload);
}

/** Bearer JWTs from the configured OIDC issuer, checked against its JWKS (fetched and cached by jose). */
@Injectable()
export class OidcVerifier {
  private readonly settings: OidcSettings | undefined;
  private readonly jwks: ReturnType<typeof createRemoteJWKSet> | undefined;

  constructor(config: ConfigService<Environment, true>) {
    const issuer = config.get('OIDC_ISSUER', { infer: true });
    if (issuer) {
      this.settings = {
        issuer,
        audience: config.get('OIDC_AUDIENCE', { infer: true })!,
        jwksUrl: config.get('OIDC_JWKS_URL', { infer: true })!,
        rolesClaim: config.get('OIDC_ROLES_CLAIM', { infer: true }),
      };
      this.jwks = createRemoteJWKSet(new URL(this.settings.jwksUrl), { timeoutDuration: 5000, cooldownDuration: 30_000 });
    }
  }

  get enabled(): boolean {
    return this.settings !== undefined;
  }

  /** The principal is the token's subject; roles outside the known four are ignored. Throws when the token is not valid. */
  async verify(token: string): Promise<Principal> {
    if (!this.settings || !this.jwks) throw new Error('OIDC is not configured');
    const { payload } = await jwtVerify(token, this.jwks, {
      issuer: this.settings.issuer,
      audience: this.settings.audience,
      algorithms: ALGORITHMS,
      requiredClaims: ['sub', 'exp'],
      clockTolerance: 30,
    });
    const claimed = claimAt(payload, this.settings.rolesClaim);
    const roles = (Array.isArray(claimed) ? claimed : typeof claimed === 'string' ? claimed.split(' ') : []).filter(
      (r): r is Role => typeof r === 'string' && isRole(r),
    );
    if (!SUBJECT.test(payload.sub!)) throw new Error('the token\'s subject must be 1-200 printable characters');
    return { id: payload.sub!, roles, via: 'oidc', keyId: typeof payload.jti === 'string' ? payload.jti.slice(0, 100) : undefined };
  }
}
