import Database from 'better-sqlite3';
import fc from 'fast-check';
import { effectiveEnd } from '@concordat/shared-kernel';
import type { MeetingView } from '../ledger-view/meeting.view';
import { summarizeMeetings } from '../reports/forum-activity';
import type { MeetingMark } from '../reports/report-source';
import { ForumRows, readyForumMeetings } from './forum-rows';
import { READ_MODEL_SCHEMA } from './read-model-schema';

type Version = { slot: number; sequence: number | null; day: number; retracted: boolean };

const DAYS = ['2012', '2012-03', '2012-03-04', '2012-11-30', '2013', '2013-01-01', '2014/2015', '2015-06-30', '2016-12-31', '2017-10-12'];
const AS_OF = ['2012-03-04', '2012-12-31', '2013-06-01', '2015-12-31', '2016-12-31', '2025-06-01'];

function meeting(v: Version): MeetingView {
  return { entityKind: 'meeting', id: `m${v.slot}`, forum: 'scg', title: `Meeting ${v.slot}`, sequence: v.sequence, heldOn: { date: DAYS[v.day] }, retraction: v.retracted ? ({} as never) : null } as MeetingView;
}

/**
 * Forum rows kept ready against the definition: after any sequence of meetings recorded,
 * corrected (date, number) and retracted, the summary read from the ready rows at any asOf equals
 * `summarizeMeetings` over the counted meetings as of that date. Numbers are small so that they
 * repeat, leave holes and fill them again, and run against the order of dates.
 */
describe('forum rows kept ready (gaps, years, sequence numbers and their holes)', () => {
  it('equal the summary of the counted meetings at every asOf, now and as known at every instant (and 1 ms before), through additions, corrections and retractions', () => {
    const version = fc.record({ slot: fc.nat({ max: 7 }), sequence: fc.option(fc.integer({ min: 1, max: 12 })), day: fc.nat({ max: DAYS.length - 1 }), retracted: fc.boolean() });
    fc.assert(
      fc.property(fc.array(version, { maxLength: 40 }), (versions) => {
        const db = new Database(':memory:');
        db.exec(READ_MODEL_SCHEMA);
        const rows = new ForumRows(db);
        const current = new Map<number, Version>();
        const query = <R>(sql: string, params: Record<string, string | number> = {}) => db.prepare(sql).all(params) as R[];
        // Each version recorded at its own instant, some sharing one; every earlier state is asked again as known at its instant.
        const states: Array<{ at: number; expected: Map<string, unknown> }> = [];
        let at = 1_000;
        for (const v of versions) {
          at += v.slot % 3 === 0 ? 0 : 1;
          rows.stored(meeting(v), { recordedAt: new Date(at).toISOString() });
          current.set(v.slot, v);
          const state = { at, expected: new Map<string, unknown>() };
          if (states[states.length - 1]?.at === at) states.pop();
          states.push(state);
          for (const asOf of AS_OF) {
            const marks: MeetingMark[] = [...current.values()]
              .filter((m) => !m.retracted && effectiveEnd(DAYS[m.day]) <= asOf)
              .map((m) => ({ id: `m${m.slot}`, title: `Meeting ${m.slot}`, sequence: m.sequence, heldOn: DAYS[m.day] }))
              .sort((a, b) => (effectiveEnd(a.heldOn) + a.id < effectiveEnd(b.heldOn) + b.id ? -1 : 1));
            const expected = { asOf, ...summarizeMeetings(marks) };
            // Both ways of finding the missing numbers: from the holes and the numbers carried after asOf, and walking the numbers.
            state.expected.set(asOf, expected);
            expect({ asOf, ...readyForumMeetings(query, 'scg', asOf) }).toEqual(expected);
            expect({ asOf, ...readyForumMeetings(query, 'scg', asOf, undefined, -1) }).toEqual(expected);
          }
        }
        for (const [i, { at: t, expected }] of states.entries()) {
          for (const asOf of AS_OF) {
            expect({ t, asOf, ...readyForumMeetings(query, 'scg', asOf, t) }).toEqual({ t, asOf, ...(expected.get(asOf) as object) });
            expect({ t, asOf, ...readyForumMeetings(query, 'scg', asOf, t, -1) }).toEqual({ t, asOf, ...(expected.get(asOf) as object) });
            // Just before the first instant nothing was known; just before a later one, the state before it.
            const before = i === 0 ? { asOf, ...summarizeMeetings([]) } : states[i - 1].expected.get(asOf);
            expect({ asOf, ...readyForumMeetings(query, 'scg', asOf, t - 1) }).toEqual(before);
          }
        }
        db.close();
      }),
      { numRuns: 150 },
    );
  });
});
