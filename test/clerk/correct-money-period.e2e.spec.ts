import { FIFTH_SCG_MINUTES } from '../../apps/ledger-api/src/clerk/meetings/minutes.example';
import { startTestApp, type TestApp } from '../support/test-app';
import { reader } from '../read-side/support/read-api';
import { clerk, ledgerEvents, quote, seedReferenceData, storeOf } from './clerk-fixtures';

const pledgeId = 'us-mx-security-cooperation-group-5-pledge-1';
const FY2008_17 = { kind: 'fiscal-years', from: '2008', to: '2017' };
const FY2008 = { kind: 'fiscal-years', from: '2008', to: '2008' };

describe('clerk API: correcting a money fact\'s period (real app, embedded store)', () => {
  let t: TestApp;
  let total: string;
  let single: string;
  beforeAll(async () => {
    t = await startTestApp();
    await seedReferenceData(t.app);
    expect((await clerk(t.app).post('/v1/meetings', FIFTH_SCG_MINUTES)).status).toBe(201);
    const money = async (amount: string, period?: object) => {
      const res = await clerk(t.app).post(`/v1/pledges/${pledgeId}/money-facts`, { firmness: 'allocated', amount, currency: 'USD', asOf: { date: '2017-09-30' }, ...(period ? { period } : {}), evidence: quote('allocated') });
      expect(res.status).toBe(201);
      return res.body.entryIds[0] as string;
    };
    total = await money('2800000000', FY2008_17);
    single = await money('400000000'); // entered without its period: it cannot be told apart from the total
  });
  afterAll(async () => t.close());

  const allocated = async (position: string) => {
    const res = await reader(t.app)(`/v1/pledges/${pledgeId}`, { minPosition: position, asOf: '2025-01-01' }).expect(200);
    return { money: res.body.money, total: res.body.moneyTotals.find((x: { firmness: string }) => x.firmness === 'allocated') };
  };

  it('given FY 2008 entered without a period, when the clerk corrects its period to FY 2008, then the event carries it and the board lists it within FY 2008-17', async () => {
    const res = await clerk(t.app).post(`/v1/pledges/${pledgeId}/corrections`, { reason: 'The white paper gives this for FY 2008', entry: { id: single, period: FY2008 } });
    expect(res.status).toBe(201);
    const stream = await storeOf(t.app).readStream(`pledge-${pledgeId}`);
    expect(stream[stream.length - 1]).toMatchObject({ type: 'PledgeEntryCorrected', data: { entryId: single, changes: { period: { kind: 'fiscal-years', from: '2008', to: '2008' } } } });
    const after = await allocated(res.body.position);
    expect(after.money.find((m: { entryId: string }) => m.entryId === single).period).toEqual(FY2008);
    expect(after.total).toMatchObject({ amount: '2800000000', counted: [total], within: [{ entryId: single, countedIn: total }], overlapping: [] });
  });

  it.each([
    ['an unknown period kind', { kind: 'quarterly', from: '2008', to: '2008' }, 400, 'entry.period.kind'],
    ['a period whose from is not a date', { kind: 'span', from: 12, to: '2008' }, 400, 'entry.period.from'],
    ['a period that ends before it starts', { kind: 'fiscal-years', from: '2017', to: '2008' }, 422, 'entry.period.from'],
  ])('refuses %s with a 4xx naming the field (400 for the shape, 422 for the domain rule), and writes nothing', async (_what, period, status, field) => {
    const before = await ledgerEvents(t.app);
    const res = await clerk(t.app).post(`/v1/pledges/${pledgeId}/corrections`, { reason: 'x', entry: { id: single, period } });
    expect(res.status).toBe(status);
    expect(JSON.stringify(res.body)).toContain(field);
    expect(await ledgerEvents(t.app)).toEqual(before);
  });
});
