import { EVENT_STORE, type EventStore } from '@concordat/event-store';
import { startTestApp, type TestApp } from '../support/test-app';
import { reader } from './support/read-api';

type Theme = { theme: string; occasions: number; occasionsUncertain: number; pledges: number; firstAgreedOn: string; lastAgreedOn: string; firstOccasions: Array<{ meetingId: string | null; pledgeId: string | null }> };
type Row = { key: string; themes: Theme[] };

/**
 * The reports on the seed record (seeds/, loaded at start as `npm start` does), checked against
 * what a reader of the five source documents expects, a few cases per counting rule. Records are
 * found by forum, theme and document, so that editing the seeds does not break this unless the
 * facts change.
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

  const priorities = async (query: Record<string, string>) => (await get('/v1/reports/priorities-by-administration', { asOf: '2019-12-31', limit: '100', minPosition, ...query }).expect(200)).body.items as Row[];
  const isRecommendation = (id: string | null) => id !== null && (id.startsWith('deck-') || id.startsWith('white-paper-'));

  it('agreements: the slide deck\'s next steps and the white paper\'s recommendations are nobody\'s agreement; the SCG\'s priorities are', async () => {
    const rows = await priorities({});
    const behind = rows.flatMap((r) => r.themes.flatMap((th) => th.firstOccasions.map((o) => o.pledgeId)));
    expect(behind.filter(isRecommendation)).toEqual([]);
    const proposed = (await get('/v1/pledges', { status: 'proposed', limit: '100', minPosition }).expect(200)).body.items as Array<{ id: string }>;
    expect(proposed.filter((p) => p.id.startsWith('white-paper-rec-'))).toHaveLength(9);
    // Obama's three counter-narcotics occasions: the third SCG meeting ("enhancing counter-narcotics efforts"), the fifth
    // ("stem heroin production"), and the drugs working group the presidents launched "in 2016" (the deck, one document).
    const obama = rows.find((r) => r.key === 'US-obama')!;
    expect(obama.themes.find((th) => th.theme === 'counter-narcotics')).toMatchObject({ occasions: 3, firstAgreedOn: '2015-02-26', lastAgreedOn: '2016' });
  });

  it('occasions: the 2017 Miami conference is one Central America occasion for Trump, however many of its pledges name the theme', async () => {
    const trump = (await priorities({ administration: 'US-trump', kind: 'administration' }))[0];
    const ca = trump.themes.find((th) => th.theme === 'central-america')!;
    // Its priority and two US pledges (the U.S. one, and the five-country one) on Central America: one occasion, two pledges.
    expect(ca.firstOccasions.filter((o) => o.meetingId === 'miami-conference-2017')).toHaveLength(1);
    expect(ca.pledges).toBeGreaterThanOrEqual(2);
    expect(ca.occasions).toBeLessThan(ca.pledges + 1);
    const meetings = (await get('/v1/meetings', { administration: 'US-obama', theme: 'counter-narcotics', asOf: '2019-12-31', minPosition }).expect(200)).body.items as Array<{ id: string }>;
    expect(meetings.map((m) => m.id)).toEqual(['scg-3', 'scg-5']);
  });

  it('attribution runs through country parties only: the academics\' and the deck author\'s recommendations are credited to no administration', async () => {
    const trump = (await get('/v1/pledges', { administration: 'US-trump', limit: '200', minPosition }).expect(200)).body.items as Array<{ id: string }>;
    expect(trump.filter((p) => isRecommendation(p.id))).toEqual([]);
    const deck = (await get('/v1/pledges/deck-next-step-3-eradication-and-fentanyl', { minPosition }).expect(200)).body;
    expect(deck).toMatchObject({ countries: [], administrations: [], attribution: 'none' });
  });

  it('imprecise dates are intervals: a fact dated "2012" may fall under Calderón or Peña Nieto, and says so', async () => {
    const calderon = (await get('/v1/pledges', { administration: 'MX-calderon', limit: '200', minPosition }).expect(200)).body.items as Array<{ madeOn: { date: string }; attribution: string; candidates: string[] }>;
    const of2012 = calderon.filter((p) => p.madeOn.date === '2012');
    expect(of2012.length).toBeGreaterThan(0);
    for (const p of of2012) expect(p).toMatchObject({ attribution: 'uncertain', candidates: expect.arrayContaining(['MX-calderon', 'MX-pena-nieto']) });
    const certain = (await get('/v1/pledges', { administration: 'MX-calderon', attribution: 'certain', limit: '200', minPosition }).expect(200)).body.items as Array<{ madeOn: { date: string } }>;
    expect(certain.filter((p) => p.madeOn.date === '2012')).toEqual([]);
    // The SCG's October 2017 meeting lies wholly inside Trump's and Peña Nieto's terms.
    const scg = (await get('/v1/meetings', { forum: 'us-mx-security-cooperation-group', minPosition }).expect(200)).body.items as Array<{ administrations: string[]; attribution: string }>;
    expect(scg[scg.length - 1]).toMatchObject({ administrations: ['MX-pena-nieto', 'US-trump'], attribution: 'certain' });
    expect(scg.slice(0, -1).every((m) => m.administrations.join() === 'MX-pena-nieto,US-obama')).toBe(true);
  });

  it('coverage: the record ends with the 2019 white paper; later handovers read beyond the record, not "dropped"', async () => {
    const changes = await get('/v1/reports/priority-changes', { country: 'US', asOf: '2024-06-30', minPosition }).expect(200);
    expect(changes.body.coverage).toMatchObject({ to: '2019-12-31' });
    const byKey = Object.fromEntries(changes.body.items.map((r: { key: string; record: string; dropped: unknown[] }) => [r.key, r]));
    expect(byKey['US-trump>US-biden']).toMatchObject({ record: 'beyond the record', dropped: [] });
    expect(byKey['US-obama>US-trump']).toMatchObject({ record: 'within the record', comparedUntil: '2019-12-31' });
    const inherited = await get('/v1/reports/inherited-commitments', { administration: 'US-trump', asOf: '2024-06-30', minPosition }).expect(200);
    expect(inherited.body.items[0]).toMatchObject({ record: 'beyond the record', open: 0 });
  });

  it('forum activity: the SCG, established in 2014, is known by its numbering to have met more often than recorded, and fell silent after October 2017', async () => {
    const res = await get('/v1/reports/forum-activity', { forum: 'us-mx-security-cooperation-group', asOf: '2019-12-31', minPosition }).expect(200);
    const [scg] = res.body.items;
    expect(scg).toMatchObject({ establishedOn: '2014', lastMeetingOn: '2017-10', unrecordedSequences: { count: 3, first: [1, 2, 4] } });
    expect(scg.perYear[0]).toEqual({ year: 2014, meetings: 0, record: 'within the record' });
    expect(scg.longestGaps[0]).toMatchObject({ fromMeeting: 'scg-3', toMeeting: 'scg-5', days: 617, unrecordedMeetings: 1 });
    expect(scg.silence).toMatchObject({ from: '2017-10-31', to: '2019-12-31', days: 791, continuesBeyondRecord: false });
    const later = (await get('/v1/reports/forum-activity', { forum: 'us-mx-security-cooperation-group', asOf: '2024-06-30', minPosition }).expect(200)).body.items[0];
    expect(later.silence).toMatchObject({ to: '2019-12-31', days: 791, continuesBeyondRecord: true });
    expect(later.perYear.filter((y: { year: number }) => y.year >= 2020).every((y: { record: string }) => y.record === 'beyond the record')).toBe(true);
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
