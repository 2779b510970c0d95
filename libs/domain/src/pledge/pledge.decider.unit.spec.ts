import type { RecordMoneyFactInput, RecordPledgeInput } from '../ledger-inputs';
import { day, sourceInput, sourceRef } from '../testing/fixtures';
import { deciderSpec } from '../testing/given-when-then';
import { changeStatus, PLEDGE_ID, pledgeMade, pledgeRetracted, statusChanged } from '../testing/pledge-fixtures';
import { pledgeDecider } from './pledge.decider';
import type { MakePledge, RecordMoneyFact } from './pledge.commands';

const given = deciderSpec(pledgeDecider);
const made = pledgeMade();

const recordInput: RecordPledgeInput = {
  id: 'white-paper-2019-step-1',
  by: ['Wilson Center'],
  description: 'Create a new bilateral coordination group',
  themes: ['counter-narcotics', 'weapons-trafficking'],
  status: 'proposed',
  madeOn: { date: '2019-03', approximate: true, reasoning: 'the paper is dated spring 2019' },
  money: [{ firmness: 'pledged', amount: '1500000.50', currency: 'USD', asOf: { date: '2019' } }],
  source: sourceInput('we recommend'),
};

const fromDocument = (overrides: Record<string, unknown> = {}): MakePledge => ({
  type: 'MakePledge',
  data: { origin: 'document', input: { ...recordInput, ...overrides } as RecordPledgeInput },
});

const fromMinutes: MakePledge = {
  type: 'MakePledge',
  data: { origin: 'minutes', meetingId: 'scg-5', forum: 'scg', madeOn: day('2014-01-10'), pledge: (({ meetingId, forum, madeOn, ...p }) => p)(made.data) },
};

const moneyInput: RecordMoneyFactInput = {
  firmness: 'disbursed',
  amount: '1600000000',
  currency: 'USD',
  asOf: { date: '2017-09' },
  note: 'of 2.8 billion allocated',
  evidence: sourceInput('$1.6 billion disbursed'),
};
const recordMoney = (overrides: Record<string, unknown> = {}): RecordMoneyFact => ({
  type: 'RecordMoneyFact',
  data: { pledgeId: PLEDGE_ID, input: { ...moneyInput, ...overrides } as RecordMoneyFactInput },
});

