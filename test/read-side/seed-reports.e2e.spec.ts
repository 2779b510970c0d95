import { EVENT_STORE, type EventStore } from '@concordat/event-store';
import { startTestApp, type TestApp } from '../support/test-app';
import { reader } from './support/read-api';

/**
 * The reports on the seed record (seeds/, loaded at start as `npm start` does), checked against
 * figures a reader of the source documents expects. Records are found by forum and theme, not
 * by seed ids, so that editing the seeds does not break this unless the facts change.
 */
describe('reports on the seed record', () => {
  let t: TestApp;
  let get: ReturnType<typeof reader>;
  let minPosition: string;
  beforeAll(async () => {
    t = await startTestApp({ SEED_ON_EMPTY: 'true' });
    get = reader(t.app);
    minPosition = (await t.app.get<EventStore>(EVENT_STORE).headPosition()).toString();
  });
  afterAll(async () => t.close());

  it('the SCG met under Obama and Peña Nieto, last in October 2017, then fell silent (white paper)', async () => {
    const res = await get('/v1/reports/forum-activity', { forum: 'us-mx-security-cooperation-group', asOf: '2019-12-31', minPosition }).expect(200);
    const [scg] = res.body.items;
    expect(scg).toMatchObject({ lastMeetingOn: '2017-10', daysSinceLastMeeting: 791 });
    expect(scg.perYear.filter((y: { year: number }) => y.year >= 2018)).toEqual([{ year: 2018, meetings: 0 }, { year: 2019, meetings: 0 }]);
    const meetings = await get('/v1/meetings', { forum: 'us-mx-security-cooperation-group', minPosition }).expect(200);
    const last = meetings.body.items[meetings.body.items.length - 1];
    expect(last.administrations).toEqual(['MX-pena-nieto', 'US-trump']);
    expect(meetings.body.items.slice(0, -1).every((m: { administrations: string[] }) => m.administrations.join() === 'MX-pena-nieto,US-obama')).toBe(true);
  });

  it('Mérida: $2.8 billion allocated and $1.6 billion disbursed are two facts, not one', async () => {
    const res = await get('/v1/pledges', { forum: 'merida-initiative', minPosition }).expect(200);
    const facts = res.body.items.flatMap((p: { money: Array<{ firmness: string; amount: string }> }) => p.money.map((m) => `${m.firmness}:${m.amount}`));
    expect(facts).toEqual(expect.arrayContaining(['allocated:2800000000', 'disbursed:1600000000']));
  });

  it('GC-Armas: suspended between 2012 and 2015, revived in 2016', async () => {
    const at = async (asOf: string) => (await get('/v1/pledges', { forum: 'gc-armas', theme: 'weapons-trafficking', asOf, minPosition }).expect(200)).body.items.map((p: { status: string }) => p.status);
    expect(await at('2014-12-31')).toContain('suspended');
    expect(await at('2016-12-31')).toContain('in_progress');
  });
});
