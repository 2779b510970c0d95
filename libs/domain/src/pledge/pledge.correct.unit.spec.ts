import type { PledgeEvent } from './pledge.events';
import { day, sourceRef } from '../testing/fixtures';
import { deciderSpec } from '../testing/given-when-then';
import { changeStatus, correctPledge, PLEDGE_ID, pledgeMade, pledgeRetracted, statusChanged } from '../testing/pledge-fixtures';
import { pledgeDecider } from './pledge.decider';
import { currentStatus, pledgeMoney, pledgeTimeline } from './pledge-timeline';

const given = deciderSpec(pledgeDecider);

const money = { entryId: 'money-1', firmness: 'allocated', amount: '2800000000', currency: 'USD', asOf: day('2017'), note: null, evidence: sourceRef() } as const;
const made = pledgeMade({ money: [money] });
const inProgress = statusChanged('entry-a', 'agreed', 'in_progress', '2015');
const fulfilled = statusChanged('entry-b', 'in_progress', 'fulfilled', '2017');
const history: PledgeEvent[] = [made, inProgress, fulfilled];

const entryCorrected = (entryId: string, changes: object, entryKind = 'status_change'): PledgeEvent =>
  ({ type: 'PledgeEntryCorrected', data: { pledgeId: PLEDGE_ID, entryId, reason: 'clerical error', entryKind, changes } }) as PledgeEvent;

