import type { ReportName, ReportRow, ThemeAgreement, ThemeShift } from '@concordat/read-models';
import type { CsvValue } from './csv';

/** The reports the desk exports; reference lists are small enough to read from their own endpoints. */
export const EXPORTED_REPORTS = ['pledges', 'meetings', 'priorities-by-administration', 'priority-changes', 'inherited-commitments', 'forum-activity'] as const;
export type ExportedReport = (typeof EXPORTED_REPORTS)[number];

export type Column = { name: string; description: string };
export type ExportRecord = Record<string, CsvValue>;

type Table<N extends ReportName> = {
  /** What one exported row is. */
  grain: string;
  columns: Column[];
  flatten: (row: ReportRow<N>) => ExportRecord[];
};

/** Lists inside one cell are joined by "; " (ids never contain it). */
export const LIST_SEPARATOR = '; ';
const list = (values: readonly string[]): string => values.join(LIST_SEPARATOR);

const col = (name: string, description: string): Column => ({ name, description });

const agreementCells = (prefix: string, a: ThemeAgreement | null): ExportRecord => ({
  [`${prefix}Occasions`]: a?.occasions ?? null,
  [`${prefix}OccasionsUncertain`]: a?.occasionsUncertain ?? null,
  [`${prefix}Pledges`]: a?.pledges ?? null,
});

const SHIFT_KINDS = ['continued', 'added', 'dropped'] as const;

