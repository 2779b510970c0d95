import Database from 'better-sqlite3';
import fc from 'fast-check';
import { effectiveEnd } from '@concordat/shared-kernel';
import type { MeetingView } from '../ledger-view/meeting.view';
import { summarizeMeetings } from '../reports/forum-activity';
import type { MeetingMark } from '../reports/report-source';
import { ForumRows, readyForumMeetings } from './forum-rows';
import { BLOCK_SIZE } from './forum-sequence-blocks';
import { READ_MODEL_SCHEMA } from './read-model-schema';

type Version = { slot: number; sequence: number | null; day: number; retracted: boolean };

const DAYS = ['2012', '2012-03', '2012-03-04', '2012-11-30', '2013', '2013-01-01', '2014/2015', '2015-06-30', '2016-12-31', '2017-10-12', '2012-07-15', '2012-03-20'];
const AS_OF = ['2012-02-29', '2012-03-04', '2012-03-31', '2012-11-30', '2012-12-31', '2013-06-01', '2015-12-31', '2016-12-31', '2025-06-01'];

function meeting(v: Version): MeetingView {
  return { entityKind: 'meeting', id: `m${v.slot}`, forum: 'scg', title: `Meeting ${v.slot}`, sequence: v.sequence, heldOn: { date: DAYS[v.day] }, retraction: v.retracted ? ({} as never) : null } as MeetingView;
}

function setUp() {
  const db = new Database(':memory:');
  db.exec(READ_MODEL_SCHEMA);
  const rows = new ForumRows(db);
  const query = <R>(sql: string, params: Record<string, string | number> = {}) => db.prepare(sql).all(params) as R[];
  const current = new Map<number, Version>();
  /** The summary of the counted meetings as of `asOf`, by the definition. */
  const expected = (asOf: string) => {
    const marks: MeetingMark[] = [...current.values()]
      .filter((m) => !m.retracted && effectiveEnd(DAYS[m.day]) <= asOf)
      .map((m) => ({ id: `m${m.slot}`, title: `Meeting ${m.slot}`, sequence: m.sequence, heldOn: DAYS[m.day] }))
      .sort((a, b) => (effectiveEnd(a.heldOn) + a.id < effectiveEnd(b.heldOn) + b.id ? -1 : 1));
    return { asOf, ...summarizeMeetings(marks) };
  };
  const store = (v: Version, at: number) => {
    rows.stored(meeting(v), { recordedAt: new Date(at).toISOString() });
    current.set(v.slot, v);
  };
  return { db, query, store, expected };
}

/**
 * Forum rows kept ready against the definition: after any sequence of meetings recorded,
 * corrected (date, number) and retracted, the summary read from the ready rows at any asOf equals
 * `summarizeMeetings` over the counted meetings as of that date. Numbers repeat, leave holes and
 * fill them again, and run against the order of dates; the wide ones lie on both sides of block
 * boundaries, and the many meetings on few days make buckets hold more gaps than they keep.
 */
