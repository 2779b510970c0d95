import type { MoneyPeriodInput, RecordMoneyFactInput } from '../ledger-inputs';
import { sourceInput } from '../testing/fixtures';
import { deciderSpec } from '../testing/given-when-then';
import { PLEDGE_ID, pledgeMade } from '../testing/pledge-fixtures';
import type { MoneyPeriod } from '../common/values';
import { moneyPeriodDays } from './money-period';
import { addDecimals, totalMoneyByFirmness, type CountableMoneyFact } from './money-totals';
import { pledgeDecider } from './pledge.decider';
import { pledgeMoney } from './pledge-timeline';

const given = deciderSpec(pledgeDecider);
const made = pledgeMade();

const record = (period: unknown) => ({
  type: 'RecordMoneyFact' as const,
  data: {
    pledgeId: PLEDGE_ID,
    input: { firmness: 'allocated', amount: '2800000000', currency: 'USD', asOf: { date: '2017-09-30' }, period, evidence: sourceInput('USD$2.8 billion') } as RecordMoneyFactInput,
  },
});

const fiscal = (from: string, to = from): MoneyPeriod => ({ kind: 'fiscal-years', from, to });
const fact = (entryId: string, amount: string, period: MoneyPeriod | null | undefined, firmness: CountableMoneyFact['firmness'] = 'allocated', currency = 'USD'): CountableMoneyFact =>
  period === undefined ? { entryId, firmness, amount, currency } : { entryId, firmness, amount, currency, period };

describe('money fact periods', () => {
  it.each<[string, MoneyPeriodInput, MoneyPeriod]>([
    ['one fiscal year', { kind: 'fiscal-years', from: '2008', to: '2008' }, { kind: 'fiscal-years', from: '2008', to: '2008' }],
    ['a span of fiscal years', { kind: 'fiscal-years', from: '2008', to: '2017' }, { kind: 'fiscal-years', from: '2008', to: '2017' }],
    ['a span of calendar years', { kind: 'span', from: '2014', to: '2016' }, { kind: 'span', from: '2014', to: '2016' }],
    ['to date, since a year', { kind: 'to-date', from: '2008', to: '2017' }, { kind: 'to-date', from: '2008', to: '2017' }],
    ['to date, start unstated', { kind: 'to-date', to: '2015-02-26' }, { kind: 'to-date', from: null, to: '2015-02-26' }],
    ['unstated', { kind: 'unstated' }, { kind: 'unstated', from: null, to: null }],
  ])('records %s', (_, input, period) => {
    const state = given([made]).when(record(input)).then([expect.objectContaining({ type: 'PledgeMoneyFactRecorded', data: expect.objectContaining({ period }) })]);
    expect(pledgeMoney(state)[0].period).toEqual(period);
  });

  it('records no period as null, and reads a fact from before periods existed as unstated', () => {
    given([made]).when(record(undefined)).then([expect.objectContaining({ data: expect.objectContaining({ period: null }) })]);
    expect(moneyPeriodDays(undefined)).toEqual({ from: null, to: null });
  });

  it.each([
    ['period', 'FY2008'],
    ['period.kind', { kind: 'annual' }],
    ['period.from', { kind: 'fiscal-years', to: '2017' }],
    ['period.from', { kind: 'fiscal-years', from: '2008-10', to: '2017' }],
    ['period.from', { kind: 'fiscal-years', from: '2018', to: '2017' }],
    ['period.to', { kind: 'to-date', from: '2008' }],
    ['period.from', { kind: 'span', from: '2016', to: '2014' }],
    ['period.from', { kind: 'span', from: '2017', to: '2017-06' }],
    ['period.from', { kind: 'span', from: '2012/2014', to: '2016' }],
    ['period.to', { kind: 'unstated', to: '2017' }],
  ])('names the field of a bad period: %s', (field, period) => {
    given([made]).when(record(period)).thenThrows('PLEDGE.INVALID', { field });
  });

  it('turns U.S. fiscal years into the days they cover', () => {
    expect(moneyPeriodDays(fiscal('2008', '2017'))).toEqual({ from: '2007-10-01', to: '2017-09-30' });
    expect(moneyPeriodDays({ kind: 'span', from: '2014', to: '2016' })).toEqual({ from: '2014-01-01', to: '2016-12-31' });
    expect(moneyPeriodDays({ kind: 'to-date', from: null, to: '2015-02' })).toEqual({ from: null, to: '2015-02-28' });
  });
});

