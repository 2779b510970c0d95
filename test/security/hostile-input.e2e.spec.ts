import request from 'supertest';
import type { Server } from 'node:http';
import { gzipSync } from 'node:zlib';
import { FIFTH_SCG_MINUTES } from '../../apps/ledger-api/src/clerk/meetings/minutes.example';
import { ledgerEvents, seedReferenceData } from '../clerk/clerk-fixtures';
import { startTestApp, TOKENS, type TestApp } from '../support/test-app';
import { openStream } from './support/event-stream';

/** The inputs that once answered 500 or stalled the server (issue 11), each sent as a clerk. */
describe('hostile input: a clear 4xx in the common shape with a correlation id, bounded work, nothing written', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await seedReferenceData(t.app);
  });
  afterAll(async () => t.close());

  const minutes = (patch: Record<string, unknown>) => JSON.stringify({ ...FIFTH_SCG_MINUTES, id: 'hostile-meeting', ...patch });
  const post = (path: string, body: string | Buffer, headers: Record<string, string> = {}) =>
    request(t.app.getHttpServer())
      .post(path)
      .set('Authorization', `Bearer ${TOKENS.clerk}`)
      .set({ 'Content-Type': 'application/json', ...headers })
      .send(body);

  const big = JSON.stringify({ ...FIFTH_SCG_MINUTES, summary: 'x'.repeat(3 * 1024 * 1024) });
  const CASES: Array<[string, () => request.Test, number, string]> = [
    ['arrays nested 1,300 deep', () => post('/v1/meetings', '['.repeat(1300) + ']'.repeat(1300)), 400, 'REQUEST.TOO_DEEP'],
    ['objects nested 2,400 deep', () => post('/v1/meetings', '{"a":'.repeat(2400) + '1' + '}'.repeat(2400)), 400, 'REQUEST.TOO_DEEP'],
    ['a body over 2 MiB', () => post('/v1/meetings', big), 413, 'REQUEST.TOO_LARGE'],
    ['charset latin1', () => post('/v1/themes', '{}', { 'Content-Type': 'application/json; charset=latin1' }), 415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE'],
    ['Content-Encoding compress', () => post('/v1/themes', '{}', { 'Content-Encoding': 'compress' }), 415, 'REQUEST.UNSUPPORTED_ENCODING'],
    ['Content-Encoding gzip, gzip', () => post('/v1/themes', gzipSync(gzipSync('{}')), { 'Content-Encoding': 'gzip, gzip' }), 415, 'REQUEST.UNSUPPORTED_ENCODING'],
    ['a gzip header on a body that is not gzip', () => post('/v1/themes', '{}', { 'Content-Encoding': 'gzip' }), 415, 'REQUEST.UNSUPPORTED_ENCODING'],
    ['a small gzip body inflating past 2 MiB', () => post('/v1/meetings', gzipSync(big), { 'Content-Encoding': 'gzip' }), 415, 'REQUEST.UNSUPPORTED_ENCODING'],
    ['a form body over 100 KB', () => post('/v1/themes', `a=${'x'.repeat(150_000)}`, { 'Content-Type': 'application/x-www-form-urlencoded' }), 415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE'],
    ['no content type', () => post('/v1/themes', '{}', { 'Content-Type': '' }), 415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE'],
    ['JSON that is not JSON', () => post('/v1/themes', '{"id": '), 400, 'REQUEST.MALFORMED_JSON'],
    ['50,000 empty pledges', () => post('/v1/meetings', minutes({ pledges: Array.from({ length: 50_000 }, () => ({})) })), 400, 'REQUEST.TOO_COMPLEX'],
    ['100,000 unknown keys', () => post('/v1/meetings', minutes(Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`k${i}`, 1])))), 400, 'REQUEST.TOO_COMPLEX'],
    ['201 pledges (over the DTO limit of 200, named by field)', () => post('/v1/meetings', minutes({ pledges: Array.from({ length: 201 }, () => ({})) })), 400, 'REQUEST.INVALID'],
    ['a __proto__ key', () => post('/v1/themes', '{"id":"proto-theme","name":"P","definition":"P","__proto__":{"x":1}}'), 400, 'REQUEST.INVALID'],
    ['a constructor key', () => post('/v1/themes', '{"id":"proto-theme","name":"P","definition":"P","constructor":{"prototype":{}}}'), 400, 'REQUEST.INVALID'],
    ['NUL, BEL and ESC in a title', () => post('/v1/meetings', minutes({ title: 'Fifth\u0000\u0007\u001b[31m meeting' })), 400, 'REQUEST.INVALID'],
    ['a newline in a one-line title', () => post('/v1/meetings', minutes({ title: 'Fifth\nmeeting' })), 400, 'REQUEST.INVALID'],
    ['year 0000', () => post('/v1/meetings', minutes({ heldOn: { date: '0000' } })), 400, 'REQUEST.INVALID'],
    ['an administration starting in 2203', () => post('/v1/administrations', JSON.stringify({ id: 'US-future', country: 'US', leader: 'Nobody', startedOn: '2203-01-20', source: { document: 'public-record', note: 'x' } })), 400, 'REQUEST.INVALID'],
    ['a meeting sequence of 1e308', () => post('/v1/meetings', minutes({ sequence: 1e308 })), 400, 'REQUEST.INVALID'],
  ];

  it.each(CASES)('%s', async (_what, send, status, code) => {
    const before = await ledgerEvents(t.app);
    const started = process.hrtime.bigint();
    const res = await send();
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
    expect(res.body.statusCode).toBe(status);
    expect(res.body.correlationId).toBe(res.headers['x-correlation-id']);
    expect(res.body.details?.length ?? 0).toBeLessThanOrEqual(20);
    expect(JSON.stringify(res.body).length).toBeLessThan(10_000);
    expect(await ledgerEvents(t.app)).toEqual(before);
    // Not a timing assertion (speed lives in bench): a seconds-long stall is a different bug.
    expect(ms).toBeLessThan(10_000);
  });

  it('names the refused prototype key and the control character field', async () => {
    const proto = await post('/v1/themes', '{"id":"proto-theme","name":"P","definition":"P","__proto__":{"x":1}}');
    expect(proto.body.details).toEqual([expect.objectContaining({ field: '__proto__', rule: 'unknownField' })]);
    const nul = await post('/v1/meetings', minutes({ title: 'a\u0000b' }));
    expect(nul.body.details).toEqual([expect.objectContaining({ field: 'title', rule: 'noControlCharacters' })]);
  });

  it('keeps newlines and tabs in long text', async () => {
    const res = await post('/v1/themes', JSON.stringify({ id: 'multi-line-theme', name: 'Multi-line', definition: 'First line\n\tsecond line' }));
    expect(res.status).toBe(201);
  });

  it('range-checks cursor and sequence parameters of the audit API', async () => {
    const get = (path: string) => request(t.app.getHttpServer()).get(path).set('Authorization', `Bearer ${TOKENS.auditor}`);
    for (const path of ['/v1/audit/events?cursor=9999999999999999999', '/v1/audit/proofs/inclusion?seq=1e20', '/v1/audit/export?to=99999999999999999999']) {
      const res = await get(path);
      expect({ path, status: res.status }).toEqual({ path, status: 400 });
      expect(res.body.correlationId).toBe(res.headers['x-correlation-id']);
    }
  });

  it('refuses a resume point of the live feed that is not a position, at once, with a 400 naming the field', async () => {
    const feed = '/v1/feeds/ledger-entries';
    const CASES: Array<[string, Record<string, string>, string]> = [
      ['', { 'Last-Event-ID': 'garbage' }, 'Last-Event-ID'],
      ['', { 'Last-Event-ID': '-1' }, 'Last-Event-ID'],
      ['', { 'Last-Event-ID': '1e3' }, 'Last-Event-ID'],
      ['', { 'Last-Event-ID': '9'.repeat(19) }, 'Last-Event-ID'], // past a 64-bit position
      ['', { 'Last-Event-ID': '9'.repeat(6000) }, 'Last-Event-ID'],
      ['?after=-1', {}, 'after'],
      ['?after=9223372036854775808', {}, 'after'],
      [`?after=${'9'.repeat(6000)}`, {}, 'after'],
      ['?after=0x10', {}, 'after'],
    ];
    for (const [query, headers, field] of CASES) {
      const res = await openStream(t.app.getHttpServer() as Server, `${feed}${query}`, headers, { timeoutMs: 10_000 });
      const what = `${query}${JSON.stringify(headers).slice(0, 60)}`;
      expect({ what, status: res.status }).toEqual({ what, status: 400 });
      const body = JSON.parse(res.text);
      expect({ what, code: body.code, field: body.details?.[0]?.field }).toEqual({ what, code: 'REQUEST.INVALID', field });
      expect(body.correlationId).toBe(res.headers['x-correlation-id']);
    }
    // The largest position is accepted: the stream opens (and would wait for entries beyond it).
    expect((await openStream(t.app.getHttpServer() as Server, `${feed}?after=9223372036854775807`)).status).toBe(200);
  });
});