export const EXPORT_TABLES: { [N in ExportedReport]: Table<N> } = {
  pledges: {
    grain: 'one pledge',
    columns: [
      col('id', 'Pledge id'),
      col('description', 'What was undertaken'),
      col('status', 'Status in effect on asOf'),
      col('initialStatus', 'Status it was recorded with (proposed, agreed or not_yet_assessed)'),
      col('madeOn', 'Partial date it was made (YYYY, YYYY-MM or YYYY-MM-DD)'),
      col('dueDate', 'Partial due date, empty if none'),
      col('ageDays', 'Days from the end of madeOn to asOf'),
      col('lastChangeOn', 'Effective date of the latest status change that counts; empty while the initial status stands'),
      col('lastChangeReason', 'Reason given for that change'),
      col('by', 'Who pledged ("; "-separated)'),
      col('accountable', 'Who is accountable'),
      col('implementers', 'Who implements'),
      col('beneficiaries', 'Who benefits'),
      col('themes', 'Theme ids'),
      col('forum', 'Forum id, empty if made in a document'),
      col('meetingId', 'Meeting id, empty if made in a document'),
      col('administrations', 'Administrations in office when it was made, of the countries that undertook it'),
      col('money', 'Money facts as "firmness amount currency (date)", in ledger order'),
      col('statusChanges', 'Number of status changes that count'),
      col('corrections', 'Number of corrections to the pledge and its entries'),
      col('retracted', 'true if the whole pledge was retracted as recorded in error'),
      col('sourceDocument', 'Document the pledge is recorded from'),
      col('sourceQuote', 'The quoted words'),
    ],
    flatten: (p) => [
      {
        id: p.id,
        description: p.description,
        status: p.status,
        initialStatus: p.initialStatus,
        madeOn: p.madeOn.date,
        dueDate: p.dueDate?.date ?? null,
        ageDays: p.ageDays,
        lastChangeOn: p.lastChange?.effectiveOn.date ?? null,
        lastChangeReason: p.lastChange?.reason ?? null,
        by: list(p.by),
        accountable: list(p.accountable),
        implementers: list(p.implementers),
        beneficiaries: list(p.beneficiaries),
        themes: list(p.themes),
        forum: p.forum,
        meetingId: p.meetingId,
        administrations: list(p.administrations),
        money: list(p.money.map((m) => `${m.firmness} ${m.amount} ${m.currency} (${m.asOf.date})`)),
        statusChanges: p.history.filter((h) => h.entryId !== null).length,
        corrections: p.corrections.length + p.history.reduce((n, h) => n + h.corrections.length, 0) + p.money.reduce((n, m) => n + m.corrections.length, 0),
        retracted: p.retraction !== null,
        sourceDocument: p.source.document,
        sourceQuote: p.source.quote,
      },
    ],
  },
  meetings: {
    grain: 'one meeting',
    columns: [
      col('id', 'Meeting id'),
      col('forum', 'Forum id'),
      col('title', 'Title'),
      col('sequence', 'Sequence number within the forum, empty if unknown'),
      col('heldOn', 'Partial date it was held'),
      col('place', 'Where'),
      col('hostCountry', 'Host country'),
      col('themes', 'Themes agreed ("; "-separated)'),
      col('countries', 'Countries taking part'),
      col('administrations', 'Administrations in office on its date'),
      col('pledges', 'Pledge ids made there'),
      col('recordedAt', 'When the ledger recorded it'),
    ],
    flatten: (m) => [
      {
        id: m.id,
        forum: m.forum,
        title: m.title,
        sequence: m.sequence,
        heldOn: m.heldOn.date,
        place: m.place,
        hostCountry: m.hostCountry,
        themes: list(m.themes),
        countries: list(m.countries),
        administrations: list(m.administrations),
        pledges: list(m.pledgeIds),
        recordedAt: m.recordedAt,
      },
    ],
  },
  'priorities-by-administration': {
    grain: 'one theme of one administration or US×MX pair (rows with no theme agreed are left out)',
    columns: [
      col('key', 'Administration id, or a US×MX pair joined by +'),
      col('kind', 'administration or pair'),
      col('countries', 'Countries ("; "-separated)'),
      col('from', 'Start of the period'),
      col('to', 'End of the period; empty while in office on asOf'),
      col('theme', 'Theme id'),
      col('themeName', 'Theme name'),
      col('occasions', 'Occasions it was agreed, uncertain ones included (the read-models README counting rule)'),
      col('occasionsUncertain', 'Of those, occasions whose date spans a handover (credited to each candidate)'),
      col('pledges', 'Distinct agreed pledges on the theme, uncertain ones included'),
      col('pledgesUncertain', 'Of those, pledges whose date spans a handover'),
      col('firstAgreedOn', 'Partial date of the first occasion'),
      col('lastAgreedOn', 'Partial date of the last occasion'),
      col('meetingsQuery', 'Read-API query listing every meeting behind it'),
      col('pledgesQuery', 'Read-API query listing every pledge behind it'),
    ],
    flatten: (r) =>
      r.themes.map((t) => ({
        key: r.key,
        kind: r.kind,
        countries: list(r.countries),
        from: r.from,
        to: r.to,
        theme: t.theme,
        themeName: t.themeName,
        occasions: t.occasions,
        occasionsUncertain: t.occasionsUncertain,
        pledges: t.pledges,
        pledgesUncertain: t.pledgesUncertain,
        firstAgreedOn: t.firstAgreedOn,
        lastAgreedOn: t.lastAgreedOn,
        meetingsQuery: t.list.meetings,
        pledgesQuery: t.list.pledges,
      })),
  },
  'priority-changes': {
    grain: 'one theme continued, added or dropped at one handover',
    columns: [
      col('key', 'Handover id: outgoing>incoming'),
      col('country', 'Country'),
      col('from', 'Outgoing administration id'),
      col('to', 'Incoming administration id'),
      col('handoverOn', 'First day of the incoming administration'),
      col('change', 'continued, added or dropped'),
      col('theme', 'Theme id'),
      col('themeName', 'Theme name'),
      col('record', '"within the record", or "beyond the record" when the handover lies after the record\'s last fact'),
      col('comparedUntil', 'The successor is compared up to this day'),
      col('beforeOccasions', 'Occasions under the outgoing administration; empty if none'),
      col('beforeOccasionsUncertain', 'Of those, uncertain ones'),
      col('beforePledges', 'Agreed pledges on it before'),
      col('afterOccasions', 'Occasions under the incoming administration; empty if none'),
      col('afterOccasionsUncertain', 'Of those, uncertain ones'),
      col('afterPledges', 'Agreed pledges on it after'),
    ],
    flatten: (r) =>
      SHIFT_KINDS.flatMap((change) =>
        (r[change] as ThemeShift[]).map((s) => ({
          key: r.key,
          country: r.country,
          from: r.from.id,
          to: r.to.id,
          handoverOn: r.handoverOn,
          record: r.record,
          comparedUntil: r.comparedUntil,
          change,
          theme: s.theme,
          themeName: s.themeName,
          ...agreementCells('before', s.before),
          ...agreementCells('after', s.after),
        })),
      ),
  },
  'inherited-commitments': {
    grain: 'one administration\'s handover (the report\'s row: the pledges open then are counted, the first few named, the query lists them all)',
    columns: [
      col('administration', 'Outgoing administration id'),
      col('endedOn', 'Its last day'),
      col('successor', 'Incoming administration id; empty if none on record'),
      col('record', '"beyond the record" when the handover lies after the record\'s last fact'),
      col('open', 'Pledges involving the country open on its last day'),
      col('outcomeOn', 'The day outcomes are read (never after the record\'s last day)'),
      col('outcomeRecord', '"beyond the record" when the successor\'s end (or asOf) lies after the record\'s last fact'),
      col('outcomes', 'How many stood in each status on outcomeOn, as "status:count"'),
      col('firstPledges', 'The first pledges open, as "id: statusAtHandover>outcome"'),
      col('pledgesQuery', 'Read-API query listing every one of them'),
    ],
    flatten: (r) => [
      {
        administration: r.administration.id,
        endedOn: r.endedOn,
        successor: r.successor?.id ?? null,
        record: r.record,
        open: r.open,
        outcomeOn: r.outcomeOn,
        outcomeRecord: r.outcomeRecord,
        outcomes: list(r.outcomes.map((o) => `${o.status}:${o.pledges}`)),
        firstPledges: list(r.pledges.map((p) => `${p.id}: ${p.statusAtHandover}>${p.outcome}`)),
        pledgesQuery: r.list,
      },
    ],
  },
  'forum-activity': {
    grain: 'one forum',
    columns: [
      col('forum', 'Forum id'),
      col('forumName', 'Forum name'),
      col('kind', 'Forum kind'),
      col('meetingCount', 'Meetings on record by asOf'),
      col('firstMeetingOn', 'Partial date of the first'),
      col('lastMeetingOn', 'Partial date of the last'),
      col('longestGapDays', 'Longest gap between meetings (or since the last one), in days'),
      col('daysSinceLastMeeting', 'Days from the last meeting to asOf'),
      col('perYear', 'Meetings per year as "year:count"'),
      col('unrecordedSequences', 'How many sequence numbers below the highest recorded no recorded meeting carries'),
      col('silenceBeyondRecord', 'true when the silence since the last meeting runs past the record\'s last day'),
      col('meetingsQuery', 'Read-API query listing every meeting of the forum'),
    ],
    flatten: (f) => [
      {
        forum: f.forum,
        forumName: f.forumName,
        kind: f.kind,
        meetingCount: f.meetingCount,
        firstMeetingOn: f.firstMeetingOn,
        lastMeetingOn: f.lastMeetingOn,
        longestGapDays: f.longestGapDays,
        daysSinceLastMeeting: f.daysSinceLastMeeting,
        perYear: list(f.perYear.map((y) => `${y.year}:${y.meetings}`)),
        unrecordedSequences: f.unrecordedSequences.count,
        silenceBeyondRecord: f.silence?.continuesBeyondRecord ?? false,
        meetingsQuery: f.list,
      },
    ],
  },
};

/** The column list as an OpenAPI description (a Markdown table). */
export function describeColumns(name: ExportedReport): string {
  const t = EXPORT_TABLES[name] as Table<ReportName>;
  return [`One row per ${t.grain}. Lists inside a cell are joined by "${LIST_SEPARATOR}"; empty cells are nulls.`, '', '| column | meaning |', '| --- | --- |', ...t.columns.map((c) => `| \`${c.name}\` | ${c.description} |`)].join('\n');
}

export function flattenRows<N extends ExportedReport>(name: N, rows: ReportRow<N>[]): ExportRecord[] {
  const t = EXPORT_TABLES[name] as unknown as Table<N>;
  return rows.flatMap((row) => t.flatten(row));
}

export function columnsOf(name: ExportedReport): Column[] {
  return EXPORT_TABLES[name].columns;
}
