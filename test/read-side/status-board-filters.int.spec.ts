import Database from 'better-sqlite3';
import fc from 'fast-check';
import { PLEDGE_STATUSES } from '@concordat/domain';
import { answerReport, type ReportSource } from '@concordat/read-models';
import { expectReplayAnswers, withLiveProjection } from './support/live-projection';
import { ADMINS, FORUMS, THEMES, stepArb, type Step } from './support/random-history';

const TODAY = '2025-06-01';

const PRELUDE: Step[] = [...ADMINS.map((_, slot) => ({ kind: 'admin' as const, slot })), ...FORUMS.map((_, slot) => ({ kind: 'forum' as const, slot })), ...THEMES.map((_, slot) => ({ kind: 'theme' as const, slot }))];

/**
 * The board's status filter reads the status intervals kept ready (`status_board`) with the
 * board's other filter columns beside them. Each status with each of those filters (and a second
 * page), now and as known at every instant, is the replay's answer.
 */
function answers(source: ReportSource): string {
  const out: unknown[] = [];
  for (const status of PLEDGE_STATUSES) {
    for (const filters of [{ country: 'MX' }, { party: 'DHS' }, { forum: 'scg', theme: 'fentanyl' }, { administration: 'US-alpha' }, { administration: 'US-beta', attribution: 'certain' as const }, { madeFrom: '2012-01-01', madeTo: '2019-12-31' }]) {
      const first = answerReport(source, 'pledges', { status: [status], ...filters }, { limit: 2 });
      out.push(first);
      if (first.page.nextCursor) out.push(answerReport(source, 'pledges', { status: [status], ...filters }, { limit: 2, cursor: first.page.nextCursor }));
    }
  }
  return JSON.stringify(out);
}

describe('the board by one status with its other filters ≡ naive replay (property)', () => {
  const exercised = { instants: 0, pledgeRowsReplaced: 0 };

  it('holds now and at every recorded instant (and 1 ms before it), at several asOf', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(stepArb, { minLength: 15, maxLength: 50, size: 'large' }),
        fc.integer({ min: 1, max: 20 }),
        fc.array(fc.constantFrom('2013-06-30', '2016-12-31', '2019-06-30', TODAY), { minLength: 1, maxLength: 2 }),
        async (steps, batchSize, asOfs) => {
          await withLiveProjection('status-board-filters', [...PRELUDE, ...steps], batchSize, (p) => {
            expectReplayAnswers(p, [undefined, ...p.instants], asOfs, TODAY, answers);
            noteWhatWasExercised(p.file, p.instants);
          });
        },
      ),
      { numRuns: 15 },
    );
  }, 240_000);

  /** Instants that see a pledge row a later event replaced: the filter columns must be those in force then. */
  function noteWhatWasExercised(file: string, instants: string[]): void {
    const db = new Database(file, { readonly: true });
    try {
      const replaced = db.prepare('SELECT EXISTS (SELECT 1 FROM pledge_rows WHERE rec_from_at <= @t AND rec_to_at > @t) AS seen');
      for (const t of instants) exercised.pledgeRowsReplaced += (replaced.get({ t }) as { seen: number }).seen;
      exercised.instants += instants.length;
    } finally {
      db.close();
    }
  }

  it('was not vacuous: instants saw pledge rows that later events replaced', () => {
    expect(exercised.pledgeRowsReplaced).toBeGreaterThan(0);
  });
});
