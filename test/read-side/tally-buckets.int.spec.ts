import Database from 'better-sqlite3';
import { answerReport, type ReportSource } from '@concordat/read-models';
import { expectReplayAnswers, withLiveProjection } from './support/live-projection';
import { ADMINS, THEMES, type Step } from './support/random-history';

const TODAY = '2025-06-01';

/** The last and first day of years and months around the records below, the US handover (2017-01-20) and the MX one (2012-12-01). */
const AS_OF = [
  '2012-11-30', '2012-12-01', '2012-12-30', '2012-12-31', '2013-01-01',
  '2015-12-31', '2016-01-01', '2016-11-30', '2016-12-01', '2016-12-30', '2016-12-31',
  '2017-01-01', '2017-01-19', '2017-01-20', '2017-01-31', '2017-02-01', TODAY,
];

const day = (iso: string) => {
  const [year, month, d] = iso.split('-').map(Number);
  return { year, month: month ?? 0, day: d ?? 0 };
};
const minutes = (heldOn: ReturnType<typeof day> & { span?: number }, themes: number[], pledges = [{ by: 0, themes, status: 1 }]): Step => ({ kind: 'minutes', forum: 0, sequence: null, heldOn, themes, pledges });
const tick: Step = { kind: 'tick', ms: 1000 };

/**
 * Agreements that count on the days where the tallies change bucket (a year's last and first
 * day, a month's), with imprecise dates ("2016" and "2016-12" count on 2016-12-31), EDTF
 * intervals across a year's end and across a handover (uncertain attribution), then recorded
 * retroactively, moved across a year's end, retracted, and the term they fall in corrected.
 */
const STEPS: Step[] = [
  ...ADMINS.map((_, slot): Step => ({ kind: 'admin', slot })),
  { kind: 'theme', slot: 0 },
  { kind: 'theme', slot: 1 },
  { kind: 'forum', slot: 0 },
  tick,
  minutes(day('2016'), [0]),
  minutes(day('2016-12'), [0, 1]),
  minutes(day('2016-12-31'), [0]),
  tick,
  minutes(day('2017-01-01'), [0, 1]),
  minutes({ ...day('2016-11'), span: 2 }, [1]), // 2016-11/2017-01: counts 2017-01-31, spans the US handover
  minutes({ ...day('2016'), span: 1 }, [0]), // 2016/2017
  tick,
  minutes(day('2012'), [0, 1]), // spans the MX handover
  minutes({ ...day('2012-11'), span: 1 }, [1]),
  minutes(day('2012-11-30'), [0]),
  minutes(day('2012-12-01'), [0]),
  minutes(day('2015-12-31'), [1]),
  minutes(day('2016-01-01'), [1]),
  tick,
  // Recorded later: a retroactive meeting, a correction across a year's end, a retraction, a pledge agreed later.
  minutes(day('2016-12-15'), [1], [{ by: 0, themes: [1], status: 0 }]),
  tick,
  { kind: 'correctMeeting', meeting: 2, sequence: null, heldOn: day('2017-01-01'), themes: null },
  tick,
  { kind: 'retractMeeting', meeting: 3 },
  tick,
  { kind: 'status', pledge: 12, status: 1, date: { yearsAfter: 0, month: 12, day: 0 } },
  tick,
  { kind: 'correctMeeting', meeting: 0, sequence: null, heldOn: day('2016-12-31'), themes: [0, 1] },
  tick,
  { kind: 'correctAdmin', slot: 0, shiftDays: -30 },
  tick,
  minutes(day('2017-01-31'), [0, 1]),
];

function tallied(source: ReportSource): string {
  return JSON.stringify([
    answerReport(source, 'priorities-by-administration'),
    answerReport(source, 'priorities-by-administration', { attribution: 'certain' }),
    answerReport(source, 'priorities-by-administration', { theme: THEMES[1] }),
    answerReport(source, 'priority-changes'),
    answerReport(source, 'priority-changes', { attribution: 'certain' }),
  ]);
}

describe('tallies at bucket boundaries (a year’s and a month’s last and first day) ≡ naive replay', () => {
  it.each([1, 100])('hold at every boundary asOf and every recorded instant (and 1 ms before), in batches of %i', async (batchSize) => {
    // Given the history above, projected live
    await withLiveProjection('tally-buckets', STEPS, batchSize, (p) => {
      expect(p.run.meetings).toHaveLength(14);
      // When the tallied reports are asked at each boundary, now and as known at each instant, Then they are the replay's, byte for byte
      expectReplayAnswers(p, [undefined, ...p.instants], AS_OF, TODAY, tallied);

      // And the boundaries mattered: what counts on a year's last day is not counted the day before, uncertain attribution was counted, versions were superseded
      const occasions = (asOf: string, id: string) =>
        answerReport(p.host.source(asOf), 'priorities-by-administration', { administration: id, kind: 'administration' }).items[0]?.themes.find((t) => t.theme === THEMES[0]);
      expect(occasions('2016-12-31', 'US-alpha')!.occasions).toBeGreaterThan(occasions('2016-12-30', 'US-alpha')?.occasions ?? 0);
      expect(occasions('2012-12-31', 'MX-beta')!.occasionsUncertain).toBeGreaterThan(0);
      const db = new Database(p.file, { readonly: true });
      try {
        expect((db.prepare('SELECT COUNT(*) AS n FROM tally_bucket_log').get() as { n: number }).n).toBeGreaterThan(0);
      } finally {
        db.close();
      }
    });
  }, 120_000);
});
