import { isPartialDate } from '@concordat/shared-kernel';
import { runReport, todayUtc, viewAt, type EffectiveView, type ReportRow } from '@concordat/read-models';
import { parseArgs } from './export.command';
import { openConfiguredStore } from './rebuild.command';

export const summary = 'Replay the log to a date (and as known at an instant) and print a report, computed from the log, never from read models';

const REPORTS = ['pledges', 'priorities', 'priority-changes', 'inherited', 'forum-activity', 'meetings'] as const;
type Report = (typeof REPORTS)[number];

const USAGE =
  'Usage: concordat replay [--as-of 2016-12-31] [--known-at 2025-01-01T00:00:00Z] [--report pledges|priorities|priority-changes|inherited|forum-activity|meetings] [--format table|json]\n' +
  'Reads the whole log of the configured store (DATA_DIR, EVENT_STORE), keeps the events recorded by --known-at, folds them and cuts at --as-of (default today).\n' +
  'Exit status: 0 printed, 2 usage error.';

type Table = { columns: string[]; rows: Array<Array<string | number | null>> };

function asTable(view: EffectiveView, report: Report): Table {
  switch (report) {
    case 'pledges':
      return {
        columns: ['pledge', 'status', 'made on', 'age (days)', 'last change', 'themes'],
        rows: runReport(view, 'pledges').map((p) => [p.id, p.status, p.madeOn.date, p.ageDays, p.lastChange ? `${p.lastChange.effectiveOn.date} ${p.lastChange.previousStatus} → ${p.lastChange.status}` : null, p.themes.join(', ')]),
      };
    case 'meetings':
      return {
        columns: ['meeting', 'held on', 'forum', 'themes', 'administrations'],
        rows: runReport(view, 'meetings').map((m) => [m.id, m.heldOn.date, m.forum, m.themes.join(', '), m.administrations.join(', ')]),
      };
    case 'priorities':
      return {
        columns: ['administration(s)', 'from', 'to', 'theme', 'occasions', 'uncertain', 'first', 'last'],
        rows: runReport(view, 'priorities-by-administration').flatMap((r: ReportRow<'priorities-by-administration'>) =>
          r.themes.map((t) => [r.key, r.from, r.to, t.theme, t.occasions, t.occasionsUncertain, t.firstAgreedOn, t.lastAgreedOn]),
        ),
      };
    case 'priority-changes': {
      const themes = (list: Array<{ theme: string }>) => list.map((s) => s.theme).join(', ');
      return {
        columns: ['handover', 'on', 'continued', 'added', 'dropped'],
        rows: runReport(view, 'priority-changes').map((c) => [c.key, c.handoverOn, themes(c.continued), themes(c.added), themes(c.dropped)]),
      };
    }
    case 'inherited':
      return {
        columns: ['administration', 'ended on', 'successor', 'pledge', 'at handover', 'outcome', 'outcome on'],
        rows: runReport(view, 'inherited-commitments').flatMap((r) =>
          r.pledges.map((p) => [r.key, r.endedOn, r.successor?.id ?? null, p.id, p.statusAtHandover, p.outcome, r.outcomeOn]),
        ),
      };
    case 'forum-activity':
      return {
        columns: ['forum', 'meetings', 'first', 'last', 'longest gap (days)', 'unrecorded sittings', 'silence (days)'],
        rows: runReport(view, 'forum-activity').map((f) => [f.forum, f.meetingCount, f.firstMeetingOn, f.lastMeetingOn, f.longestGapDays, f.unrecordedSequences.count, f.silence?.days ?? null]),
      };
    default: {
      const _: never = report;
      throw new Error(`unknown report ${String(_)}`);
    }
  }
}

function json(view: EffectiveView, report: Report): unknown {
  const name = report === 'priorities' ? 'priorities-by-administration' : report === 'inherited' ? 'inherited-commitments' : report;
  return runReport(view, name);
}

function render({ columns, rows }: Table): string {
  const cell = (v: string | number | null) => {
    const text = v === null ? '—' : String(v);
    return text.length > 70 ? `${text.slice(0, 69)}…` : text;
  };
  const cells = rows.map((r) => r.map(cell));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((v, i) => v.padEnd(widths[i])).join('  ').trimEnd();
  return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

function options(argv: string[]): { asOf: string; knownAt?: string; report: Report; format: 'table' | 'json' } {
  const { options: o, positional } = parseArgs(argv);
  if (positional.length > 0) throw new Error(`unexpected argument ${positional[0]}`);
  const known = new Set(['as-of', 'known-at', 'report', 'format']);
  for (const key of o.keys()) if (!known.has(key)) throw new Error(`unknown option --${key}`);
  const asOf = o.get('as-of') ?? todayUtc();
  if (asOf.length !== 10 || !isPartialDate(asOf)) throw new Error(`--as-of must be a full date YYYY-MM-DD, got "${asOf}"`);
  const knownAt = o.get('known-at');
  if (knownAt !== undefined && !/^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:\d{2})$/.test(knownAt)) throw new Error(`--known-at must be an ISO instant with a zone, got "${knownAt}"`);
  if (knownAt !== undefined && Number.isNaN(Date.parse(knownAt))) throw new Error(`--known-at is not a valid instant: "${knownAt}"`);
  const report = (o.get('report') ?? 'pledges') as Report;
  if (!REPORTS.includes(report)) throw new Error(`--report must be one of ${REPORTS.join(', ')}`);
  const format = o.get('format') ?? 'table';
  if (format !== 'table' && format !== 'json') throw new Error('--format must be table or json');
  return { asOf, knownAt, report, format };
}

export async function run(argv: string[]): Promise<number> {
  let o: ReturnType<typeof options>;
  try {
    o = options(argv);
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { store } = openConfiguredStore();
  try {
    // The naive replay on purpose: this is what an auditor checks the read models against.
    const view = viewAt(await store.readAll(), { asOf: o.asOf, knownAt: o.knownAt });
    if (o.format === 'json') {
      console.log(JSON.stringify({ asOf: view.asOf, knownAt: o.knownAt ?? null, report: o.report, items: json(view, o.report) }, null, 2));
    } else {
      console.log(`${o.report} as of ${view.asOf}${o.knownAt ? `, as known at ${o.knownAt}` : ''}\n`);
      console.log(render(asTable(view, o.report)));
    }
    return 0;
  } finally {
    await store.close();
  }
}
