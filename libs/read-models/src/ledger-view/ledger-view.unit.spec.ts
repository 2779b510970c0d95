import { pledgeMade, statusChanged, PLEDGE_ID } from '@concordat/domain/testing/pledge-fixtures';
import { sourceRef } from '@concordat/domain/testing/fixtures';
import { RecordedLog } from '../testing/recorded-events';
import { entityKeyOf, evolveEntity, foldView } from './ledger-view';

const T1 = '2025-01-01T10:00:00.000Z';
const T2 = '2025-02-01T10:00:00.000Z';

describe('the ledger view: each entity folded from its own stream, with the trail of who recorded what when', () => {
  it('given a pledge with a status change, then a correction and a retraction of entries, the pledge keeps every entry with its trail', () => {
    const log = new RecordedLog();
    log.record('pledge', PLEDGE_ID, pledgeMade(), T1);
    log.record('pledge', PLEDGE_ID, statusChanged('entry-1', 'agreed', 'fulfilled', '2016-06-01'), T1);
    log.record('pledge', PLEDGE_ID, statusChanged('entry-2', 'fulfilled', 'partially_fulfilled', '2017'), T1);
    log.record('pledge', PLEDGE_ID, { type: 'PledgeEntryCorrected', data: { pledgeId: PLEDGE_ID, entryId: 'entry-1', reason: 'typo', entryKind: 'status_change', changes: { status: 'in_progress' } } }, T2, 'clerk-bo');
    log.record('pledge', PLEDGE_ID, { type: 'PledgeEntryRetracted', data: { pledgeId: PLEDGE_ID, entryId: 'entry-2', entryKind: 'status_change', reason: 'entered twice' } }, T2);

    const pledge = foldView(log.events).pledge.get(PLEDGE_ID)!;

    expect(pledge).toMatchObject({ revision: 4, initialStatus: 'agreed', retraction: null, recorded: { position: '1', recordedAt: T1, recordedBy: 'clerk-ana' } });
    expect(pledge.statusEntries.map((e) => [e.entryId, e.status, e.retracted])).toEqual([
      ['entry-1', 'in_progress', false],
      ['entry-2', 'partially_fulfilled', true],
    ]);
    expect(pledge.statusEntries[0].corrections).toEqual([{ eventId: 'event-4', position: '4', recordedAt: T2, recordedBy: 'clerk-bo', reason: 'typo', fields: ['status'] }]);
    expect(pledge.statusEntries[1].retraction).toMatchObject({ reason: 'entered twice', position: '5' });
  });

  it('given minutes, then a correction and a retraction, the meeting keeps its corrected facts and is flagged, not dropped', () => {
    const log = new RecordedLog();
    const minutes = {
      meetingId: 'scg-5', forum: 'scg', title: 'Fifth meeting', sequence: 5, heldOn: { date: '2016', approximate: true, reasoning: 'r' }, place: null, hostCountry: 'US',
      coChairs: [], delegations: [], summary: null, priorities: [{ theme: 'counter-narcotics', statement: 'stem heroin', source: sourceRef() }], source: sourceRef(),
      pledges: [{ ...pledgeMade().data, pledgeId: 'scg-5-pledge-1' }],
    };
    log.record('meeting', 'scg-5', { type: 'MinutesRecorded', data: minutes } as never, T1);
    log.record('meeting', 'scg-5', { type: 'MeetingCorrected', data: { meetingId: 'scg-5', reason: 'the source says Washington', changes: { place: 'Washington, D.C.' } } }, T2);
    log.record('meeting', 'scg-5', { type: 'MeetingRetracted', data: { meetingId: 'scg-5', reason: 'duplicate' } }, T2);

    const meeting = foldView(log.events).meeting.get('scg-5')!;

    expect(meeting).toMatchObject({ revision: 2, place: 'Washington, D.C.', pledgeIds: ['scg-5-pledge-1'], retraction: { reason: 'duplicate' } });
    expect(meeting.corrections.map((c) => c.fields)).toEqual([['place']]);
  });

  it('ignores streams it does not model, and events whose type does not belong to their stream', () => {
    expect(entityKeyOf({ streamId: 'idempotency-abc', type: 'IdempotentResponse' })).toBeNull();
    expect(entityKeyOf({ streamId: 'meeting-scg-5', type: 'PledgeMade' })).toBeNull();
    expect(entityKeyOf({ streamId: 'pledge-scg-5-pledge-1', type: 'PledgeMade' })).toEqual({ kind: 'pledge', id: 'scg-5-pledge-1' });
  });

  it('never mutates the entity it evolves (stored snapshots may share it)', () => {
    const log = new RecordedLog();
    const made = log.record('pledge', PLEDGE_ID, pledgeMade(), T1);
    const before = Object.freeze(evolveEntity('pledge', undefined, made)!);
    const changed = log.record('pledge', PLEDGE_ID, statusChanged('entry-1', 'agreed', 'in_progress', '2015'), T2);
    expect(() => evolveEntity('pledge', before, changed)).not.toThrow();
    expect(before).toMatchObject({ revision: 0, statusEntries: [] });
  });
});