describe('totalMoneyByFirmness', () => {
  it('never adds a cumulative total to the single-year amounts inside it, and adds the years outside it', () => {
    const [allocated] = totalMoneyByFirmness([fact('fy2008', '400000000', fiscal('2008')), fact('fy2008-17', '2800000000', fiscal('2008', '2017')), fact('fy2018', '153000000', fiscal('2018'))]);
    expect(allocated).toEqual({
      firmness: 'allocated',
      currency: 'USD',
      amount: '2953000000',
      counted: ['fy2008-17', 'fy2018'],
      within: [{ entryId: 'fy2008', countedIn: 'fy2008-17' }],
      overlapping: [],
      covers: { from: '2007-10-01', to: '2018-09-30' },
    });
  });

  it('adds one of two overlapping accounts of the same money (the wider, then the earlier-starting), and says which it left out', () => {
    const deck = fact('deck', '2600000000', { kind: 'to-date', from: '2008', to: '2017' });
    const paper = fact('paper', '2800000000', fiscal('2008', '2017'));
    for (const order of [[deck, paper], [paper, deck]]) {
      const [allocated] = totalMoneyByFirmness(order);
      expect(allocated).toMatchObject({ amount: '2800000000', counted: ['paper'], overlapping: [{ entryId: 'deck', overlaps: 'paper' }] });
    }
  });

  it('adds a cumulative figure with an unstated start only when nothing counted could overlap it', () => {
    const early = fact('to-2015', '500000000', { kind: 'to-date', from: null, to: '2015-02-26' });
    expect(totalMoneyByFirmness([early, fact('fy2018', '153000000', fiscal('2018'))])[0]).toMatchObject({ amount: '653000000', counted: ['fy2018', 'to-2015'], covers: { from: null, to: '2018-09-30' } });
    expect(totalMoneyByFirmness([early, fact('fy2008-17', '2800000000', fiscal('2008', '2017'))])[0]).toMatchObject({
      amount: '2800000000',
      overlapping: [{ entryId: 'to-2015', overlaps: 'fy2008-17' }],
    });
  });

  it('counts one fact of unknown period (none given, or recorded before periods existed) and never a second', () => {
    expect(totalMoneyByFirmness([fact('only', '53000000', { kind: 'unstated', from: null, to: null })])[0]).toMatchObject({ amount: '53000000', counted: ['only'] });
    const [pledged] = totalMoneyByFirmness([fact('old-1', '10', undefined, 'pledged'), fact('old-2', '20', null, 'pledged')]);
    expect(pledged).toMatchObject({ amount: '20', counted: ['old-2'], overlapping: [{ entryId: 'old-1', overlaps: 'old-2' }] });
  });

  it('keeps firmnesses and currencies apart, in the ledger order of firmness', () => {
    const totals = totalMoneyByFirmness([
      fact('spent', '1600000000', fiscal('2008', '2017'), 'disbursed'),
      fact('mxn', '1000', fiscal('2010'), 'allocated', 'MXN'),
      fact('usd', '400000000', fiscal('2008')),
      fact('asked', '460000000', fiscal('2018'), 'pledged'),
    ]);
    expect(totals.map((t) => [t.firmness, t.currency, t.amount])).toEqual([
      ['pledged', 'USD', '460000000'],
      ['allocated', 'MXN', '1000'],
      ['allocated', 'USD', '400000000'],
      ['disbursed', 'USD', '1600000000'],
    ]);
  });

  it('adds decimal strings exactly', () => {
    expect(addDecimals(['1500000.50', '0.25', '3'])).toBe('1500003.75');
    expect(addDecimals(['0.1', '0.2'])).toBe('0.3');
    expect(addDecimals([])).toBe('0');
  });
});
