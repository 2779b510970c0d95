import request from 'supertest';
import type { Server } from 'node:http';
import { FIFTH_SCG_MINUTES } from '../../apps/ledger-api/src/clerk/meetings/minutes.example';
import { clerk, seedReferenceData } from '../clerk/clerk-fixtures';
import { startTestApp, TOKENS, type TestApp } from '../support/test-app';
import { openStream } from './support/event-stream';
import { startLocalIssuer, type LocalIssuer } from './support/local-oidc-issuer';
import { fetchDocument, fillPath, operationsOf, type Operation } from './support/openapi-walk';

const OPERATOR_FIELD = /"(recordedBy|correlationId)"/;

describe('operator identities: recordedBy and correlation ids only for auditor and admin', () => {
  let t: TestApp;
  let issuer: LocalIssuer;
  let reads: Operation[];
  let position: string;
  beforeAll(async () => {
    issuer = await startLocalIssuer();
    t = await startTestApp(issuer.env);
    await seedReferenceData(t.app);
    const oidcClerk = await issuer.token({ sub: 'oidc|clerk-fay', roles: ['clerk'] });
    const written = await clerk(t.app, oidcClerk).post('/v1/meetings', FIFTH_SCG_MINUTES);
    expect(written.status).toBe(201);
    position = written.body.position;
    reads = operationsOf(await fetchDocument(t.app)).filter((op) => !op.streams && op.method === 'get' && op.roles?.length === 0 && op.path.startsWith('/v1/'));
  });
  afterAll(async () => {
    await t.close();
    await issuer.close();
  });

  const read = (op: Operation, token?: string) => {
    const path = fillPath(op.path, { id: op.path.startsWith('/v1/pledges') ? 'us-mx-security-cooperation-group-5-pledge-1' : 'us-mx-security-cooperation-group-5' });
    const req = request(t.app.getHttpServer()).get(`${path}?minPosition=${position}`);
    return token ? req.set('Authorization', `Bearer ${token}`) : req;
  };

  it('no read answers them to an anonymous caller or a reporter', async () => {
    expect(reads.length).toBeGreaterThan(8);
    for (const op of reads) {
      for (const token of [undefined, TOKENS.reporter, TOKENS.clerk]) {
        const res = await read(op, token);
        expect({ path: op.path, status: res.status }).toEqual({ path: op.path, status: 200 });
        expect({ path: op.path, leaked: OPERATOR_FIELD.exec(res.text)?.[0] ?? null }).toEqual({ path: op.path, leaked: null });
        expect(res.headers.vary).toMatch(/Authorization/i);
      }
    }
  });

  it('the live feed of ledger entries keeps them out of its events for an anonymous caller, a reporter and a clerk', async () => {
    const feeds = operationsOf(await fetchDocument(t.app)).filter((op) => op.streams);
    expect(feeds.map((op) => op.path)).toEqual(['/v1/feeds/ledger-entries']);
    const audited = await request(t.app.getHttpServer()).get(`/v1/audit/events?cursor=${BigInt(position) - 1n}&limit=1`).set('Authorization', `Bearer ${TOKENS.auditor}`);
    expect(audited.body.items[0]).toMatchObject({ position, envelope: { recordedBy: 'oidc|clerk-fay', correlationId: expect.any(String) } });
    for (const token of [undefined, TOKENS.reporter, TOKENS.clerk]) {
      // Resumed just before the minutes' last entry: one the OIDC clerk recorded, under a correlation id.
      const res = await openStream(t.app.getHttpServer() as Server, `${feeds[0].path}?after=${BigInt(position) - 1n}`, token ? { Authorization: `Bearer ${token}` } : {}, { awaitEvent: 'ledger-entry' });
      expect(res.status).toBe(200);
      expect(JSON.parse(res.firstEvent!)).toMatchObject({ position, type: expect.any(String) });
      expect({ token, leaked: OPERATOR_FIELD.exec(res.text)?.[0] ?? null }).toEqual({ token, leaked: null });
      expect(res.text).not.toContain('oidc|clerk-fay');
      expect(res.headers.vary).toMatch(/Authorization/i);
    }
  });

  it('an auditor sees who recorded a pledge: the OIDC token subject that wrote it', async () => {
    const detail = reads.find((op) => op.path === '/v1/pledges/{id}')!;
    const anonymous = await read(detail);
    const audited = await read(detail, TOKENS.auditor);
    expect(anonymous.text).not.toContain('oidc|clerk-fay');
    expect(audited.text).toContain('"recordedBy":"oidc|clerk-fay"');
    // The facts and their sources are the same for both.
    expect(JSON.parse(anonymous.text).description).toBe(JSON.parse(audited.text).description);
  });

  it('audit answers are never cached', async () => {
    const res = await request(t.app.getHttpServer()).get('/v1/audit/events?limit=1').set('Authorization', `Bearer ${TOKENS.auditor}`);
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body.items[0].envelope.recordedBy).toBeDefined();
    // Every audit route, whatever it answers (a 400 or 404 names parts of the trail too).
    const audit = operationsOf(await fetchDocument(t.app)).filter((op) => op.path.startsWith('/v1/audit/'));
    expect(audit.length).toBeGreaterThan(8);
    for (const op of audit) {
      const answer = await request(t.app.getHttpServer()).get(fillPath(op.path, { streamId: 'pledge-us-mx-security-cooperation-group-5-pledge-1' })).set('Authorization', `Bearer ${TOKENS.auditor}`);
      expect({ path: op.path, cacheControl: answer.headers['cache-control'] }).toEqual({ path: op.path, cacheControl: 'no-store' });
    }
  });
});
