import { pledgeMade, statusChanged, PLEDGE_ID } from '@concordat/domain/testing/pledge-fixtures';
import { day } from '@concordat/domain/testing/fixtures';
import { RecordedLog } from '../testing/recorded-events';
import { statusOn } from './effective-view';
import { viewAt } from './view-at';

const T1 = '2025-01-01T10:00:00.000Z';
const T2 = '2025-02-01T10:00:00.000Z';
const T3 = '2025-03-01T10:00:00.000Z';

/** Made "in 2014" (known to the year only), rated in progress in 2015, then stalled "in 2016-10" — recorded later, retroactively. */
function history(): RecordedLog {
  const log = new RecordedLog();
  log.record('pledge', PLEDGE_ID, pledgeMade({ madeOn: { date: '2014', approximate: true, reasoning: 'the post says last year' } }), T1);
  log.record('pledge', PLEDGE_ID, statusChanged('entry-1', 'agreed', 'in_progress', '2015-03-01'), T1);
  log.record('pledge', PLEDGE_ID, statusChanged('entry-2', 'in_progress', 'stalled', '2016-10'), T2);
  log.record('pledge', PLEDGE_ID, { type: 'PledgeEntryCorrected', data: { pledgeId: PLEDGE_ID, entryId: 'entry-1', reason: 'wrong day', entryKind: 'status_change', changes: { effectiveOn: day('2015-09-01') } } }, T3);
  return log;
}

describe('as of a date, as known at a time (the naive replay every projection answer must equal)', () => {
  it('counts an imprecise date at the END of its period: "2014" is not there on 2014-12-30, and is on 2014-12-31', () => {
    const events = history().events;
    expect(viewAt(events, { asOf: '2014-12-30' }).pledges).toEqual([]);
    expect(viewAt(events, { asOf: '2014-12-31' }).pledges.map((p) => p.status)).toEqual(['agreed']);
    // "2016-10" counts from 2016-10-31, not from 2016-10-01.
    expect(viewAt(events, { asOf: '2016-10-30' }).pledges[0].status).toBe('in_progress');
    expect(viewAt(events, { asOf: '2016-10-31' }).pledges[0].status).toBe('stalled');
  });

  it('shows the retroactive change only once it was recorded, and the corrected date only after the correction', () => {
    const events = history().events;
    expect(viewAt(events, { asOf: '2017-01-01', knownAt: T1 }).pledges[0].status).toBe('in_progress');
    expect(viewAt(events, { asOf: '2017-01-01', knownAt: T2 }).pledges[0].status).toBe('stalled');
    expect(viewAt(events, { asOf: '2015-06-30', knownAt: T2 }).pledges[0].status).toBe('in_progress');
    const corrected = viewAt(events, { asOf: '2015-06-30', knownAt: T3 }).pledges[0];
    expect(corrected.status).toBe('agreed');
    expect(corrected.timeline.map((s) => [s.status, s.previousStatus])).toEqual([['agreed', null]]);
  });

  it('builds the history with each step\'s previous status, and answers the status on any earlier date', () => {
    const pledge = viewAt(history().events, { asOf: '2020-01-01' }).pledges[0];
    expect(pledge.timeline.map((s) => [s.entryId, s.previousStatus, s.status, s.effectiveOn.date])).toEqual([
      [null, null, 'agreed', '2014'],
      ['entry-1', 'agreed', 'in_progress', '2015-09-01'],
      ['entry-2', 'in_progress', 'stalled', '2016-10'],
    ]);
    expect([statusOn(pledge, '2013-12-31'), statusOn(pledge, '2015-12-31'), statusOn(pledge, '2019-01-01')]).toEqual([null, 'in_progress', 'stalled']);
  });

  it('hides an administration\'s end recorded in advance until it happens', () => {
    const log = new RecordedLog();
    const source = { document: 'public-record', locator: null, quote: null, note: null };
    log.record('administration', 'US-obama', { type: 'AdministrationRegistered', data: { administrationId: 'US-obama', country: 'US', leader: 'Barack Obama', startedOn: '2009-01-20', endedOn: '2017-01-19', source } }, T1);
    expect(viewAt(log.events, { asOf: '2016-12-31' }).administrations[0].endedOn).toBeNull();
    expect(viewAt(log.events, { asOf: '2017-01-19' }).administrations[0].endedOn).toBe('2017-01-19');
    expect(viewAt(log.events, { asOf: '2009-01-19' }).administrations).toEqual([]);
  });
});
