import request from 'supertest';
import { startTestApp, TOKENS, type TestApp } from '../support/test-app';
import { startLocalIssuer, type LocalIssuer } from './support/local-oidc-issuer';

const theme = (id: string) => ({ id, name: id, definition: id });

/** OIDC against a real issuer's JWKS on loopback: the configured roles claim, and an issuer that stops answering. */
describe('OIDC bearer tokens', () => {
  let issuer: LocalIssuer;
  let t: TestApp;
  beforeAll(async () => {
    issuer = await startLocalIssuer();
    t = await startTestApp({ ...issuer.env, OIDC_ROLES_CLAIM: 'realm_access.roles' });
  });
  afterAll(async () => {
    await t.close();
    await issuer.close().catch(() => undefined);
  });

  const post = (token: string, id: string) => request(t.app.getHttpServer()).post('/v1/themes').set('Authorization', `Bearer ${token}`).send(theme(id));

  it('reads the roles from the configured claim path, ignores roles it does not know, and records the subject', async () => {
    const nested = await issuer.token({ sub: 'oidc|nested-clerk', extra: { realm_access: { roles: ['offline_access', 'clerk'] } } });
    const written = await post(nested, 'oidc-nested-theme');
    expect(written.status).toBe(201);
    const audit = await request(t.app.getHttpServer()).get(`/v1/audit/streams/theme-oidc-nested-theme`).set('Authorization', `Bearer ${TOKENS.auditor}`);
    expect(audit.body.events[0].envelope.recordedBy).toBe('oidc|nested-clerk');
    // Roles at the top level are not where this configuration looks: a valid token with no role.
    const topLevel = await issuer.token({ sub: 'oidc|top-level', roles: ['clerk'] });
    expect((await post(topLevel, 'oidc-top-level-theme')).status).toBe(403);
    const unknownOnly = await issuer.token({ sub: 'oidc|superuser', extra: { realm_access: { roles: ['superuser', 'root'] } } });
    expect((await post(unknownOnly, 'oidc-superuser-theme')).status).toBe(403);
    // A roles claim of the wrong type grants nothing and breaks nothing.
    const wrongType = await issuer.token({ sub: 'oidc|odd', extra: { realm_access: { roles: 'clerk' } } });
    expect((await post(wrongType, 'oidc-odd-theme')).status).toBeLessThan(500);
    expect((await post(wrongType, 'oidc-odd-theme')).status).not.toBe(201);
  });

  it('answers 503 AUTH.ISSUER_UNAVAILABLE in the common shape (the issuer\'s outage, not the caller\'s fault), never a 500, when the JWKS cannot be reached', async () => {
    // A token of a key the service has not fetched yet (a fresh app), then the issuer goes away.
    const other = await startTestApp({ ...issuer.env });
    try {
      const token = await issuer.token({ sub: 'oidc|orphan', roles: ['clerk'] });
      await issuer.close();
      const res = await request(other.app.getHttpServer()).post('/v1/themes').set('Authorization', `Bearer ${token}`).send(theme('oidc-orphan-theme'));
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 503, code: 'AUTH.ISSUER_UNAVAILABLE' });
      expect(res.body.correlationId).toBe(res.headers['x-correlation-id']);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await other.close();
    }
  });
});