describe('forum rows kept ready (gaps, years, sequence numbers and their holes)', () => {
  const small = fc.integer({ min: 1, max: 12 });
  const wide = fc.constantFrom(1, 2, 3, BLOCK_SIZE - 1, BLOCK_SIZE, BLOCK_SIZE + 1, 2 * BLOCK_SIZE - 1, 2 * BLOCK_SIZE, 3 * BLOCK_SIZE + 5);
  it.each([
    ['small numbers, few meetings', small, 7, 150],
    ['numbers across blocks, many meetings', wide, 13, 80],
  ])('equal the summary of the counted meetings at every asOf, now and as known at every instant (and 1 ms before), through additions, corrections and retractions (%s)', (_label, sequence, slots, numRuns) => {
    const version = fc.record({ slot: fc.nat({ max: slots }), sequence: fc.option(sequence), day: fc.nat({ max: DAYS.length - 1 }), retracted: fc.boolean() });
    fc.assert(
      fc.property(fc.array(version, { maxLength: 40 }), (versions) => {
        const { db, query, store, expected } = setUp();
        // Each version recorded at its own instant, some sharing one; every earlier state is asked again as known at its instant.
        const states: Array<{ at: number; expected: Map<string, unknown> }> = [];
        let at = 1_000;
        for (const v of versions) {
          at += v.slot % 3 === 0 ? 0 : 1;
          store(v, at);
          const state = { at, expected: new Map<string, unknown>() };
          if (states[states.length - 1]?.at === at) states.pop();
          states.push(state);
          for (const asOf of AS_OF) {
            state.expected.set(asOf, expected(asOf));
            expect({ asOf, ...readyForumMeetings(query, 'scg', asOf) }).toEqual(state.expected.get(asOf));
          }
        }
        for (const [i, { at: t, expected: then }] of states.entries()) {
          for (const asOf of AS_OF) {
            expect({ t, asOf, ...readyForumMeetings(query, 'scg', asOf, t) }).toEqual({ t, ...(then.get(asOf) as object) });
            // Just before the first instant nothing was known; just before a later one, the state before it.
            const before = i === 0 ? { asOf, ...summarizeMeetings([]) } : states[i - 1].expected.get(asOf);
            expect({ asOf, ...readyForumMeetings(query, 'scg', asOf, t - 1) }).toEqual(before);
          }
        }
        db.close();
      }),
      { numRuns },
    );
  });

  it('as known at T, keep the holes and the longest gaps of T when the numbers are filled and the gaps split after T', () => {
    const { query, store, expected } = setUp();
    // 2012-03-04 (no. 1) … 2017-10-12 (no. 2*BLOCK_SIZE): one long gap, and every number between them missing.
    store({ slot: 0, sequence: 1, day: 2, retracted: false }, 1_000);
    store({ slot: 1, sequence: 2 * BLOCK_SIZE, day: 9, retracted: false }, 1_000);
    const atT = expected('2025-06-01');
    expect(atT.longestGaps).toEqual([expect.objectContaining({ fromMeeting: 'm0', toMeeting: 'm1', unrecordedMeetings: 2 * BLOCK_SIZE - 2 })]);
    // After T: numbers on both sides of the block boundary are filled, and meetings split the gap.
    store({ slot: 2, sequence: BLOCK_SIZE - 1, day: 7, retracted: false }, 2_000);
    store({ slot: 3, sequence: BLOCK_SIZE, day: 5, retracted: false }, 2_000);
    store({ slot: 4, sequence: 2, day: 3, retracted: false }, 3_000);
    const now = expected('2025-06-01');
    expect(now.unrecordedSequences.count).toBe(2 * BLOCK_SIZE - 5);
    expect(now.longestGaps.map((g) => `${g.fromMeeting}-${g.toMeeting}`)).not.toContain('m0-m1');
    expect({ asOf: '2025-06-01', ...readyForumMeetings(query, 'scg', '2025-06-01') }).toEqual(now);
    expect({ asOf: '2025-06-01', ...readyForumMeetings(query, 'scg', '2025-06-01', 1_000) }).toEqual(atT);
    expect({ asOf: '2025-06-01', ...readyForumMeetings(query, 'scg', '2025-06-01', 2_999) }).toEqual(expectedAfter(2));
    // Numbers first carried after D are missing by D, as known then too.
    expect({ asOf: '2015-12-31', ...readyForumMeetings(query, 'scg', '2015-12-31', 2_000) }).toEqual(expectedAfter(2, '2015-12-31'));

    /** The state after the first `n` changes after T (by the definition, replayed afresh). */
    function expectedAfter(n: number, asOf = '2025-06-01') {
      const again = setUp();
      again.store({ slot: 0, sequence: 1, day: 2, retracted: false }, 1_000);
      again.store({ slot: 1, sequence: 2 * BLOCK_SIZE, day: 9, retracted: false }, 1_000);
      const later: Version[] = [
        { slot: 2, sequence: BLOCK_SIZE - 1, day: 7, retracted: false },
        { slot: 3, sequence: BLOCK_SIZE, day: 5, retracted: false },
      ];
      for (const v of later.slice(0, n)) again.store(v, 2_000);
      return again.expected(asOf);
    }
  });
});
