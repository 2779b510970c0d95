import Database from 'better-sqlite3';
import { join } from 'node:path';
import { EmbeddedEventStore } from '@concordat/event-store';
import { MemorySource, ProjectionHost, answerReport, viewAt, type ReportSource } from '@concordat/read-models';
import { tempDir } from '../support/temp-dir';
import { LedgerWriter } from './support/ledger-writer';
import { ADMINS, HistoryRun, THEMES, type Step } from './support/random-history';

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
    const { dir, cleanup } = tempDir('tally-buckets');
    const clock = { ms: Date.parse('2024-01-01T00:00:00Z') };
    const store = new EmbeddedEventStore({ file: join(dir, 'events.sqlite'), clock: () => new Date(clock.ms) });
    const file = join(dir, 'read-models.sqlite');
    const host = new ProjectionHost(store, file, { batchSize });
    try {
      // Given the history above, projected live
      host.start();
      const run = new HistoryRun(new LedgerWriter(store), clock);
      for (const step of STEPS) await run.run(step);
      expect(run.meetings).toHaveLength(14);
      expect(await host.waitFor(await store.headPosition(), 10_000)).toBe(true);
      const events = await store.readAll();
      const instants = [...new Set(events.flatMap((e) => [e.recordedAt, new Date(Date.parse(e.recordedAt) - 1).toISOString()]))];

      // When the tallied reports are asked at each boundary, now and as known at each instant
      for (const knownAt of [undefined, ...instants]) {
        for (const asOf of AS_OF) {
          const naive = tallied(new MemorySource(viewAt(events, { asOf, knownAt, today: TODAY })));
          const projected = tallied(host.source(asOf, knownAt));
          // Then they are the replay's, byte for byte
          if (projected !== naive) expect({ asOf, knownAt, projected: JSON.parse(projected) }).toEqual({ asOf, knownAt, projected: JSON.parse(naive) });
        }
      }

      // And the boundaries mattered: what counts on a year's last day is not counted the day before, uncertain attribution was counted, versions were superseded
      const occasions = (asOf: string, id: string) =>
        answerReport(host.source(asOf), 'priorities-by-administration', { administration: id, kind: 'administration' }).items[0]?.themes.find((t) => t.theme === THEMES[0]);
      expect(occasions('2016-12-31', 'US-alpha')!.occasions).toBeGreaterThan(occasions('2016-12-30', 'US-alpha')?.occasions ?? 0);
      expect(occasions('2012-12-31', 'MX-beta')!.occasionsUncertain).toBeGreaterThan(0);
      const db = new Database(file, { readonly: true });
      try {
        expect((db.prepare('SELECT COUNT(*) AS n FROM tally_bucket_log').get() as { n: number }).n).toBeGreaterThan(0);
      } finally {
        db.close();
      }
    } finally {
      await host.stop();
      await store.close();
      cleanup();
    }
  }, 120_000);
});
