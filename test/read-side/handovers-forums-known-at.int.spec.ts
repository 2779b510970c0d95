import Database from 'better-sqlite3';
import fc from 'fast-check';
import { answerReport, type ReportSource } from '@concordat/read-models';
import { expectReplayAnswers, withLiveProjection } from './support/live-projection';
import { ADMINS, FORUMS, THEMES, stepArb, type Step } from './support/random-history';

const TODAY = '2025-06-01';

const later = fc.record({ yearsAfter: fc.integer({ min: -1, max: 8 }), month: fc.integer({ min: 0, max: 12 }), day: fc.integer({ min: 0, max: 28 }) });
const held = fc.record({ year: fc.integer({ min: 2007, max: 2023 }), month: fc.integer({ min: 0, max: 12 }), day: fc.integer({ min: 0, max: 28 }), span: fc.oneof({ arbitrary: fc.constant(0), weight: 4 }, { arbitrary: fc.integer({ min: 1, max: 2 }), weight: 1 }) });
const themes = fc.uniqueArray(fc.nat({ max: THEMES.length - 1 }), { minLength: 1, maxLength: 2 });
const pick = fc.nat({ max: 60 });

/** Every administration, forum and theme first, so that handovers and forums have something to count. */
const PRELUDE: Step[] = [...ADMINS.map((_, slot) => ({ kind: 'admin' as const, slot })), ...FORUMS.map((_, slot) => ({ kind: 'forum' as const, slot })), ...THEMES.map((_, slot) => ({ kind: 'theme' as const, slot }))];

/**
 * Histories heavy in what moves a handover's counts and a forum's rows over recorded time:
 * meetings with pledges (numbered, so that numbers repeat and leave holes), status changes and
 * their corrections and retractions (many retroactive), meetings renumbered, moved and
 * retracted, terms corrected, and time passing between them.
 */
const knownAtStepArb: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: stepArb, weight: 3 },
  {
    arbitrary: fc.record({
      kind: fc.constant('minutes' as const),
      forum: fc.nat({ max: FORUMS.length - 1 }),
      sequence: fc.option(fc.integer({ min: 1, max: 12 }), { freq: 4 }),
      heldOn: held,
      themes,
      pledges: fc.array(fc.record({ by: fc.nat({ max: 4 }), themes, status: fc.nat({ max: 2 }) }), { minLength: 1, maxLength: 3 }),
    }),
    weight: 5,
  },
  { arbitrary: fc.record({ kind: fc.constant('docPledge' as const), heldOn: held, by: fc.nat({ max: 4 }), themes, status: fc.nat({ max: 2 }) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('status' as const), pledge: pick, status: fc.nat({ max: 10 }), date: later }), weight: 10 },
  { arbitrary: fc.record({ kind: fc.constant('correctEntry' as const), pledge: pick, entry: pick, status: fc.option(fc.nat({ max: 10 })), date: fc.option(later) }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('retractEntry' as const), pledge: pick, entry: pick }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('retractPledge' as const), pledge: pick }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('correctMeeting' as const), meeting: pick, sequence: fc.option(fc.integer({ min: 1, max: 12 })), heldOn: fc.option(held), themes: fc.constant(null) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('retractMeeting' as const), meeting: pick }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('correctAdmin' as const), slot: pick, shiftDays: fc.integer({ min: -800, max: 800 }) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('tick' as const), ms: fc.integer({ min: 1, max: 86_400_000 }) }), weight: 6 },
);

function answers(source: ReportSource): string {
  return JSON.stringify([answerReport(source, 'inherited-commitments'), answerReport(source, 'forum-activity')]);
}

describe('inherited commitments and forum activity as known at an instant ≡ naive replay (property)', () => {
  const exercised = { instants: 0, closedCountVersionsSeen: 0, closedForumVersionsSeen: 0 };

  it('hold at every recorded instant (and 1 ms before it) across corrections, retractions and retroactive entries, at several asOf', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(knownAtStepArb, { minLength: 20, maxLength: 70, size: 'large' }),
        fc.integer({ min: 1, max: 25 }),
        fc.array(fc.constantFrom('2012-11-30', '2013-06-30', '2016-12-31', '2017-01-19', '2019-06-30', TODAY), { minLength: 1, maxLength: 2 }),
        async (steps, batchSize, asOfs) => {
          // Given a history projected live in batches of random size
          await withLiveProjection('handovers-forums-known-at', [...PRELUDE, ...steps], batchSize, (p) => {
            // When the two reports are asked as known at each recorded instant (and 1 ms before), Then they are the replay's answers
            expectReplayAnswers(p, p.instants, asOfs, TODAY, answers);
            noteWhatWasExercised(p.file, p.instants);
          });
        },
      ),
      { numRuns: 25 },
    );
  }, 240_000);

  /** Instants that see a count bucket's value, or a forum row, that a later event replaced. */
  function noteWhatWasExercised(file: string, instants: string[]): void {
    const db = new Database(file, { readonly: true });
    try {
      const countReplaced = db.prepare('SELECT EXISTS (SELECT 1 FROM handover_count_versions v WHERE v.from_at <= @t AND EXISTS (SELECT 1 FROM handover_count_versions w WHERE w.h = v.h AND w.b = v.b AND w.s = v.s AND w.from_at > @t)) AS seen');
      const forumReplaced = db.prepare('SELECT EXISTS (SELECT 1 FROM forum_marks WHERE from_at <= @t AND to_at > @t) AS seen');
      for (const t of instants) {
        exercised.closedCountVersionsSeen += (countReplaced.get({ t: Date.parse(t) }) as { seen: number }).seen;
        exercised.closedForumVersionsSeen += (forumReplaced.get({ t: Date.parse(t) }) as { seen: number }).seen;
      }
      exercised.instants += instants.length;
    } finally {
      db.close();
    }
  }

  it('was not vacuous: instants saw handover counts and forum rows that later events replaced', () => {
    expect(exercised.closedCountVersionsSeen).toBeGreaterThan(0);
    expect(exercised.closedForumVersionsSeen).toBeGreaterThan(0);
  });
});
