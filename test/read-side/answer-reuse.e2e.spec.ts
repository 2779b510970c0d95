import request from 'supertest';
import { FIFTH_SCG_MINUTES } from '../../apps/ledger-api/src/clerk/meetings/minutes.example';
import { clerk, quote, seedReferenceData } from '../clerk/clerk-fixtures';
import { startTestApp, TOKENS, type TestApp } from '../support/test-app';

const PLEDGE = 'us-mx-security-cooperation-group-5-pledge-1';
/** The reads whose answers name who recorded a fact (meeting list rows do not). */
const NAMING = [`/v1/pledges/${PLEDGE}`, '/v1/pledges?limit=20', '/v1/meetings/us-mx-security-cooperation-group-5'];
const READS = [...NAMING, '/v1/meetings?limit=20'];

/**
 * The service answers a question asked again at the same read-model position with the JSON it
 * sent the first time (read-side/http/answer-cache.ts). What must hold whatever it keeps: each
 * audience gets its own view, in any order, and the next event is seen by the next read.
 */
describe('answers reused between events: per audience, and never past the next event', () => {
  let t: TestApp;
  let position: string;
  beforeAll(async () => {
    t = await startTestApp();
    await seedReferenceData(t.app);
    const written = await clerk(t.app).post('/v1/meetings', FIFTH_SCG_MINUTES);
    expect(written.status).toBe(201);
    position = String(written.body.position);
  });
  afterAll(async () => t.close());

  const get = (path: string, token?: string, query: Record<string, string> = {}) => {
    const req = request(t.app.getHttpServer()).get(path).query(query);
    return token ? req.set('Authorization', `Bearer ${token}`) : req;
  };

  it('asked again by an anonymous caller, by an auditor, then anonymously again: recordedBy only in the auditor\'s answers, the same body each time for one audience', async () => {
    for (const path of READS) {
      const first = await get(path, undefined, { minPosition: position }).expect(200);
      const again = await get(path).expect(200);
      const audited = await get(path, TOKENS.auditor).expect(200);
      const auditedAgain = await get(path, TOKENS.auditor).expect(200);
      const last = await get(path).expect(200);
      for (const anonymous of [first, again, last]) {
        expect(anonymous.text).not.toMatch(/"(recordedBy|correlationId)":/);
        expect(anonymous.text).toBe(first.text);
        expect(anonymous.headers.etag).toBe(first.headers.etag);
        expect(anonymous.headers['content-type']).toBe('application/json; charset=utf-8');
      }
      if (NAMING.includes(path)) expect(audited.text).toMatch(/"recordedBy":"clerk-ana"/);
      expect(auditedAgain.text).toBe(audited.text);
      expect(audited.headers.etag).not.toBe(first.headers.etag);
      expect(JSON.parse(audited.text)).toMatchObject(JSON.parse(first.text));
    }
  });

  it('after a status change, the next read that waits for its position sees it, in the list and in the detail', async () => {
    const before = await get(`/v1/pledges/${PLEDGE}`).expect(200);
    await get('/v1/pledges?limit=20').expect(200);
    const changed = await clerk(t.app).post(`/v1/pledges/${PLEDGE}/status-changes`, {
      status: 'in_progress',
      effectiveOn: { date: '2017-03-01' },
      reason: 'work began',
      evidence: quote('the working group met twice'),
    });
    expect(changed.status).toBe(201);
    const detail = await get(`/v1/pledges/${PLEDGE}`, undefined, { minPosition: String(changed.body.position) }).expect(200);
    expect(detail.body.status).toBe('in_progress');
    expect(detail.headers.etag).not.toBe(before.headers.etag);
    const list = await get('/v1/pledges?limit=20').expect(200);
    expect(list.body.items.find((p: { id: string }) => p.id === PLEDGE).status).toBe('in_progress');
  });
});
