import request from 'supertest';
import { FIFTH_SCG_MINUTES } from '../../apps/ledger-api/src/clerk/meetings/minutes.example';
import { startTestApp, TOKENS, type TestApp } from '../support/test-app';
import { clerk, ledgerEvents, seedReferenceData } from './clerk-fixtures';

const minutes = (patch: Record<string, unknown>) => ({ ...FIFTH_SCG_MINUTES, id: 'bad-input-meeting', ...patch });
const pledge = (patch: Record<string, unknown>) => minutes({ pledges: [{ ...FIFTH_SCG_MINUTES.pledges![0], ...patch }] });
const evidence = { document: '000_3fdbd5733350c650.txt', quote: 'SCG' };

/** [what, path, body, expected status, expected code, field named (or a context key)] */
const CASES: Array<[string, string, unknown, number, string, string]> = [
  ['unknown top-level field', '/v1/meetings', minutes({ secretField: 1 }), 400, 'REQUEST.INVALID', 'secretField'],
  ['unknown nested field', '/v1/meetings', minutes({ coChairs: [{ name: 'A', country: 'US', shoeSize: 42 }] }), 400, 'REQUEST.INVALID', 'coChairs.0.shoeSize'],
  ['missing title', '/v1/meetings', minutes({ title: undefined }), 400, 'REQUEST.INVALID', 'title'],
  ['malformed date', '/v1/meetings', minutes({ heldOn: { date: '14/10/2016' } }), 400, 'REQUEST.INVALID', 'heldOn.date'],
  ['impossible calendar day', '/v1/meetings', minutes({ heldOn: { date: '2016-02-30' } }), 400, 'REQUEST.INVALID', 'heldOn.date'],
  ['country not ISO alpha-2', '/v1/meetings', minutes({ hostCountry: 'USA' }), 400, 'REQUEST.INVALID', 'hostCountry'],
  ['sequence not a positive integer', '/v1/meetings', minutes({ sequence: -5 }), 400, 'REQUEST.INVALID', 'sequence'],
  ['money amount not a decimal string', '/v1/meetings', pledge({ money: [{ firmness: 'pledged', amount: '1e9', currency: 'USD', asOf: { date: '2017' } }] }), 400, 'REQUEST.INVALID', 'pledges.0.money.0.amount'],
  ['currency not ISO 4217', '/v1/meetings', pledge({ money: [{ firmness: 'pledged', amount: '1000', currency: 'dollars', asOf: { date: '2017' } }] }), 400, 'REQUEST.INVALID', 'pledges.0.money.0.currency'],
  ['unknown money firmness', '/v1/meetings', pledge({ money: [{ firmness: 'promised', amount: '1000', currency: 'USD', asOf: { date: '2017' } }] }), 400, 'REQUEST.INVALID', 'pledges.0.money.0.firmness'],
  ['initial status not allowed for a new pledge', '/v1/meetings', pledge({ status: 'fulfilled' }), 400, 'REQUEST.INVALID', 'pledges.0.status'],
  ['pledge without parties', '/v1/meetings', pledge({ by: [] }), 400, 'REQUEST.INVALID', 'pledges.0.by'],
  ['priorities not an array', '/v1/meetings', minutes({ priorities: 'counter-narcotics' }), 400, 'REQUEST.INVALID', 'priorities'],
  ['unknown forum', '/v1/meetings', minutes({ forum: 'no-such-forum' }), 422, 'REFERENCE.UNKNOWN_FORUM', 'no-such-forum'],
  ['unknown theme in a priority', '/v1/meetings', minutes({ priorities: [{ theme: 'astrology', statement: 'x' }] }), 422, 'REFERENCE.UNKNOWN_THEME', 'astrology'],
  ['approximate date without reasoning', '/v1/meetings', minutes({ heldOn: { date: '2016', approximate: true } }), 422, 'MEETING.INVALID', 'heldOn'],
  ['source without a quote', '/v1/meetings', minutes({ source: { document: '000_3fdbd5733350c650.txt' } }), 422, 'MEETING.INVALID', 'source'],
  ['two pledges with the same id', '/v1/meetings', minutes({ pledges: [{ ...FIFTH_SCG_MINUTES.pledges![0], id: 'dup' }, { ...FIFTH_SCG_MINUTES.pledges![0], id: 'dup' }] }), 422, 'MEETING.INVALID', 'dup'],
  ['unknown status value', '/v1/pledges/us-mx-security-cooperation-group-5-pledge-1/status-changes', { status: 'done', effectiveOn: { date: '2017' }, reason: 'x', evidence }, 400, 'REQUEST.INVALID', 'status'],
  ['status change for an unknown pledge', '/v1/pledges/no-such-pledge/status-changes', { status: 'in_progress', effectiveOn: { date: '2017' }, reason: 'x', evidence }, 404, 'PLEDGE.NOT_FOUND', 'no-such-pledge'],
  ['correction without a reason', '/v1/pledges/us-mx-security-cooperation-group-5-pledge-1/corrections', { changes: { description: 'x' } }, 400, 'REQUEST.INVALID', 'reason'],
  ['correction of an unknown entry', '/v1/pledges/us-mx-security-cooperation-group-5-pledge-1/corrections', { reason: 'x', entry: { id: '00000000-0000-4000-8000-000000000000', status: 'stalled' } }, 404, 'PLEDGE.NOT_FOUND', '00000000-0000-4000-8000-000000000000'],
  ['status change dated in the future', '/v1/pledges/us-mx-security-cooperation-group-5-pledge-1/status-changes', { status: 'in_progress', effectiveOn: { date: '2199' }, reason: 'x', evidence }, 422, 'PLEDGE.INVALID', 'effectiveOn'],
  ['status change dated past the plausible range', '/v1/pledges/us-mx-security-cooperation-group-5-pledge-1/status-changes', { status: 'in_progress', effectiveOn: { date: '2999' }, reason: 'x', evidence }, 400, 'REQUEST.INVALID', 'effectiveOn.date'],
  ['administration id without its country', '/v1/administrations', { id: 'obama', country: 'US', leader: 'Barack Obama', startedOn: '2009-01-20', source: { document: 'public-record', note: 'x' } }, 400, 'REQUEST.INVALID', 'id'],
];

