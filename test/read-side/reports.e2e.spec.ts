import request from 'supertest';
import { EVENT_STORE, type EventStore } from '@concordat/event-store';
import { startTestApp, TOKENS, type TestApp } from '../support/test-app';
import { LedgerWriter } from './support/ledger-writer';
import { reader, sleep } from './support/read-api';
import { CYBER_PLEDGE, GC_ARMAS_PLEDGE, MERIDA_PLEDGE, SCG, SCG3, SCG5, SCG6, SCG_CONTINUITY_PLEDGE, writeScgDataset } from './support/scg-dataset';

type Theme = { theme: string; occasions: number; firstAgreedOn: string; lastAgreedOn: string; firstOccasions: Array<{ meetingId: string | null }> };

describe('reports over HTTP, the rebuild endpoint and /health (real app, embedded store)', () => {
  let t: TestApp;
  let get: ReturnType<typeof reader>;
  let head: string;

  beforeAll(async () => {
    t = await startTestApp();
    get = reader(t.app);
    head = (await writeScgDataset(new LedgerWriter(t.app.get<EventStore>(EVENT_STORE)), () => sleep(2))).lastPosition.toString();
    await get('/v1/themes', { minPosition: head }).expect(200);
  });
  afterAll(async () => t.close());

  const themes = (row: { themes: Theme[] }) => Object.fromEntries(row.themes.map((x) => [x.theme, [x.occasions, x.firstAgreedOn, x.lastAgreedOn]]));

  it('priorities by administration: the SCG themes fall in Obama\'s and Peña Nieto\'s terms, and in their pair', async () => {
    const res = await get('/v1/reports/priorities-by-administration', { administration: 'US-obama', asOf: '2019-12-31' }).expect(200);
    expect(res.body.items.map((r: { key: string }) => r.key)).toEqual(['US-obama', 'US-obama+MX-calderon', 'US-obama+MX-pena-nieto']);
    const [obama, withCalderon, withPena] = res.body.items;
    expect(themes(obama)).toMatchObject({
      'counter-narcotics': [2, '2015', '2016'],
      'human-smuggling': [2, '2015', '2016'],
      cybersecurity: [1, '2015', '2015'],
      'weapons-trafficking': [1, '2011', '2011'],
      'trade-facilitation': [1, '2016', '2016'],
    });
    expect(obama.themes[0]).toMatchObject({ theme: 'counter-narcotics', firstOccasions: [{ meetingId: SCG3 }, { meetingId: SCG5 }] });
    expect(res.body.coverage).toEqual({ from: '2008-01-01', to: '2019-12-31' });
    expect(themes(withCalderon)).toEqual({ 'weapons-trafficking': [1, '2011', '2011'] });
    expect(withPena).toMatchObject({ from: '2012-12-01', to: '2017-01-19', countries: ['US', 'MX'] });
    expect(themes(withPena)['counter-narcotics']).toEqual([2, '2015', '2016']);
    const pairs = await get('/v1/reports/priorities-by-administration', { kind: 'pair', theme: 'counter-narcotics', limit: 50 }).expect(200);
    expect(pairs.body.items.every((r: { kind: string; themes: Theme[] }) => r.kind === 'pair' && r.themes.every((x) => x.theme === 'counter-narcotics'))).toBe(true);
  });

  it('priority changes: at the Obama → Trump handover every SCG theme was dropped (the SCG met once more, agreeing nothing recorded), within the record', async () => {
    const res = await get('/v1/reports/priority-changes', { country: 'US', asOf: '2019-12-31' }).expect(200);
    const handover = res.body.items.find((r: { key: string }) => r.key === 'US-obama>US-trump');
    expect(handover).toMatchObject({ handoverOn: '2017-01-20', record: 'within the record', comparedUntil: '2019-12-31', continued: [], added: [] });
    expect(handover.dropped.map((s: { theme: string }) => s.theme)).toContain('counter-narcotics');
    expect(handover.dropped.find((s: { theme: string }) => s.theme === 'counter-narcotics').before).toMatchObject({ occasions: 2, firstOccasions: [{ meetingId: SCG3 }, { meetingId: SCG5 }] });
    // The record ends in 2019: the next handover is not a finding either way.
    const later = await get('/v1/reports/priority-changes', { country: 'US', asOf: '2022-06-30' }).expect(200);
    expect(later.body.items.find((r: { key: string }) => r.key === 'US-trump>US-biden')).toMatchObject({ record: 'beyond the record', continued: [], added: [], dropped: [] });
  });

  it('inherited commitments: what Obama left open, and what became of it under Trump, read no later than the record\'s last day', async () => {
    const res = await get('/v1/reports/inherited-commitments', { administration: 'US-obama', asOf: '2022-06-30' }).expect(200);
    const [row] = res.body.items;
    expect(row).toMatchObject({ endedOn: '2017-01-19', successor: { id: 'US-trump' }, record: 'within the record', open: 4, outcomeOn: '2019-12-31', outcomeRecord: 'beyond the record' });
    expect(row.outcomes).toEqual([{ status: 'agreed', pledges: 1 }, { status: 'in_progress', pledges: 2 }, { status: 'lapsed', pledges: 1 }]);
    expect(row.pledges.map((p: { id: string; statusAtHandover: string; outcome: string }) => [p.id, p.statusAtHandover, p.outcome])).toEqual([
      [MERIDA_PLEDGE, 'agreed', 'agreed'],
      [GC_ARMAS_PLEDGE, 'in_progress', 'in_progress'],
      [CYBER_PLEDGE, 'in_progress', 'in_progress'],
    ]);
    // The rest through the board, as of the handover: the list the row names holds all four, the SCG's continuity pledge among them.
    const listed = await get(row.list.split('?')[0], Object.fromEntries(new URLSearchParams(row.list.split('?')[1]))).expect(200);
    expect(listed.body.items.map((p: { id: string }) => p.id)).toEqual([MERIDA_PLEDGE, GC_ARMAS_PLEDGE, CYBER_PLEDGE, SCG_CONTINUITY_PLEDGE]);
  });

  it('forum activity: the SCG met in 2015, 2016 and October 2017, then fell silent; its numbering shows sittings the record lacks', async () => {
    const res = await get('/v1/reports/forum-activity', { forum: SCG, asOf: '2019-12-31' }).expect(200);
    const [scg] = res.body.items;
    expect(scg).toMatchObject({ meetingCount: 3, firstMeetingOn: '2015', lastMeetingOn: '2017-10', longestGapDays: 366, gapCount: 2, unrecordedSequences: { count: 3, first: [1, 2, 4] } });
    expect(scg.perYear).toEqual([2015, 2016, 2017, 2018, 2019].map((year) => ({ year, meetings: year <= 2017 ? 1 : 0, record: 'within the record' })));
    expect(scg.longestGaps).toEqual([
      { fromMeeting: SCG3, toMeeting: SCG5, from: '2015-12-31', to: '2016-12-31', days: 366, unrecordedMeetings: 1 },
      { fromMeeting: SCG5, toMeeting: SCG6, from: '2016-12-31', to: '2017-10-31', days: 304, unrecordedMeetings: 0 },
    ]);
    expect(scg.silence).toEqual({ fromMeeting: SCG6, from: '2017-10-31', to: '2019-12-31', days: 791, continuesBeyondRecord: false });
    expect(scg.list).toBe(`/v1/meetings?forum=${SCG}&asOf=2019-12-31`);
  });

  it('reads its own write: the position a clerk\'s write answers with, passed as minPosition', async () => {
    const minutes = { forum: SCG, title: 'Seventh meeting (test)', sequence: 7, heldOn: { date: '2018-03' }, priorities: [{ theme: 'fentanyl', statement: 'interdict fentanyl' }], source: { document: '003_5582343594f94d18.txt', quote: 'the frequency of its meetings has declined' } };
    const write = await request(t.app.getHttpServer()).post('/v1/meetings').set('Authorization', `Bearer ${TOKENS.clerk}`).send(minutes).expect(201);
    const res = await get(`/v1/meetings/${SCG}-7`, { minPosition: write.body.position }).expect(200);
    expect(res.body).toMatchObject({ title: 'Seventh meeting (test)', themes: ['fentanyl'], administrations: ['MX-pena-nieto', 'US-trump'] });
  });

  it('rebuild: admin only; the rebuilt read models answer byte for byte like the live ones', async () => {
    await request(t.app.getHttpServer()).post('/v1/admin/projections/rebuild').expect(401);
    await request(t.app.getHttpServer()).post('/v1/admin/projections/rebuild').set('Authorization', `Bearer ${TOKENS.clerk}`).expect(403);
    const paths = ['/v1/pledges', '/v1/meetings', '/v1/reports/priorities-by-administration', '/v1/reports/inherited-commitments', '/v1/reports/forum-activity'];
    const before = await Promise.all(paths.map((p) => get(p, { asOf: '2024-06-30' }).then((r) => r.text)));
    const res = await request(t.app.getHttpServer()).post('/v1/admin/projections/rebuild').set('Authorization', `Bearer ${TOKENS.admin}`).expect(200);
    expect(res.body).toMatchObject({ status: 'completed', position: expect.stringMatching(/^\d+$/) });
    const after = await Promise.all(paths.map((p) => get(p, { asOf: '2024-06-30' }).then((r) => r.text)));
    expect(after).toEqual(before);
  });

  it('rebuild with wait=false answers 202 at once and finishes in the background; a bad wait is 400', async () => {
    const admin = () => request(t.app.getHttpServer()).post('/v1/admin/projections/rebuild').set('Authorization', `Bearer ${TOKENS.admin}`);
    expect((await admin().query({ wait: 'maybe' }).expect(400)).body.details[0].field).toBe('wait');
    const res = await admin().query({ wait: 'false' }).expect(202);
    expect(res.body).toMatchObject({ status: 'started', finishedAt: null, position: null });
    for (let i = 0; i < 100; i++) {
      const health = await request(t.app.getHttpServer()).get('/health');
      if (!health.body.details.projections['ledger-view'].rebuilding) break;
      await sleep(20);
    }
    await get('/v1/pledges', { minPosition: head }).expect(200);
  });

  it('/health reports the projection\'s checkpoint, the head and the lag', async () => {
    const res = await request(t.app.getHttpServer()).get('/health').expect(200);
    expect(res.body.details.projections).toMatchObject({ status: 'up', 'ledger-view': { state: 'live', lag: 0, rebuilding: false, checkpoint: expect.stringMatching(/^\d+$/) } });
    expect(res.body.details.projections['ledger-view'].checkpoint).toBe(res.body.details.projections['ledger-view'].head);
  });
});
