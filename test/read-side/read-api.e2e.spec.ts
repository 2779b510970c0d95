import request from 'supertest';
import { EVENT_STORE, type EventStore } from '@concordat/event-store';
import { startTestApp, type TestApp } from '../support/test-app';
import { LedgerWriter } from './support/ledger-writer';
import { reader, sleep } from './support/read-api';
import { CYBER_PLEDGE, ESC, GC_ARMAS_PLEDGE, MERIDA_PLEDGE, SCG, SCG3, SCG5, SCG6, SCG_CONTINUITY_PLEDGE, WHITE_PAPER_PLEDGE, writeScgDataset, type DatasetMarks } from './support/scg-dataset';

describe('read API over HTTP: the commitments board, meetings and reference lists (real app, embedded store)', () => {
  let t: TestApp;
  let get: ReturnType<typeof reader>;
  let marks: DatasetMarks;
  let head: string;

  beforeAll(async () => {
    t = await startTestApp();
    get = reader(t.app);
    marks = await writeScgDataset(new LedgerWriter(t.app.get<EventStore>(EVENT_STORE)), () => sleep(5));
    head = marks.lastPosition.toString();
  });
  afterAll(async () => t.close());

  const ids = (res: request.Response) => res.body.items.map((i: { id: string }) => i.id);

  it('given the data set, when a read passes minPosition, then it sees every write, with an ETag and the position reached', async () => {
    const res = await get('/v1/pledges', { minPosition: head, asOf: '2025-01-01' }).expect(200);
    expect(ids(res)).toEqual([MERIDA_PLEDGE, GC_ARMAS_PLEDGE, CYBER_PLEDGE, SCG_CONTINUITY_PLEDGE, WHITE_PAPER_PLEDGE]);
    expect(res.headers.etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(BigInt(res.headers['x-read-model-position'])).toBeGreaterThanOrEqual(BigInt(head));
    const byId = Object.fromEntries(res.body.items.map((i: { id: string; status: string }) => [i.id, i]));
    expect(byId[GC_ARMAS_PLEDGE]).toMatchObject({ status: 'in_progress', lastChange: { status: 'in_progress', previousStatus: 'suspended' } });
    expect(byId[GC_ARMAS_PLEDGE].history.map((s: { status: string }) => s.status)).toEqual(['agreed', 'suspended', 'in_progress']);
    expect(byId[SCG_CONTINUITY_PLEDGE]).toMatchObject({ status: 'lapsed', ageDays: 2923 });
    expect(byId[MERIDA_PLEDGE].money.map((m: { firmness: string; amount: string }) => [m.firmness, m.amount])).toEqual([['allocated', '2800000000'], ['disbursed', '1600000000']]);
    expect(byId[WHITE_PAPER_PLEDGE]).toMatchObject({ status: 'proposed', by: ['Center for U.S.-Mexican Studies, UC San Diego'] });
    expect(res.body).toMatchObject({ asOf: '2025-01-01', knownAt: null, page: { limit: 100, offset: 0, total: 5, nextCursor: null } });
  });

  it('filters the board by status, theme, party, forum, administration and date range', async () => {
    const q = { minPosition: head, asOf: '2025-01-01' };
    expect(ids(await get('/v1/pledges', { ...q, status: 'in_progress' }))).toEqual([GC_ARMAS_PLEDGE, CYBER_PLEDGE]);
    expect(ids(await get('/v1/pledges', { ...q, status: 'lapsed,proposed' }))).toEqual([SCG_CONTINUITY_PLEDGE, WHITE_PAPER_PLEDGE]);
    expect(ids(await get('/v1/pledges', { ...q, theme: 'cybersecurity' }))).toEqual([CYBER_PLEDGE]);
    expect(ids(await get('/v1/pledges', { ...q, party: 'MX', forum: 'merida-initiative' }))).toEqual([MERIDA_PLEDGE]);
    // GC-Armas (2011), the SCG-3 pledge (2015) and the SCG-5 pledge ("2016" counts on 2016-12-31) fall in Obama's term.
    expect(ids(await get('/v1/pledges', { ...q, administration: 'US-obama' }))).toEqual([GC_ARMAS_PLEDGE, CYBER_PLEDGE, SCG_CONTINUITY_PLEDGE]);
    expect(ids(await get('/v1/pledges', { ...q, madeFrom: '2015-01-01', madeTo: '2016-12-31' }))).toEqual([CYBER_PLEDGE, SCG_CONTINUITY_PLEDGE]);
  });

  it('answers as of a date: later facts do not count yet, and imprecise dates count at the end of their period', async () => {
    const at2016 = await get('/v1/pledges', { asOf: '2016-12-31' }).expect(200);
    expect(ids(at2016)).toEqual([MERIDA_PLEDGE, GC_ARMAS_PLEDGE, CYBER_PLEDGE, SCG_CONTINUITY_PLEDGE]);
    expect(at2016.body.items.map((i: { status: string }) => i.status)).toEqual(['agreed', 'in_progress', 'in_progress', 'agreed']);
    expect(at2016.body.items[0].money).toEqual([]); // the Mérida money facts are "as of 2017"
    const dec30 = await get('/v1/pledges', { asOf: '2016-12-30' }).expect(200);
    expect(ids(dec30)).toEqual([MERIDA_PLEDGE, GC_ARMAS_PLEDGE, CYBER_PLEDGE]); // "2016" is not over yet
    expect(dec30.body.items[1].status).toBe('suspended');
  });

  it('takes asOf as a year, a month or an interval, read as the last day of its period, and names the rule when it is no date', async () => {
    const byDay = await get('/v1/pledges', { minPosition: head, asOf: '2016-12-31' }).expect(200);
    for (const asOf of ['2016', '2015/2016']) {
      const res = await get('/v1/pledges', { minPosition: head, asOf }).expect(200);
      expect({ asOf, answerAsOf: res.body.asOf, items: ids(res) }).toEqual({ asOf, answerAsOf: '2016-12-31', items: ids(byDay) });
    }
    expect((await get('/v1/pledges', { asOf: '2016-02' }).expect(200)).body.asOf).toBe('2016-02-29');
    const bad = await get('/v1/pledges', { asOf: '2016-13' }).expect(400);
    expect(bad.body.details).toEqual([expect.objectContaining({ field: 'asOf', message: expect.stringContaining('YYYY, YYYY-MM or YYYY-MM-DD') })]);
  });

  it('answers as known at a time: before the correction the mistaken status, after it the corrected one', async () => {
    const before = await get(`/v1/pledges/${GC_ARMAS_PLEDGE}`, { knownAt: marks.beforeCorrection }).expect(200);
    expect(before.body).toMatchObject({ status: 'lapsed', knownAt: new Date(marks.beforeCorrection).toISOString(), corrections: [] });
    expect(before.headers.etag).toBe('"2"');
    const after = await get(`/v1/pledges/${GC_ARMAS_PLEDGE}`).expect(200);
    expect(after.body.status).toBe('in_progress');
    expect(after.body.lastChange.corrections).toEqual([expect.objectContaining({ reason: 'the source says resurrected, not lapsed', fields: ['status'] })]);
    expect(after.body.lastChange.corrections[0].recordedBy).toBeUndefined(); // operator identities are for auditors
    expect(after.headers.etag).toBe('"3"');
  });

  it('answers 304 to If-None-Match with the current ETag, for lists and for details (whose ETag is the stream revision)', async () => {
    const list = await get('/v1/meetings').expect(200);
    const again = await get('/v1/meetings', {}, list.headers.etag).expect(304);
    expect(again.text).toBe('');
    await get(`/v1/pledges/${GC_ARMAS_PLEDGE}`, {}, '"3"').expect(304);
    await get(`/v1/pledges/${GC_ARMAS_PLEDGE}`, {}, '"2"').expect(200);
    const meeting = await get(`/v1/meetings/${SCG5}`).expect(200);
    expect(meeting.headers.etag).toBe('"0"');
    await get(`/v1/meetings/${SCG5}`, {}, 'W/"0"').expect(304);
  });

  it.each([
    ['asOf', { asOf: '2016-13-01' }],
    ['asOf', { asOf: '2016-02-30' }],
    ['knownAt', { knownAt: '2025-01-01' }],
    ['minPosition', { minPosition: '-1' }],
    ['limit', { limit: 0 }],
    ['limit', { limit: 501 }],
    ['status', { status: 'done' }],
    ['administration', { administration: 'obama' }],
    ['madeFrom', { madeFrom: 'yesterday' }],
    ['cursor', { cursor: 'bm90LWEtY3Vyc29y' }],
  ])('answers 400 naming the field %s', async (field, query) => {
    const res = await get('/v1/pledges', query).expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, code: 'REQUEST.INVALID' });
    expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
  });

  it('answers 404 in the ApiError shape for ids not on the record (or not yet, as of the date)', async () => {
    const res = await get('/v1/pledges/no-such-pledge').expect(404);
    expect(res.body).toMatchObject({ statusCode: 404, code: 'PLEDGE.NOT_FOUND', message: expect.stringContaining('no-such-pledge') });
    expect((await get(`/v1/meetings/${SCG6}`, { asOf: '2017-09-30' }).expect(404)).body.code).toBe('MEETING.NOT_FOUND');
  });

  it('lists meetings with filters, and a meeting with its priorities and its pledges\' status', async () => {
    expect(ids(await get('/v1/meetings'))).toEqual([SCG3, `${ESC}-2016`, SCG5, SCG6]);
    expect(ids(await get('/v1/meetings', { forum: SCG, theme: 'counter-narcotics' }))).toEqual([SCG3, SCG5]);
    expect(ids(await get('/v1/meetings', { administration: 'US-trump' }))).toEqual([SCG6]);
    const detail = await get(`/v1/meetings/${SCG5}`, { asOf: '2018-12-31' }).expect(200);
    expect(detail.body).toMatchObject({
      forumName: 'U.S.-Mexico Security Cooperation Group',
      administrations: ['MX-pena-nieto', 'US-obama'],
      pledges: [{ id: SCG_CONTINUITY_PLEDGE, status: 'agreed' }],
      coChairs: [expect.objectContaining({ name: 'Amy Pope' }), expect.objectContaining({ name: 'Eugenio Imaz' })],
    });
    expect(detail.body.priorities.map((p: { theme: string }) => p.theme)).toEqual(['counter-narcotics', 'police-professionalization', 'human-smuggling']);
  });

  it('lists reference data as of a date, paged by cursor without overlap', async () => {
    const admins = await get('/v1/administrations', { asOf: '2016-12-31', country: 'US' }).expect(200);
    expect(ids(admins)).toEqual(['US-bush', 'US-obama']);
    expect(admins.body.items[1]).toMatchObject({ endedOn: null, inOffice: true });
    expect(ids(await get('/v1/forums'))).toEqual([ESC, 'gc-armas', 'merida-initiative', SCG]);
    const first = await get('/v1/themes', { limit: 10 }).expect(200);
    expect(first.body.page).toMatchObject({ total: 23, limit: 10 });
    const second = await get('/v1/themes', { limit: 10, cursor: first.body.page.nextCursor }).expect(200);
    const third = await get('/v1/themes', { limit: 10, cursor: second.body.page.nextCursor }).expect(200);
    expect(third.body.page.nextCursor).toBeNull();
    const all = [...ids(first), ...ids(second), ...ids(third)];
    expect(all).toHaveLength(23);
    expect(all).toEqual([...all].sort());
  });

  it('answers 503 naming the position reached when minPosition is not reached within 5 s', async () => {
    const res = await get('/v1/themes', { minPosition: '999999' }).expect(503);
    expect(res.body).toMatchObject({ code: 'READ_MODELS.BEHIND', context: { minPosition: '999999', reached: expect.stringMatching(/^\d+$/) } });
  }, 15000);
});