describe('clerk API: bad input gets a clear 4xx naming the field and the rule, and writes nothing', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await seedReferenceData(t.app);
    const res = await clerk(t.app).post('/v1/meetings', FIFTH_SCG_MINUTES);
    expect(res.status).toBe(201);
  });
  afterAll(async () => t.close());

  it.each(CASES)('%s', async (_what, path, body, status, code, named) => {
    const before = await ledgerEvents(t.app);
    const res = await clerk(t.app).post(path, body);
    expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
    expect(JSON.stringify(res.body)).toContain(named);
    if (status === 400) expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: named, rule: expect.any(String) })]));
    expect(await ledgerEvents(t.app)).toEqual(before);
  });

  it('answers malformed JSON with 400, not 500', async () => {
    const res = await request(t.app.getHttpServer())
      .post('/v1/meetings')
      .set('Authorization', `Bearer ${TOKENS.clerk}`)
      .set('Content-Type', 'application/json')
      .send('{"forum": ');
    expect(res.status).toBe(400);
    expect(res.body.statusCode).toBe(400);
  });

  it('refuses a malformed If-Match or Idempotency-Key header, naming it', async () => {
    const ifMatch = await clerk(t.app).post('/v1/pledges/us-mx-security-cooperation-group-5-pledge-1/status-changes', { status: 'in_progress', effectiveOn: { date: '2017' }, reason: 'x', evidence }, { 'If-Match': 'W/"1"' });
    expect(ifMatch.status).toBe(400);
    expect(ifMatch.body.details[0].field).toBe('header.If-Match');
    const key = await clerk(t.app).post('/v1/themes', { id: 'x-theme', name: 'x', definition: 'x' }, { 'Idempotency-Key': 'has spaces in it' });
    expect(key.status).toBe(400);
    expect(key.body.details[0].field).toBe('header.Idempotency-Key');
  });
});