describe('Pledge decider: making, status changes, money', () => {
  describe('given no pledge', () => {
    it('makes it from minutes, copying what the minutes recorded', () => {
      given([]).when(fromMinutes).then([made]);
    });

    it('records it from a document: no meeting, optionals normalized, money with entry ids and the pledge source', () => {
      const state = given([]).when(fromDocument()).then([
        {
          type: 'PledgeMade',
          data: {
            pledgeId: 'white-paper-2019-step-1',
            meetingId: null,
            forum: null,
            madeOn: { date: '2019-03', approximate: true, reasoning: 'the paper is dated spring 2019' },
            by: ['Wilson Center'],
            accountable: [],
            implementers: [],
            beneficiaries: [],
            description: 'Create a new bilateral coordination group',
            themes: ['counter-narcotics', 'weapons-trafficking'],
            dueDate: null,
            status: 'proposed',
            money: [{ entryId: 'entry-1', firmness: 'pledged', amount: '1500000.50', currency: 'USD', asOf: day('2019'), period: null, note: null, evidence: sourceRef('we recommend') }],
            source: sourceRef('we recommend'),
          },
        },
      ]);
      expect(state.lifecycle).toBe('recorded');
    });

    it('rejects an unknown forum or theme, naming it', () => {
      const knownForums = new Set(['scg']);
      const knownThemes = new Set(['counter-narcotics']);
      given([]).when(fromDocument({ forum: 'hlcg' }), { knownForums }).thenThrows('REFERENCE.UNKNOWN_FORUM', { forum: 'hlcg', field: 'forum' });
      given([]).when(fromDocument(), { knownThemes }).thenThrows('REFERENCE.UNKNOWN_THEME', { theme: 'weapons-trafficking', field: 'themes[1]' });
    });

    it.each([
      ['id', { id: 'Step 1' }],
      ['madeOn.date', { madeOn: { date: '2026' } }],
      ['madeOn.reasoning', { madeOn: { date: '2019', approximate: true } }],
      ['by', { by: [] }],
      ['description', { description: '' }],
      ['themes[0]', { themes: ['Counter Narcotics'] }],
      ['themes[1]', { themes: ['fentanyl', 'fentanyl'] }],
      ['status', { status: 'in_progress' }],
      ['dueDate.date', { dueDate: { date: '2019-02-30' } }],
      ['money[0].amount', { money: [{ ...recordInput.money![0], amount: '1,500,000' }] }],
      ['money[0].currency', { money: [{ ...recordInput.money![0], currency: 'usd' }] }],
      ['money[0].firmness', { money: [{ ...recordInput.money![0], firmness: 'promised' }] }],
      ['money[0].asOf.reasoning', { money: [{ ...recordInput.money![0], asOf: { date: '2019', approximate: true } }] }],
      ['source.quote', { source: { document: 'white-paper.txt' } }],
    ])('rejects an invalid %s', (field, overrides) => {
      given([]).when(fromDocument(overrides)).thenThrows('PLEDGE.INVALID', { field });
    });

    it.each([
      ['ChangePledgeStatus', changeStatus('in_progress', '2015')],
      ['RecordMoneyFact', recordMoney()],
    ])('cannot %s on a pledge that does not exist', (_, command) => {
      given([]).when(command).thenThrows('PLEDGE.NOT_FOUND', { id: PLEDGE_ID });
    });
  });

  describe('given a pledge', () => {
    it('refuses to make it again, from minutes or a document', () => {
      given([made]).when(fromMinutes).thenThrows('PLEDGE.ALREADY_EXISTS', { id: PLEDGE_ID });
      given([pledgeMade({ pledgeId: 'white-paper-2019-step-1' })]).when(fromDocument()).thenThrows('PLEDGE.ALREADY_EXISTS');
    });

    it('records a status change with its entry id, the status it follows, reason and evidence', () => {
      given([made]).when(changeStatus('in_progress', '2015-02')).then([statusChanged('entry-1', 'agreed', 'in_progress', '2015-02')]);
    });

    it.each([
      ['status', { status: 'done' }],
      ['effectiveOn.date', { effectiveOn: { date: '2030-01-01' } }],
      ['effectiveOn.reasoning', { effectiveOn: { date: '2015', approximate: true, reasoning: ' ' } }],
      ['reason', { reason: '' }],
      ['evidence.quote', { evidence: { document: 'report.pdf' } }],
      ['evidence', { evidence: undefined }],
    ])('rejects a status change with an invalid %s', (field, overrides) => {
      const command = changeStatus('in_progress', '2015');
      given([made])
        .when({ ...command, data: { ...command.data, input: { ...command.data.input, ...overrides } as typeof command.data.input } })
        .thenThrows('PLEDGE.INVALID', { field });
    });

    it('records a money fact with its firmness, amount, currency, date and evidence', () => {
      given([made]).when(recordMoney()).then([
        {
          type: 'PledgeMoneyFactRecorded',
          data: {
            pledgeId: PLEDGE_ID,
            entryId: 'entry-1',
            firmness: 'disbursed',
            amount: '1600000000',
            currency: 'USD',
            asOf: day('2017-09'),
            period: null,
            note: 'of 2.8 billion allocated',
            evidence: sourceRef('$1.6 billion disbursed'),
          },
        },
      ]);
    });

    it.each([
      ['amount', { amount: '1,600,000,000' }],
      ['amount', { amount: '1.6e9' }],
      ['amount', { amount: '-5' }],
      ['amount', { amount: '007' }],
      ['amount', { amount: 1600 }],
      ['currency', { currency: 'usd' }],
      ['currency', { currency: 'US$' }],
      ['firmness', { firmness: 'promised' }],
      ['asOf.date', { asOf: { date: '2099' } }],
      ['evidence', { evidence: undefined }],
      ['note', { note: '' }],
    ])('rejects a money fact with an invalid %s', (field, overrides) => {
      given([made]).when(recordMoney(overrides)).thenThrows('PLEDGE.INVALID', { field });
    });
  });

  describe('given a retracted pledge', () => {
    const history = [made, statusChanged('entry-1', 'agreed', 'in_progress', '2015'), pledgeRetracted];

    it.each([
      ['MakePledge', fromMinutes],
      ['ChangePledgeStatus', changeStatus('fulfilled', '2016')],
      ['RecordMoneyFact', recordMoney()],
    ])('refuses %s', (_, command) => {
      given(history).when(command).thenThrows('PLEDGE.RETRACTED', { id: PLEDGE_ID });
    });
  });
});
