import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair, type KeyLike } from 'jose';

export const AUDIENCE = 'concordat-api';

/**
 * A real OIDC issuer's key endpoint, served by the test on loopback: the service fetches the JWKS
 * from it over HTTP exactly as from a provider. Tokens are signed with its key, or with another
 * key (a forger's), or not at all.
 */
export interface LocalIssuer {
  issuer: string;
  jwksUrl: string;
  env: Record<string, string>;
  token(claims: { sub: string; roles?: string[]; aud?: string; expiresIn?: string | number; iss?: string; extra?: Record<string, unknown> }, signer?: 'issuer' | 'forger'): Promise<string>;
  /** `alg: none`: a token with no signature at all. */
  unsigned(claims: { sub: string; roles?: string[] }): string;
  close(): Promise<void>;
}

export async function startLocalIssuer(): Promise<LocalIssuer> {
  const key = await generateKeyPair('RS256');
  const forger = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(key.publicKey)), kid: 'issuer-key-1', alg: 'RS256', use: 'sig' };
  const server: Server = createServer((req, res) => {
    if (req.url === '/jwks') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ keys: [jwk] }));
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const issuer = `${base}/`;
  const sign = async (claims: Parameters<LocalIssuer['token']>[0], signer: KeyLike) => {
    const jwt = new SignJWT({ roles: claims.roles ?? [], ...claims.extra })
      .setProtectedHeader({ alg: 'RS256', kid: 'issuer-key-1' })
      .setSubject(claims.sub)
      .setIssuer(claims.iss ?? issuer)
      .setAudience(claims.aud ?? AUDIENCE)
      .setIssuedAt(typeof claims.expiresIn === 'number' && claims.expiresIn < 0 ? Math.floor(Date.now() / 1000) + claims.expiresIn - 60 : undefined)
      .setExpirationTime(typeof claims.expiresIn === 'number' ? Math.floor(Date.now() / 1000) + claims.expiresIn : (claims.expiresIn ?? '10m'));
    return jwt.sign(signer);
  };
  const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return {
    issuer,
    jwksUrl: `${base}/jwks`,
    env: { OIDC_ISSUER: issuer, OIDC_AUDIENCE: AUDIENCE, OIDC_JWKS_URL: `${base}/jwks`, OIDC_ROLES_CLAIM: 'roles' },
    token: (claims, signer = 'issuer') => sign(claims, signer === 'issuer' ? key.privateKey : forger.privateKey),
    unsigned: (claims) =>
      `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: claims.sub, roles: claims.roles ?? [], iss: issuer, aud: AUDIENCE, exp: Math.floor(Date.now() / 1000) + 600 })}.`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
