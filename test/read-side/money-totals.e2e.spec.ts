import { EVENT_STORE, type EventStore } from '@concordat/event-store';
import type { RecordMoneyFactInput, SourceInput } from '@concordat/domain';
import { startTestApp, type TestApp } from '../support/test-app';
import { LedgerWriter } from './support/ledger-writer';
import { reader, sleep } from './support/read-api';

const PLEDGE = 'merida-us-security-assistance';
const WHITE_PAPER = '003_5582343594f94d18.txt';
const evidence = (quote: string): SourceInput => ({ document: WHITE_PAPER, quote });

type MoneyItem = { entryId: string; amount: string; period: unknown };
type Total = { firmness: string; currency: string; amount: string; counted: string[]; within: Array<{ entryId: string; countedIn: string }>; overlapping: unknown[]; covers: unknown };

describe('commitments board money: a single fiscal year inside a cumulative total is not added to it (real app, embedded store)', () => {
  let t: TestApp;
  let get: ReturnType<typeof reader>;
  let head: string;
  const entry: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp();
    get = reader(t.app);
    const w = new LedgerWriter(t.app.get<EventStore>(EVENT_STORE));
    await w.execute('forum', 'merida-initiative', { type: 'RegisterForum', data: { id: 'merida-initiative', name: 'Mérida Initiative', kind: 'initiative', parties: ['US', 'MX'], source: { document: 'public-record', note: 'test' } } });
    await w.execute('pledge', PLEDGE, {
      type: 'MakePledge',
      data: { origin: 'document', input: { id: PLEDGE, forum: 'merida-initiative', by: ['US'], beneficiaries: ['MX'], description: 'U.S. security assistance to Mexico', themes: ['organized-crime'], status: 'agreed', madeOn: { date: '2007' }, source: evidence('The 2007 Mérida Initiative') } },
    });
    const money = async (key: string, input: RecordMoneyFactInput) => {
      const { events } = await w.execute('pledge', PLEDGE, { type: 'RecordMoneyFact', data: { pledgeId: PLEDGE, input } });
      entry[key] = (events[0].data as unknown as { entryId: string }).entryId;
    };
    // Given the white paper's FY 2008 amount and its FY 2008-17 total, both allocated, and the $1.6B disbursed out of it.
    await money('fy2008', { firmness: 'allocated', amount: '400000000', currency: 'USD', asOf: { date: '2008-09-30' }, period: { kind: 'fiscal-years', from: '2008', to: '2008' }, evidence: evidence('to USD$400 million in FY 2008') });
    await money('fy2008-17', { firmness: 'allocated', amount: '2800000000', currency: 'USD', asOf: { date: '2017-09-30' }, period: { kind: 'fiscal-years', from: '2008', to: '2017' }, evidence: evidence('between FY 2008-17, the United States Congress has allocated USD$2.8 billion') });
    await money('fy2018', { firmness: 'allocated', amount: '153000000', currency: 'USD', asOf: { date: '2018-09-30' }, period: { kind: 'fiscal-years', from: '2018', to: '2018' }, evidence: evidence('Funded at USD$153 million in FY 2018') });
    await money('disbursed', { firmness: 'disbursed', amount: '1600000000', currency: 'USD', asOf: { date: '2019' }, evidence: evidence('of which USD$1.6 billion has been disbursed') });
    head = (await t.app.get<EventStore>(EVENT_STORE).headPosition()).toString();
    await sleep(5);
  });
  afterAll(async () => t.close());

  const allocated = (totals: Total[]) => totals.find((x) => x.firmness === 'allocated');

  it('the board and the detail list each money fact with its period, and the allocated total adds FY 2008-17 and FY 2018 but not FY 2008, which lies inside FY 2008-17', async () => {
    const board = await get('/v1/pledges', { minPosition: head, asOf: '2025-01-01' }).expect(200);
    const detail = await get(`/v1/pledges/${PLEDGE}`, { minPosition: head, asOf: '2025-01-01' }).expect(200);
    const knownNow = await get(`/v1/pledges/${PLEDGE}`, { minPosition: head, asOf: '2025-01-01', knownAt: new Date().toISOString() }).expect(200);
    for (const item of [board.body.items[0], detail.body, knownNow.body]) {
      expect(item.money.map((m: MoneyItem) => [m.amount, m.period])).toEqual([
        ['400000000', { kind: 'fiscal-years', from: '2008', to: '2008' }],
        ['2800000000', { kind: 'fiscal-years', from: '2008', to: '2017' }],
        ['153000000', { kind: 'fiscal-years', from: '2018', to: '2018' }],
        ['1600000000', null],
      ]);
      expect(allocated(item.moneyTotals)).toEqual({
        firmness: 'allocated',
        currency: 'USD',
        amount: '2953000000', // 2.8B for FY 2008-17 plus FY 2018's 153M; FY 2008's 400M lies inside the 2.8B
        counted: [entry['fy2008-17'], entry.fy2018],
        within: [{ entryId: entry.fy2008, countedIn: entry['fy2008-17'] }],
        overlapping: [],
        covers: { from: '2007-10-01', to: '2018-09-30' },
      });
      expect(item.moneyTotals.map((x: Total) => [x.firmness, x.amount])).toEqual([['allocated', '2953000000'], ['disbursed', '1600000000']]);
    }
  });

  it('as of 2010 only FY 2008 has passed: it is counted on its own', async () => {
    const at2010 = await get(`/v1/pledges/${PLEDGE}`, { minPosition: head, asOf: '2010-12-31' }).expect(200);
    expect(at2010.body.moneyTotals).toEqual([
      { firmness: 'allocated', currency: 'USD', amount: '400000000', counted: [entry.fy2008], within: [], overlapping: [], covers: { from: '2007-10-01', to: '2008-09-30' } },
    ]);
  });
});
