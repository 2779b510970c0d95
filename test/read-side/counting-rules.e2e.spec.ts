import request from 'supertest';
import { EVENT_STORE, type EventStore } from '@concordat/event-store';
import type { SourceInput } from '@concordat/domain';
import { startTestApp, TOKENS, type TestApp } from '../support/test-app';
import { LedgerWriter } from './support/ledger-writer';
import { reader } from './support/read-api';

/**
 * Each counting rule of libs/read-models/README.md on a small data set, over HTTP. Two US and two
 * MX administrations; a forum established in 2010 whose first and third sittings are recorded
 * (the second is known only by the numbering); recommendations proposed, lapsed, unrated and
 * agreed later; an academic author; dates that are a year, an EDTF range, a span of years.
 */
const SOURCE: SourceInput = { document: 'rules.pdf', locator: 'p. 1', quote: 'a quoted fact' };
const PUBLIC = { document: 'public-record', note: 'test' };

async function writeDataSet(w: LedgerWriter): Promise<void> {
  const admin = (id: string, country: string, startedOn: string, endedOn?: string) =>
    w.execute('administration', id, { type: 'RegisterAdministration', data: { id, country, leader: id, startedOn, ...(endedOn ? { endedOn } : {}), source: PUBLIC } });
  await admin('US-a', 'US', '2009-01-20', '2017-01-19');
  await admin('US-b', 'US', '2017-01-20', '2021-01-19');
  await admin('US-c', 'US', '2021-01-20');
  await admin('MX-a', 'MX', '2006-12-01', '2012-11-30');
  await admin('MX-b', 'MX', '2012-12-01', '2018-11-30');
  for (const id of ['fentanyl', 'migration', 'cybersecurity', 'counter-narcotics']) await w.execute('theme', id, { type: 'DefineTheme', data: { id, name: id, definition: 'one line' } });
  await w.execute('forum', 'grp', { type: 'RegisterForum', data: { id: 'grp', name: 'Group', kind: 'standing-group', parties: ['US', 'MX'], establishedOn: { date: '2010' }, source: SOURCE } });
  const agreedCn = (i: number) => ({ by: ['US', 'MX'], description: `counter-narcotics item ${i}`, themes: ['counter-narcotics'], status: 'agreed' as const });
  await w.recordMinutes({ id: 'grp-1', forum: 'grp', title: 'First sitting', sequence: 1, heldOn: { date: '2011-05-10' }, priorities: [{ theme: 'migration', statement: 'migration' }], pledges: [1, 2, 3, 4, 5].map(agreedCn), source: SOURCE });
  await w.recordMinutes({ id: 'grp-3', forum: 'grp', title: 'Third sitting', sequence: 3, heldOn: { date: '2012' }, priorities: [{ theme: 'cybersecurity', statement: 'cyber' }], source: SOURCE });
  const doc = (id: string, by: string[], status: 'proposed' | 'agreed' | 'not_yet_assessed', madeOn: string, themes = ['fentanyl']) =>
    w.execute('pledge', id, { type: 'MakePledge', data: { origin: 'document', input: { id, by, description: id, themes, status, madeOn: { date: madeOn }, source: { ...SOURCE, document: `${id}.pdf` } } } });
  const change = (id: string, status: string, date: string) => w.execute('pledge', id, { type: 'ChangePledgeStatus', data: { pledgeId: id, input: { status: status as never, effectiveOn: { date }, reason: 'news', evidence: SOURCE } } });
  await doc('academic-rec', ['Some University'], 'proposed', '2016');
  await change('academic-rec', 'agreed', '2016-06');
  await doc('us-rec', ['US'], 'proposed', '2015-03-01');
  await change('us-rec', 'agreed', '2018-04-02');
  await doc('us-lapsed-rec', ['US'], 'proposed', '2015');
  await change('us-lapsed-rec', 'lapsed', '2016');
  await doc('us-unrated', ['US'], 'not_yet_assessed', '2015-06-01');
  await doc('span-pledge', ['MX'], 'agreed', '2012/2016', ['migration']);
}