describe('Pledge decider: corrections', () => {
  it('cannot correct a pledge that does not exist', () => {
    given([]).when(correctPledge({ retract: true })).thenThrows('PLEDGE.NOT_FOUND', { id: PLEDGE_ID });
  });

  describe('of the pledge itself', () => {
    it('records only the changed fields, normalized, with the reason', () => {
      const state = given(history)
        .when(correctPledge({ changes: { description: 'Set up a cybersecurity working group', dueDate: { date: '2030' } } }))
        .then([
          {
            type: 'PledgeCorrected',
            data: { pledgeId: PLEDGE_ID, reason: 'clerical error', changes: { description: 'Set up a cybersecurity working group', dueDate: day('2030') } },
          },
        ]);
      expect(state.lifecycle !== 'absent' && state.pledge.terms).toMatchObject({ description: 'Set up a cybersecurity working group', by: ['US', 'MX'] });
    });

    it('moves madeOn when the timeline still holds', () => {
      const state = given(history).when(correctPledge({ changes: { madeOn: { date: '2014-02-12' } } })).then([
        { type: 'PledgeCorrected', data: { pledgeId: PLEDGE_ID, reason: 'clerical error', changes: { madeOn: day('2014-02-12') } } },
      ]);
      expect(state.lifecycle !== 'absent' && state.pledge.madeOn).toEqual(day('2014-02-12'));
    });

    it('refuses a madeOn that would put status changes before the pledge', () => {
      given(history).when(correctPledge({ changes: { madeOn: { date: '2016-01' } } })).thenThrows('PLEDGE.INVALID', { field: 'changes.madeOn', entryId: 'entry-a' });
    });

    it('checks corrected themes against the known themes', () => {
      given(history)
        .when(correctPledge({ changes: { themes: ['cybersecurity', 'cyber'] } }), { knownThemes: new Set(['cybersecurity']) })
        .thenThrows('REFERENCE.UNKNOWN_THEME', { theme: 'cyber', field: 'changes.themes[1]' });
    });

    it.each([
      ['reason', { reason: ' ', changes: { description: 'x' } }],
      ['changes', {}],
      ['changes', { changes: {} }],
      ['changes.status', { changes: { status: 'fulfilled' } }],
      ['changes.pledgeId', { changes: { pledgeId: 'other' } }],
      ['changes.by', { changes: { by: [] } }],
      ['changes.madeOn.reasoning', { changes: { madeOn: { date: '2014', approximate: true } } }],
      ['retract', { changes: { description: 'x' }, retract: true }],
      ['entry', { changes: { description: 'x' }, entry: { id: 'entry-a', retract: true } }],
    ])('rejects an invalid %s', (field, input) => {
      given(history).when(correctPledge(input)).thenThrows('PLEDGE.INVALID', { field });
    });
  });

  describe('of a status change entry', () => {
    it('fixes its status when the timeline still holds', () => {
      const state = given(history)
        .when(correctPledge({ entry: { id: 'entry-b', status: 'partially_fulfilled' } }))
        .then([entryCorrected('entry-b', { status: 'partially_fulfilled' })]);
      expect(currentStatus(state)).toBe('partially_fulfilled');
    });

    it('re-validates the timeline: a fixed status that strands a later change is refused', () => {
      given(history)
        .when(correctPledge({ entry: { id: 'entry-a', status: 'withdrawn' } }))
        .thenThrows('PLEDGE.ILLEGAL_TRANSITION', { entryId: 'entry-b', currentStatus: 'withdrawn', attemptedStatus: 'fulfilled' });
    });

    it('re-validates the timeline: a moved date that reorders it illegally is refused', () => {
      given(history)
        .when(correctPledge({ entry: { id: 'entry-a', effectiveOn: { date: '2018' } } }))
        .thenThrows('PLEDGE.ILLEGAL_TRANSITION', { entryId: 'entry-a', currentStatus: 'fulfilled', attemptedStatus: 'in_progress' });
      given(history).when(correctPledge({ entry: { id: 'entry-a', effectiveOn: { date: '2013' } } })).thenThrows('PLEDGE.INVALID', { field: 'entry.effectiveOn' });
    });

    it('retracts it when the timeline still holds; it stays on record but leaves the timeline', () => {
      const state = given(history)
        .when(correctPledge({ entry: { id: 'entry-b', retract: true } }))
        .then([{ type: 'PledgeEntryRetracted', data: { pledgeId: PLEDGE_ID, entryId: 'entry-b', entryKind: 'status_change', reason: 'clerical error' } }]);
      expect(pledgeTimeline(state).map((e) => e.entryId)).toEqual(['entry-a']);
      expect(state.lifecycle !== 'absent' && state.pledge.statusEntries).toHaveLength(2);
    });

    it('refuses a retraction that breaks the timeline', () => {
      const proposed = [pledgeMade({ status: 'proposed' }), statusChanged('entry-a', 'proposed', 'agreed', '2015'), statusChanged('entry-b', 'agreed', 'in_progress', '2016')];
      given(proposed)
        .when(correctPledge({ entry: { id: 'entry-a', retract: true } }))
        .thenThrows('PLEDGE.ILLEGAL_TRANSITION', { entryId: 'entry-b', currentStatus: 'proposed', allowedNext: ['agreed', 'withdrawn', 'superseded', 'lapsed'] });
    });

    it('names an unknown entry id, and refuses to touch a retracted entry', () => {
      given(history).when(correctPledge({ entry: { id: 'entry-z', status: 'stalled' } })).thenThrows('PLEDGE.NOT_FOUND', { entryId: 'entry-z' });
      const retracted: PledgeEvent = { type: 'PledgeEntryRetracted', data: { pledgeId: PLEDGE_ID, entryId: 'entry-b', entryKind: 'status_change', reason: 'x' } };
      given([...history, retracted]).when(correctPledge({ entry: { id: 'entry-b', status: 'stalled' } })).thenThrows('PLEDGE.RETRACTED', { entryId: 'entry-b' });
    });

    it.each([
      ['entry', { id: 'entry-a' }],
      ['entry.id', { status: 'stalled' }],
      ['entry.amount', { id: 'entry-a', amount: '5' }],
      ['entry.status', { id: 'entry-a', status: 'done' }],
      ['entry.status', { id: 'entry-a', retract: true, status: 'stalled' }],
    ])('rejects an invalid %s', (field, entry) => {
      given(history).when(correctPledge({ entry: entry as { id: string } })).thenThrows('PLEDGE.INVALID', { field });
    });
  });

  describe('of a money fact entry', () => {
    it('fixes its amount', () => {
      const state = given(history).when(correctPledge({ entry: { id: 'money-1', amount: '2500000000' } })).then([entryCorrected('money-1', { amount: '2500000000' }, 'money_fact')]);
      // The fact was recorded without a period: it folds as unstated (null).
      expect(pledgeMoney(state)).toEqual([{ ...money, amount: '2500000000', period: null }]);
    });

    it('retracts it', () => {
      const state = given(history)
        .when(correctPledge({ entry: { id: 'money-1', retract: true } }))
        .then([{ type: 'PledgeEntryRetracted', data: { pledgeId: PLEDGE_ID, entryId: 'money-1', entryKind: 'money_fact', reason: 'clerical error' } }]);
      expect(pledgeMoney(state)).toEqual([]);
    });

    it.each([
      ['entry.status', { id: 'money-1', status: 'fulfilled' }],
      ['entry.currency', { id: 'money-1', currency: 'dollars' }],
      ['entry.amount', { id: 'money-1', amount: '2.8bn' }],
    ])('rejects an invalid %s', (field, entry) => {
      given(history).when(correctPledge({ entry: entry as { id: string } })).thenThrows('PLEDGE.INVALID', { field });
    });
  });

  describe('retracting the whole pledge', () => {
    it('records the retraction; the pledge no longer has a status', () => {
      const state = given(history).when(correctPledge({ retract: true, reason: 'duplicate entry' })).then([pledgeRetracted]);
      expect(state.lifecycle).toBe('retracted');
      expect(currentStatus(state)).toBeNull();
    });

    it('refuses anything afterwards', () => {
      given([...history, pledgeRetracted]).when(correctPledge({ retract: true })).thenThrows('PLEDGE.RETRACTED', { id: PLEDGE_ID });
      given([...history, pledgeRetracted]).when(correctPledge({ entry: { id: 'entry-a', retract: true } })).thenThrows('PLEDGE.RETRACTED');
      given([...history, pledgeRetracted]).when(changeStatus('superseded', '2018')).thenThrows('PLEDGE.RETRACTED');
    });
  });
});
