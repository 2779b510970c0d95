import { runReport, type EffectiveView, type ReportRow } from '@concordat/read-models';

/** The reports `concordat replay` prints, and how each becomes a table. */
export const REPORTS = ['pledges', 'priorities', 'priority-changes', 'inherited', 'forum-activity', 'meetings'] as const;
export type Report = (typeof REPORTS)[number];

type Table = { columns: string[]; rows: Array<Array<string | number | null>> };

export function asTable(view: EffectiveView, report: Report): Table {
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

export function reportItems(view: EffectiveView, report: Report): unknown {
  const name = report === 'priorities' ? 'priorities-by-administration' : report === 'inherited' ? 'inherited-commitments' : report;
  return runReport(view, name);
}

export function render({ columns, rows }: Table): string {
  const cell = (v: string | number | null) => {
    const text = v === null ? '—' : String(v);
    return text.length > 70 ? `${text.slice(0, 69)}…` : text;
  };
  const cells = rows.map((r) => r.map(cell));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((v, i) => v.padEnd(widths[i])).join('  ').trimEnd();
  return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

