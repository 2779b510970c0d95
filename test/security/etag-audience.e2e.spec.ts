import request from 'supertest';
import { FIFTH_SCG_MINUTES } from '../../apps/ledger-api/src/clerk/meetings/minutes.example';
import { clerk, quote, seedReferenceData } from '../clerk/clerk-fixtures';
import { startTestApp, TOKENS, type TestApp } from '../support/test-app';
import { fetchDocument, fillPath, operationsOf, type Operation } from './support/openapi-walk';

const PLEDGE = 'us-mx-security-cooperation-group-5-pledge-1';

/**
 * An auditor's answer carries recordedBy, an anonymous one does not: two bodies of one state. A
 * client or a shared cache holding one must never be told 304 for the other (issue 11).
 */
describe('ETags per audience: the operators\' view of a resource is another representation', () => {
  let t: TestApp;
  let reads: Operation[];
  beforeAll(async () => {
    t = await startTestApp();
    await seedReferenceData(t.app);
    const written = await clerk(t.app).post('/v1/meetings', FIFTH_SCG_MINUTES);
    expect(written.status).toBe(201);
    reads = operationsOf(await fetchDocument(t.app)).filter((op) => !op.streams && op.method === 'get' && op.roles?.length === 0 && op.path.startsWith('/v1/'));
    // Every read has caught up with the minutes before the tags are compared.
    expect((await request(t.app.getHttpServer()).get(`/v1/pledges/${PLEDGE}?minPosition=${written.body.position}`)).status).toBe(200);
  });
  afterAll(async () => t.close());

  const get = (op: Operation, token?: string, ifNoneMatch?: string) => {
    const path = fillPath(op.path, { id: op.path.startsWith('/v1/pledges') ? PLEDGE : 'us-mx-security-cooperation-group-5' });
    // One Host: the Atom feed names its own address, and supertest's port changes per request.
    let req = request(t.app.getHttpServer()).get(path).set('Host', 'ledger.test');
    if (token) req = req.set('Authorization', `Bearer ${token}`);
    if (ifNoneMatch) req = req.set('If-None-Match', ifNoneMatch);
    return req;
  };

  it('on every public read: the anonymous ETag does not revalidate an auditor\'s copy, nor the auditor\'s an anonymous one; each revalidates its own audience', async () => {
    expect(reads.length).toBeGreaterThan(8);
    const wrong: string[] = [];
    for (const op of reads) {
      const anonymous = await get(op);
      const audited = await get(op, TOKENS.auditor);
      expect({ path: op.path, statuses: [anonymous.status, audited.status] }).toEqual({ path: op.path, statuses: [200, 200] });
      const [a, b] = [anonymous.headers.etag as string, audited.headers.etag as string];
      const checks: Array<[string, number, number]> = [
        ['the two audiences share an ETag', a === b ? 1 : 0, 0],
        ['an auditor sending the anonymous ETag', (await get(op, TOKENS.auditor, a)).status, 200],
        ['an admin sending the anonymous ETag', (await get(op, TOKENS.admin, a)).status, 200],
        ['an anonymous caller sending the auditor\'s ETag', (await get(op, undefined, b)).status, 200],
        ['a reporter sending the auditor\'s ETag', (await get(op, TOKENS.reporter, b)).status, 200],
        ['an anonymous caller sending its own ETag', (await get(op, undefined, a)).status, 304],
        ['a reporter sending the anonymous ETag (the same view)', (await get(op, TOKENS.reporter, a)).status, 304],
        ['an auditor sending its own ETag', (await get(op, TOKENS.auditor, b)).status, 304],
      ];
      for (const [what, got, expected] of checks) if (got !== expected) wrong.push(`${op.path}: ${what}: ${got}, expected ${expected}`);
      for (const res of [anonymous, audited]) if (!/authorization/i.test(String(res.headers.vary))) wrong.push(`${op.path}: no Vary: Authorization`);
    }
    expect(wrong).toEqual([]);
  });

  it('the detail answers differ in body where the tags differ: the auditor\'s carries recordedBy', async () => {
    const detail = reads.find((op) => op.path === '/v1/pledges/{id}')!;
    const anonymous = await get(detail);
    const audited = await get(detail, TOKENS.auditor);
    expect(anonymous.text).not.toContain('recordedBy');
    expect(audited.text).toContain('"recordedBy":"clerk-ana"');
    expect([anonymous.headers.etag, audited.headers.etag]).toEqual([`"${audited.body.revision}"`, `"${audited.body.revision}+operators"`]);
  });

  it('If-Match takes the detail ETag of either view: the stream revision', async () => {
    const detail = reads.find((op) => op.path === '/v1/pledges/{id}')!;
    const change = (ifMatch: string, token: string, status = 'in_progress') =>
      clerk(t.app, token).post(`/v1/pledges/${PLEDGE}/status-changes`, { status, effectiveOn: { date: '2018' }, reason: 'Under way', evidence: quote('SCG') }, { 'If-Match': ifMatch });
    const asAdmin = (await get(detail, TOKENS.admin)).headers.etag as string;
    expect(asAdmin).toMatch(/^"\d+\+operators"$/);
    const first = await change(asAdmin, TOKENS.admin);
    expect(first.status).toBe(201);
    // The admin's tag is now stale: 412, as the plain revision would be.
    expect((await change(asAdmin, TOKENS.admin)).status).toBe(412);
    const asClerk = (await get(detail, TOKENS.clerk).query({ minPosition: first.body.position })).headers.etag as string;
    expect(asClerk).toMatch(/^"\d+"$/);
    const second = await change(asClerk, TOKENS.clerk, 'fulfilled');
    expect(second.status).toBe(201);
  });
});
