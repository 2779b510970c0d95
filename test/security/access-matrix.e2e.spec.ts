import request from 'supertest';
import type { Server } from 'node:http';
import { startTestApp, TOKENS, type TestApp } from '../support/test-app';
import { openStream } from './support/event-stream';
import { startLocalIssuer, type LocalIssuer } from './support/local-oidc-issuer';
import { fetchDocument, fillPath, operationsOf, type Operation } from './support/openapi-walk';

const codeOf = (text: string): string => {
  try {
    return String((JSON.parse(text) as { code?: string }).code ?? '');
  } catch {
    return '';
  }
};

type Credential = { name: string; token?: string; roles: string[] | 'invalid' };

const admits = (routeRoles: string[], callerRoles: string[]) =>
  routeRoles.length === 0 || callerRoles.includes('admin') || callerRoles.some((r) => routeRoles.includes(r));

/** Every route of the document × every kind of caller, under both READ_ACCESS settings. */
describe.each(['public', 'authenticated'])('access matrix with READ_ACCESS=%s', (readAccess) => {
  let t: TestApp;
  let issuer: LocalIssuer;
  let operations: Operation[];
  let credentials: Credential[];
  beforeAll(async () => {
    issuer = await startLocalIssuer();
    t = await startTestApp({ READ_ACCESS: readAccess, RATE_LIMIT_PER_MINUTE: '1000000', RATE_LIMIT_ANONYMOUS_PER_MINUTE: '1000000', ...issuer.env });
    operations = operationsOf(await fetchDocument(t.app));
    credentials = [
      { name: 'no token', roles: [] },
      { name: 'a garbage token', token: 'garbage-garbage-garbage-garbage-garbage', roles: 'invalid' },
      { name: 'an expired JWT', token: await issuer.token({ sub: 'oidc-late', roles: ['admin'], expiresIn: -3600 }), roles: 'invalid' },
      { name: 'a JWT signed by another key', token: await issuer.token({ sub: 'oidc-forger', roles: ['admin'] }, 'forger'), roles: 'invalid' },
      { name: 'a JWT naming another issuer', token: await issuer.token({ sub: 'oidc-elsewhere', roles: ['admin'], iss: 'https://issuer.example.org/' }), roles: 'invalid' },
      { name: 'a JWT for another audience', token: await issuer.token({ sub: 'oidc-elsewhere', roles: ['admin'], aud: 'another-api' }), roles: 'invalid' },
      { name: 'an alg:none JWT', token: issuer.unsigned({ sub: 'oidc-none', roles: ['admin'] }), roles: 'invalid' },
      { name: 'a valid JWT with role reporter', token: await issuer.token({ sub: 'oidc-reader', roles: ['reporter'] }), roles: ['reporter'] },
      { name: 'a valid JWT with no role', token: await issuer.token({ sub: 'oidc-nobody' }), roles: [] },
      { name: 'API key: clerk', token: TOKENS.clerk, roles: ['clerk'] },
      { name: 'API key: auditor', token: TOKENS.auditor, roles: ['auditor'] },
      { name: 'API key: reporter', token: TOKENS.reporter, roles: ['reporter'] },
      { name: 'API key: admin', token: TOKENS.admin, roles: ['admin', 'auditor', 'clerk'] },
    ];
  });
  afterAll(async () => {
    await t.close();
    await issuer.close();
  });

  const send = (op: Operation, path: string, auth: Record<string, string>) => {
    const req = request(t.app.getHttpServer())[op.method](op.method === 'post' && path.includes('rebuild') ? `${path}?wait=false` : path).set(auth);
    return op.method === 'get' ? req : req.send({});
  };

  it('reaches the event-stream route too', () => expect(operations.filter((op) => op.streams).map((op) => op.path)).toEqual(['/v1/feeds/ledger-entries']));

  it('every route declares its roles (x-roles) and a matching security requirement', () => {
    const undeclared = operations.filter((op) => !Array.isArray(op.roles)).map((op) => `${op.method.toUpperCase()} ${op.path}`);
    expect(undeclared).toEqual([]);
    for (const op of operations) expect({ op: op.operationId, security: op.security }).toEqual({ op: op.operationId, security: op.roles!.length === 0 ? [] : [{ bearer: [] }] });
  });

  it('every route but the health check documents its rate limit: 429 with Retry-After', () => {
    const undocumented = operations.filter((op) => op.path !== '/health' && op.responses['429']?.headers?.['Retry-After'] === undefined).map((op) => `${op.method.toUpperCase()} ${op.path}`);
    expect(undocumented).toEqual([]);
  });

  it('answers each caller as the route declares: 401 without a valid token where one is needed, 403 without the role, never either otherwise', async () => {
    const wrong: string[] = [];
    const reads = operations.filter((op) => op.method === 'get' && op.path.startsWith('/v1/') && !op.path.startsWith('/v1/audit'));
    expect(reads.every((op) => (readAccess === 'public' ? op.roles!.length === 0 : op.roles!.includes('reporter')))).toBe(true);
    for (const op of operations) {
      const path = fillPath(op.path, Object.fromEntries(op.parameters.filter((p) => p.in === 'path').map((p) => [p.name, String(p.example ?? 'x')])));
      for (const c of credentials) {
        const auth: Record<string, string> = c.token ? { Authorization: `Bearer ${c.token}` } : {};
        // An event stream stays open by design: its status and headers are read, then it is aborted.
        const res = op.streams ? await openStream(t.app.getHttpServer() as Server, path, auth) : await send(op, path, auth);
        if (op.streams && res.status === 200 && !/^text\/event-stream/.test(String(res.headers['content-type']))) wrong.push(`${op.path} with ${c.name}: 200 without an event stream`);
        const expected = c.roles === 'invalid' ? [401] : admits(op.roles!, c.roles) ? 'neither' : c.token ? [403] : [401];
        const ok = expected === 'neither' ? res.status !== 401 && res.status !== 403 && res.status < 500 : expected.includes(res.status);
        if (!ok) wrong.push(`${op.method.toUpperCase()} ${op.path} with ${c.name}: ${res.status} ${codeOf(res.text)} (expected ${expected === 'neither' ? 'neither 401 nor 403' : expected.join('/')})`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
