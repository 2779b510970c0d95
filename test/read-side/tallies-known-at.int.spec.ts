import Database from 'better-sqlite3';
import fc from 'fast-check';
import { answerReport, type ReportSource } from '@concordat/read-models';
import { expectReplayAnswers, withLiveProjection } from './support/live-projection';
import { THEMES, stepArb, type Step } from './support/random-history';

const TODAY = '2025-06-01';

/** Histories heavy in what moves a tally over recorded time: terms corrected, agreements corrected, retracted and made retroactively. */
const tallyStepArb: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: stepArb, weight: 8 },
  { arbitrary: fc.record({ kind: fc.constant('admin' as const), slot: fc.nat({ max: 5 }) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('correctAdmin' as const), slot: fc.nat({ max: 50 }), shiftDays: fc.integer({ min: -800, max: 800 }) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('retractMeeting' as const), meeting: fc.nat({ max: 50 }) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('retractPledge' as const), pledge: fc.nat({ max: 50 }) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('retractEntry' as const), pledge: fc.nat({ max: 50 }), entry: fc.nat({ max: 50 }) }), weight: 1 },
);

/** The tallied reports, whole and filtered the ways that change what a tally reads. */
function tallied(source: ReportSource): string {
  const answers = [
    answerReport(source, 'priorities-by-administration'),
    answerReport(source, 'priorities-by-administration', { attribution: 'certain' }),
    answerReport(source, 'priorities-by-administration', { theme: THEMES[1], kind: 'pair' }),
    answerReport(source, 'priority-changes'),
    answerReport(source, 'priority-changes', { attribution: 'certain' }),
  ];
  return JSON.stringify(answers);
}

describe('ready tallies as known at an instant ≡ naive replay (property)', () => {
  const exercised = { reopenedScopes: 0, closedVersionsSeen: 0, instants: 0 };

  it('holds at every recorded instant (and just before it) across term corrections, corrections and retractions, at several asOf', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(tallyStepArb, { minLength: 20, maxLength: 70, size: 'large' }),
        fc.integer({ min: 1, max: 25 }),
        // Handover days and the last and first days of years and months (where the tallies change bucket), and today.
        fc.array(fc.constantFrom('2012-11-30', '2012-12-01', '2012-12-31', '2013-01-01', '2016-11-30', '2016-12-01', '2016-12-31', '2017-01-01', '2017-01-19', '2017-01-20', '2019-06-30', TODAY), {
          minLength: 1,
          maxLength: 2,
        }),
        async (steps, batchSize, asOfs) => {
          // Given a history projected live in batches of random size
          await withLiveProjection('tallies-known-at', steps, batchSize, (p) => {
            // When the tallied reports are asked as known at each recorded instant (and 1 ms before), Then they are the replay's answers
            expectReplayAnswers(p, p.instants, asOfs, TODAY, tallied);
            noteWhatWasExercised(p.file, p.instants);
          });
        },
      ),
      { numRuns: 25 },
    );
  }, 180_000);

  /** What the histories made the tallies do: scopes reopened after a term changed, and instants that see item versions later closed. */
  function noteWhatWasExercised(file: string, instants: string[]): void {
    const db = new Database(file, { readonly: true });
    try {
      exercised.reopenedScopes += (db.prepare('SELECT COUNT(*) AS n FROM tally_scopes WHERE to_at IS NOT NULL').get() as { n: number }).n;
      const seesClosed = db.prepare('SELECT EXISTS (SELECT 1 FROM tally_items WHERE from_at <= ? AND to_at > ?) AS seen');
      for (const t of instants) exercised.closedVersionsSeen += (seesClosed.get(Date.parse(t), Date.parse(t)) as { seen: number }).seen;
      exercised.instants += instants.length;
    } finally {
      db.close();
    }
  }

  it('was not vacuous: terms changed under kept scopes, and instants saw tally versions that were later closed', () => {
    expect(exercised.reopenedScopes).toBeGreaterThan(0);
    // How many depends on the random histories (2-10 % of instants in trial runs): some, every run.
    expect(exercised.closedVersionsSeen).toBeGreaterThan(0);
  });
});
