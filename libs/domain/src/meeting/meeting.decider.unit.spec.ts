import { fold } from '../decider';
import type { RecordMinutesInput } from '../ledger-inputs';
import { pledgeDecider } from '../pledge/pledge.decider';
import { makePledgeCommandsFromMinutes } from '../pledge/pledges-from-minutes';
import { resolveMeetingId } from '../stream-ids';
import { day, sourceInput, sourceRef } from '../testing/fixtures';
import { deciderSpec, testContext } from '../testing/given-when-then';
import { meetingDecider } from './meeting.decider';
import type { MeetingEvent, MinutesRecorded } from './meeting.events';

const given = deciderSpec(meetingDecider);
const knownForums = new Set(['scg']);
const knownThemes = new Set(['cybersecurity', 'weapons-trafficking', 'counter-narcotics']);

const minutes: RecordMinutesInput = {
  forum: 'scg',
  title: 'Fifth meeting of the Security Cooperation Group',
  sequence: 5,
  heldOn: { date: '2016-10-14' },
  place: 'Mexico City',
  hostCountry: 'MX',
  coChairs: [{ name: 'Jeh Johnson', country: 'US', title: 'Secretary of Homeland Security' }],
  delegations: [{ country: 'MX', agencies: ['SEGOB', 'PGR'] }],
  priorities: [
    { theme: 'weapons-trafficking', statement: 'stop the southbound flow of arms' },
    { theme: 'cybersecurity', statement: 'a working group on cyber', source: sourceInput('cyber', 'other.txt') },
  ],
  pledges: [
    { by: ['US', 'MX'], description: 'Create a cybersecurity working group', themes: ['cybersecurity'], status: 'agreed' },
    {
      id: 'scg-5-gc-armas',
      by: ['US'],
      implementers: ['ATF'],
      description: 'Share firearms tracing data',
      themes: ['weapons-trafficking'],
      status: 'not_yet_assessed',
      dueDate: { date: '2017' },
      money: [{ firmness: 'committed', amount: '20000000', currency: 'USD', asOf: { date: '2016-10' } }],
    },
  ],
  source: sourceInput('the fifth meeting'),
};

const terms = { accountable: [], implementers: [], beneficiaries: [], dueDate: null, money: [], source: sourceRef('the fifth meeting') };
const recorded: MinutesRecorded = {
  type: 'MinutesRecorded',
  data: {
    meetingId: 'scg-5',
    forum: 'scg',
    title: 'Fifth meeting of the Security Cooperation Group',
    sequence: 5,
    heldOn: day('2016-10-14'),
    place: 'Mexico City',
    hostCountry: 'MX',
    coChairs: [{ name: 'Jeh Johnson', title: 'Secretary of Homeland Security', country: 'US', organization: null }],
    delegations: [{ country: 'MX', agencies: ['SEGOB', 'PGR'], note: null }],
    summary: null,
    priorities: [
      { theme: 'weapons-trafficking', statement: 'stop the southbound flow of arms', source: sourceRef('the fifth meeting') },
      { theme: 'cybersecurity', statement: 'a working group on cyber', source: sourceRef('cyber', 'other.txt') },
    ],
    pledges: [
      { ...terms, pledgeId: 'scg-5-pledge-1', by: ['US', 'MX'], description: 'Create a cybersecurity working group', themes: ['cybersecurity'], status: 'agreed' },
      {
        ...terms,
        pledgeId: 'scg-5-gc-armas',
        by: ['US'],
        implementers: ['ATF'],
        description: 'Share firearms tracing data',
        themes: ['weapons-trafficking'],
        status: 'not_yet_assessed',
        dueDate: day('2017'),
        money: [{ entryId: 'entry-1', firmness: 'committed', amount: '20000000', currency: 'USD', asOf: day('2016-10'), period: null, note: null, evidence: sourceRef('the fifth meeting') }],
      },
    ],
    source: sourceRef('the fifth meeting'),
  },
};

