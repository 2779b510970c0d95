import { fold } from '../decider';
import type { PledgeEvent } from './pledge.events';
import { pledgeDecider } from './pledge.decider';
import { pledgeMade, pledgeRetracted, statusChanged } from '../testing/pledge-fixtures';
import { currentStatus, pledgeTimeline, statusAt, statusBefore } from './pledge-timeline';

const state = (events: PledgeEvent[]) => fold(pledgeDecider, events);

// Made 2014-01-10 agreed; in progress "2015"; stalled 2015-06; fulfilled "2017-03"; a retracted lapse in 2016.
const history: PledgeEvent[] = [
  pledgeMade(),
  statusChanged('entry-a', 'agreed', 'in_progress', '2015'),
  statusChanged('entry-b', 'agreed', 'stalled', '2015-06'),
  statusChanged('entry-c', 'in_progress', 'lapsed', '2016'),
  { type: 'PledgeEntryRetracted', data: { pledgeId: 'scg-5-pledge-1', entryId: 'entry-c', entryKind: 'status_change', reason: 'misread the report' } },
  statusChanged('entry-d', 'in_progress', 'fulfilled', '2017-03'),
];

describe('Pledge timeline helpers (shared with the read side)', () => {
  it('lists non-retracted entries ordered by the end of their partial date', () => {
    expect(pledgeTimeline(state(history)).map((e) => [e.entryId, e.status])).toEqual([
      ['entry-b', 'stalled'],
      ['entry-a', 'in_progress'],
      ['entry-d', 'fulfilled'],
    ]);
  });

  it.each([
    ['2013-12-31', null],
    ['2014-01-09', null],
    ['2014-01-10', 'agreed'],
    ['2015-06-29', 'agreed'],
    ['2015-06-30', 'stalled'],
    ['2015-12-30', 'stalled'],
    ['2015-12-31', 'in_progress'],
    ['2016-12-31', 'in_progress'],
    ['2017-03', 'fulfilled'],
    ['2017', 'fulfilled'],
  ])('statusAt(%s) is %s', (asOf, expected) => {
    expect(statusAt(state(history), asOf)).toBe(expected);
  });

  it('gives the latest status, and the status each entry followed', () => {
    const s = state(history);
    expect(currentStatus(s)).toBe('fulfilled');
    expect(s.lifecycle !== 'absent' && statusBefore(s.pledge.initialStatus, s.pledge.statusEntries, 'entry-a')).toBe('stalled');
    expect(s.lifecycle !== 'absent' && statusBefore(s.pledge.initialStatus, s.pledge.statusEntries, 'entry-b')).toBe('agreed');
  });

  it('has no status for an absent or retracted pledge', () => {
    expect(statusAt(state([]), '2020')).toBeNull();
    expect(currentStatus(state([]))).toBeNull();
    expect(pledgeTimeline(state([]))).toEqual([]);
    expect(statusAt(state([...history, pledgeRetracted]), '2020')).toBeNull();
  });

  it('answers "as known at a time" by folding only the events recorded by then', () => {
    expect(currentStatus(state(history.slice(0, 4)))).toBe('lapsed');
    expect(currentStatus(state(history.slice(0, 5)))).toBe('in_progress');
  });
});