describe('the counting rules over HTTP (real app, embedded store)', () => {
  let t: TestApp;
  let get: ReturnType<typeof reader>;
  let head: string;
  const asOf = '2022-01-01';

  beforeAll(async () => {
    t = await startTestApp();
    get = reader(t.app);
    await writeDataSet(new LedgerWriter(t.app.get<EventStore>(EVENT_STORE)));
    // An EDTF range where the source gives only one, through the clerk's API.
    const range = await request(t.app.getHttpServer())
      .post('/v1/pledges')
      .set('Authorization', `Bearer ${TOKENS.clerk}`)
      .send({ id: 'range-pledge', by: ['US'], description: 'range', themes: ['migration'], status: 'agreed', madeOn: { date: '2014-03/2014-05' }, source: SOURCE })
      .expect(201);
    head = String(range.body.position);
  });
  afterAll(async () => t.close());

  const row = async (key: string, extra: Record<string, string> = {}) =>
    (await get('/v1/reports/priorities-by-administration', { asOf, minPosition: head, limit: '50', ...extra }).expect(200)).body.items.find((r: { key: string }) => r.key === key);
  const theme = (r: { themes: Array<{ theme: string }> }, id: string) => r.themes.find((x) => x.theme === id);

  it('an EDTF interval whose start is not before its end is refused, naming the field; nothing is written', async () => {
    const res = await request(t.app.getHttpServer())
      .post('/v1/pledges')
      .set('Authorization', `Bearer ${TOKENS.clerk}`)
      .send({ id: 'bad-range', by: ['US'], description: 'bad', themes: ['migration'], status: 'agreed', madeOn: { date: '2016/2012' }, source: SOURCE })
      .expect(400);
    expect(JSON.stringify(res.body.details)).toContain('madeOn');
    await get('/v1/pledges/bad-range', { minPosition: head }).expect(404);
  });

  it('agreement: a recommendation counts only from the change that says a government agreed, at that date; proposed, not_yet_assessed and a lapsed recommendation never', async () => {
    expect(theme(await row('US-a'), 'fentanyl')).toBeUndefined();
    expect(theme(await row('US-b'), 'fentanyl')).toMatchObject({ occasions: 1, pledges: 1, firstAgreedOn: '2018-04-02', firstOccasions: [{ occasion: 'document:us-rec.pdf', pledgeId: 'us-rec', attribution: 'certain' }] });
  });

  it('occasion: five pledges of one agenda on a theme are one occasion, and five pledges beside it', async () => {
    expect(theme(await row('US-a'), 'counter-narcotics')).toMatchObject({ occasions: 1, pledges: 5, firstOccasions: [{ meetingId: 'grp-1' }] });
    expect(theme(await row('US-a+MX-a'), 'counter-narcotics')).toMatchObject({ occasions: 1, pledges: 5 });
  });

  it('attribution: an academic author credits no administration, even once a government is said to agree', async () => {
    const academic = (await get('/v1/pledges/academic-rec', { asOf, minPosition: head }).expect(200)).body;
    expect(academic).toMatchObject({ status: 'agreed', countries: [], administrations: [], attribution: 'none', candidates: [] });
    const board = (await get('/v1/pledges', { administration: 'US-a', asOf, minPosition: head }).expect(200)).body.items.map((p: { id: string }) => p.id);
    expect(board).not.toContain('academic-rec');
    expect(board).toEqual(expect.arrayContaining(['us-rec', 'range-pledge']));
  });

  it('imprecise dates are intervals: "2012" spans the MX handover, "2012/2016" too; both are uncertain, with their candidates, and attribution=certain leaves them out', async () => {
    const meeting = (await get('/v1/meetings/grp-3', { asOf, minPosition: head }).expect(200)).body;
    expect(meeting).toMatchObject({ administrations: ['MX-a', 'MX-b', 'US-a'], attribution: 'uncertain', candidates: ['MX-a', 'MX-b'] });
    expect(theme(await row('MX-a'), 'cybersecurity')).toMatchObject({ occasions: 1, occasionsUncertain: 1 });
    expect(theme(await row('MX-b'), 'cybersecurity')).toMatchObject({ occasions: 1, occasionsUncertain: 1 });
    expect(theme(await row('US-a'), 'cybersecurity')).toMatchObject({ occasions: 1, occasionsUncertain: 0 });
    expect(theme(await row('MX-a', { attribution: 'certain' }), 'cybersecurity')).toBeUndefined();
    const span = (await get('/v1/pledges/span-pledge', { asOf, minPosition: head }).expect(200)).body;
    expect(span).toMatchObject({ madeOn: { date: '2012/2016' }, attribution: 'uncertain', candidates: ['MX-a', 'MX-b'] });
    // The range 2014-03/2014-05 lies wholly in US-a's term; it counts for asOf only once it is over.
    expect((await get('/v1/pledges/range-pledge', { asOf, minPosition: head }).expect(200)).body).toMatchObject({ administrations: ['US-a'], attribution: 'certain' });
    await get('/v1/pledges/range-pledge', { asOf: '2014-05-30', minPosition: head }).expect(404);
    await get('/v1/pledges/range-pledge', { asOf: '2014-05-31', minPosition: head }).expect(200);
    const certain = (await get('/v1/meetings', { administration: 'MX-a', attribution: 'certain', asOf, minPosition: head }).expect(200)).body.items.map((m: { id: string }) => m.id);
    expect(certain).toEqual(['grp-1']);
  });

  it('coverage: every answer says where the record ends; a handover or an inheritance after it reads beyond the record', async () => {
    const changes = (await get('/v1/reports/priority-changes', { country: 'US', asOf, minPosition: head }).expect(200)).body;
    expect(changes.coverage).toEqual({ from: '2011-05-10', to: '2018-04-02' });
    expect(changes.items.map((r: { key: string; record: string }) => [r.key, r.record])).toEqual([
      ['US-a>US-b', 'within the record'],
      ['US-b>US-c', 'beyond the record'],
    ]);
    const inherited = (await get('/v1/reports/inherited-commitments', { country: 'US', asOf, minPosition: head }).expect(200)).body.items;
    expect(inherited.map((r: { key: string; record: string }) => [r.key, r.record])).toEqual([
      ['US-a', 'within the record'],
      ['US-b', 'beyond the record'],
    ]);
    for (const path of ['/v1/pledges', '/v1/meetings', '/v1/reports/forum-activity', '/v1/administrations']) {
      expect((await get(path, { asOf, minPosition: head }).expect(200)).body.coverage).toEqual({ from: '2011-05-10', to: '2018-04-02' });
    }
  });

  it('forum activity: years from the establishment, and the sitting known by its number but not recorded', async () => {
    const [grp] = (await get('/v1/reports/forum-activity', { forum: 'grp', asOf, minPosition: head }).expect(200)).body.items;
    expect(grp.perYear[0]).toEqual({ year: 2010, meetings: 0, record: 'within the record' });
    expect(grp.perYear.find((y: { year: number }) => y.year === 2019)).toEqual({ year: 2019, meetings: 0, record: 'beyond the record' });
    expect(grp).toMatchObject({ establishedOn: '2010', unrecordedSequences: { count: 1, first: [2] }, longestGaps: [{ fromMeeting: 'grp-1', toMeeting: 'grp-3', unrecordedMeetings: 1 }] });
    expect(grp.silence).toMatchObject({ to: '2018-04-02', continuesBeyondRecord: true });
  });

  it('an ETag costs no recomputation and answers 304; a read that cannot reach minPosition in time says when to retry', async () => {
    const first = await get('/v1/reports/priorities-by-administration', { asOf, minPosition: head }).expect(200);
    const again = await request(t.app.getHttpServer()).get('/v1/reports/priorities-by-administration').query({ asOf }).set('If-None-Match', first.headers.etag).expect(304);
    expect(again.text).toBe('');
    const behind = await request(t.app.getHttpServer()).get('/v1/pledges').query({ minPosition: String(BigInt(head) + 1000n) }).expect(503);
    expect(behind.headers['retry-after']).toBe('1');
    expect(behind.body).toMatchObject({ code: 'READ_MODELS.BEHIND' });
  }, 15_000);
});