const record = (overrides: Record<string, unknown> = {}) => ({ type: 'RecordMinutes', data: { ...minutes, ...overrides } as RecordMinutesInput }) as const;
const correct = (input: Record<string, unknown>) =>
  ({ type: 'CorrectMeeting', data: { meetingId: 'scg-5', input: { reason: 'misread the date', ...input } } }) as const;
const retracted: MeetingEvent = { type: 'MeetingRetracted', data: { meetingId: 'scg-5', reason: 'not a meeting of the SCG' } };
const pledge = (i: number, overrides: Record<string, unknown>) => ({ pledges: [{ ...minutes.pledges![i], ...overrides }] });

describe('Meeting decider', () => {
  describe('given no meeting', () => {
    it('records the whole minutes: resolved ids, priorities and pledges citing the minutes unless sourced', () => {
      given([]).when(record(), { knownForums, knownThemes }).then([recorded]);
    });

    it('resolves the meeting id from the forum and sequence, else the date, unless given', () => {
      expect(resolveMeetingId(minutes)).toBe('scg-5');
      expect(resolveMeetingId({ ...minutes, sequence: undefined })).toBe('scg-2016-10-14');
      expect(resolveMeetingId({ ...minutes, id: 'scg-fifth' })).toBe('scg-fifth');
      const [event] = meetingDecider.decide(record({ sequence: undefined }), meetingDecider.initialState(), testContext());
      expect(event.type === 'MinutesRecorded' && [event.data.meetingId, ...event.data.pledges.map((p) => p.pledgeId)]).toEqual([
        'scg-2016-10-14',
        'scg-2016-10-14-pledge-1',
        'scg-5-gc-armas',
      ]);
    });

    it('rejects an unknown forum or theme, naming it and where it was used', () => {
      given([]).when(record({ forum: 'hlcg' }), { knownForums }).thenThrows('REFERENCE.UNKNOWN_FORUM', { forum: 'hlcg', field: 'forum' });
      given([]).when(record(), { knownThemes: new Set(['cybersecurity']) }).thenThrows('REFERENCE.UNKNOWN_THEME', { theme: 'weapons-trafficking', field: 'priorities[0].theme' });
      given([])
        .when(record({ priorities: [] }), { knownThemes: new Set(['weapons-trafficking']) })
        .thenThrows('REFERENCE.UNKNOWN_THEME', { theme: 'cybersecurity', field: 'pledges[0].themes[0]' });
    });

    it('rejects two pledges under one id (an explicit id may collide with a default one)', () => {
      given([])
        .when(record({ pledges: [minutes.pledges![0], { ...minutes.pledges![1], id: 'scg-5-pledge-1' }] }))
        .thenThrows('MEETING.INVALID', { field: 'pledges[1].id', pledgeId: 'scg-5-pledge-1', firstUsedBy: 'pledges[0]' });
    });

    it.each([
      ['forum', { forum: 'SCG' }],
      ['heldOn.date', { heldOn: { date: '2031-01-01' } }],
      ['heldOn.reasoning', { heldOn: { date: '2016-10', approximate: true } }],
      ['sequence', { sequence: 0 }],
      ['id', { id: 'SCG 5' }],
      ['id', { id: '' }],
      ['id', { id: 5 }],
      ['title', { title: '' }],
      ['hostCountry', { hostCountry: 'MEX' }],
      ['coChairs[0].country', { coChairs: [{ name: 'Jeh Johnson', country: 'usa' }] }],
      ['delegations[0].agencies[1]', { delegations: [{ country: 'MX', agencies: ['PGR', ''] }] }],
      ['priorities[0].statement', { priorities: [{ theme: 'cybersecurity', statement: '' }] }],
      ['source.quote', { source: { document: 'minutes.txt' } }],
      ['pledges', { pledges: 'none' }],
      ['pledges[0].status', pledge(0, { status: 'fulfilled' })],
      ['pledges[0].by', pledge(0, { by: [] })],
      ['pledges[0].themes[0]', pledge(0, { themes: ['Cyber Security'] })],
      ['pledges[0].dueDate.reasoning', pledge(0, { dueDate: { date: '2018', approximate: true } })],
      ['pledges[0].money[0].amount', pledge(1, { money: [{ ...minutes.pledges![1].money![0], amount: '20 million' }] })],
      ['pledges[0].money[0].currency', pledge(1, { money: [{ ...minutes.pledges![1].money![0], currency: 'EURO' }] })],
      ['pledges[0].money[0].source.quote', pledge(1, { money: [{ ...minutes.pledges![1].money![0], source: { document: 'x.txt' } }] })],
    ])('rejects an invalid %s', (field, overrides) => {
      given([]).when(record(overrides)).thenThrows('MEETING.INVALID', { field });
    });

    it('cannot correct or retract minutes that were never recorded', () => {
      given([]).when(correct({ retract: true })).thenThrows('MEETING.NOT_FOUND', { id: 'scg-5' });
    });
  });

  describe('given recorded minutes', () => {
    it('refuses to record them again', () => {
      given([recorded]).when(record()).thenThrows('MEETING.ALREADY_EXISTS', { id: 'scg-5' });
    });

    it('records a correction; corrected priorities cite the corrected source', () => {
      const state = given([recorded])
        .when(correct({ changes: { heldOn: { date: '2016-10-13' }, priorities: [{ theme: 'fentanyl', statement: 'x' }], source: sourceInput('q', 'new.txt') } }))
        .then([
          {
            type: 'MeetingCorrected',
            data: {
              meetingId: 'scg-5',
              reason: 'misread the date',
              changes: { heldOn: day('2016-10-13'), priorities: [{ theme: 'fentanyl', statement: 'x', source: sourceRef('q', 'new.txt') }], source: sourceRef('q', 'new.txt') },
            },
          },
        ]);
      expect(state).toMatchObject({ lifecycle: 'recorded', facts: { heldOn: day('2016-10-13'), place: 'Mexico City' } });
    });

    it('checks corrected priorities against the known themes', () => {
      given([recorded])
        .when(correct({ changes: { priorities: [{ theme: 'fentanyl', statement: 'x' }] } }), { knownThemes })
        .thenThrows('REFERENCE.UNKNOWN_THEME', { theme: 'fentanyl', field: 'changes.priorities[0].theme' });
    });

    it('retracts the minutes', () => {
      const state = given([recorded]).when(correct({ retract: true, reason: 'not a meeting of the SCG' })).then([retracted]);
      expect(state).toMatchObject({ lifecycle: 'retracted', pledgeIds: ['scg-5-pledge-1', 'scg-5-gc-armas'] });
    });

    it.each([
      ['reason', { reason: '', retract: true }],
      ['changes', {}],
      ['changes', { changes: {} }],
      ['retract', { retract: true, changes: { title: 'x' } }],
      ['changes.forum', { changes: { forum: 'hlcg' } }],
      ['changes.pledges', { changes: { pledges: [] } }],
      ['changes.heldOn.date', { changes: { heldOn: { date: '2099' } } }],
      ['changes.sequence', { changes: { sequence: 2.5 } }],
    ])('rejects an invalid %s', (field, input) => {
      given([recorded]).when(correct(input)).thenThrows('MEETING.INVALID', { field });
    });

    it('carries everything needed to create the pledge streams', () => {
      const commands = makePledgeCommandsFromMinutes(recorded);
      const made = commands.map((command) => pledgeDecider.decide(command, fold(pledgeDecider, []), testContext()));
      expect(made.map((events) => events.map((e) => e.data))).toEqual(
        recorded.data.pledges.map((p) => [{ ...p, meetingId: 'scg-5', forum: 'scg', madeOn: day('2016-10-14') }]),
      );
    });
  });

  describe('given retracted minutes', () => {
    it.each([
      ['RecordMinutes', record()],
      ['CorrectMeeting', correct({ changes: { title: 'x' } })],
    ])('refuses %s', (_, command) => {
      given([recorded, retracted]).when(command).thenThrows('MEETING.RETRACTED', { id: 'scg-5' });
    });
  });
});
