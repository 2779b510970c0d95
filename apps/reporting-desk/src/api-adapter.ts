/// <reference lib="dom" />
/**
 * The ONE place that knows the read API's shapes. Every other module of the page works on the
 * view models below; when a report's shape changes, this file changes and nothing else. Fields a
 * newer API may add (coverage, uncertain attributions, "beyond the record" outcomes, sequence
 * gaps, bounded reference lists) are read here when present and left empty when not.
 */
export type Clock = { asOf: string; knownAt: string | null };
export type Coverage = { from: string; to: string } | null;
export type SourceVM = { document: string; locator: string | null; quote: string | null };
export type EvidenceVM = { kind: 'meeting' | 'pledge'; id: string | null; words: string; source: SourceVM; uncertain: boolean; candidates: string[] };
export type RefVM = { id: string; label: string; on: string; status?: string; uncertain?: boolean; candidates?: string[] };
export type ColumnVM = { key: string; kind: 'administration' | 'pair'; label: string; from: string; to: string | null };
export type CellVM = {
  column: string;
  theme: string;
  themeName: string;
  occasions: number;
  /** Occasions whose date spans a handover: credited to each candidate, counted apart. */
  uncertain: number;
  pledgesAgreed: number | null;
  first: string;
  last: string;
  meetings: RefVM[];
  pledges: RefVM[];
  evidence: EvidenceVM[];
  /** When the API sends only the first few references: the read-API queries that list them all. */
  more: { meetings: string | null; pledges: string | null } | null;
};
export type HeatmapVM = Clock & { columns: ColumnVM[]; themes: Array<{ id: string; name: string }>; cells: CellVM[]; coverage: Coverage };
export type ShiftVM = { theme: string; themeName: string; before: number | null; after: number | null; beyondRecord: boolean };
export type InheritedVM = { id: string; description: string; statusAtHandover: string; outcome: string; outcomeOn: string; beyondRecord: boolean; steps: Array<{ status: string; on: string }> };
export type HandoverVM = { key: string; country: string; from: string; to: string; on: string; beyondRecord: boolean; comparedUntil: string | null; continued: ShiftVM[]; added: ShiftVM[]; dropped: ShiftVM[] };
export type InheritedRowVM = { open: number; beyondRecord: boolean; outcomeOn: string | null; outcomes: Array<{ status: string; pledges: number }>; items: InheritedVM[]; listQuery: string | null; coverage: Coverage };
export type HandoversVM = Clock & { handovers: HandoverVM[]; coverage: Coverage };
export type MeetingDotVM = { id: string; title: string; on: string; sequence: number | null };
export type ForumVM = { forum: string; name: string; meetings: MeetingDotVM[]; gaps: Array<{ from: string; to: string; days: number; open: boolean; unrecorded: number }>; unrecorded: number[]; unrecordedCount: number; daysSince: number | null; silenceBeyondRecord: boolean };
export type ForumsVM = Clock & { forums: ForumVM[]; total: number; coverage: Coverage };
export type MoneyVM = { firmness: string; amount: number; currency: string; on: string };
export type BoardRowVM = { id: string; description: string; status: string; madeOn: string; themes: string[]; by: string[]; forum: string | null; ageDays: number; lastChangeOn: string | null; money: MoneyVM[]; corrections: number; retracted: boolean; uncertain: string[] | null };
export type BoardVM = Clock & { rows: BoardRowVM[]; total: number; offset: number; limit: number; coverage: Coverage };
export type CorrectionVM = { recordedAt: string; recordedBy: string | null; reason: string; fields: string[] };
export type StepVM = { initial: boolean; status: string; previous: string | null; on: string; approximate: boolean; reason: string | null; evidence: SourceVM; recordedAt: string; recordedBy: string | null; corrections: CorrectionVM[] };
export type PledgeVM = Clock & { id: string; description: string; status: string; steps: StepVM[]; voided: Array<{ status: string; on: string; reason: string }>; corrections: CorrectionVM[]; money: MoneyVM[]; source: SourceVM };
export type OptionVM = { id: string; label: string };
export type ReferenceVM = { themes: OptionVM[]; forums: OptionVM[]; parties: OptionVM[]; administrations: Array<OptionVM & { country: string; from: string; to: string | null }> };
export type BoardFilters = { status?: string; theme?: string; party?: string; forum?: string; administration?: string; madeFrom?: string; madeTo?: string };

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Raw = any;

const MAX_PAGES = 10;

/** Reads the page's token (when reads need one) from the session, never from the URL. */
export function authHeaders(): Record<string, string> {
  const token = typeof sessionStorage === 'undefined' ? null : sessionStorage.getItem('concordat.readToken');
  return token ? { Authorization: `Bearer ${token}` } : {};
}

export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

function query(clock: Clock, extra: Record<string, string | number | undefined> = {}): string {
  const p = new URLSearchParams();
  p.set('asOf', clock.asOf);
  if (clock.knownAt) p.set('knownAt', clock.knownAt);
  for (const [k, v] of Object.entries(extra)) if (v !== undefined && v !== '') p.set(k, String(v));
  return p.toString();
}

async function getJson(path: string, signal?: AbortSignal): Promise<Raw> {
  const res = await fetch(path, { headers: { Accept: 'application/json', ...authHeaders() }, signal });
  if (!res.ok) {
    const body = await res.json().catch(() => ({}));
    throw new ApiError(res.status, body.message ?? `${res.status} ${res.statusText}`);
  }
  return res.json();
}

/** Follows nextCursor, at most MAX_PAGES pages: a view never pulls more than that. */
async function allPages(path: string, clock: Clock, extra: Record<string, string | number | undefined>, signal?: AbortSignal): Promise<{ items: Raw[]; first: Raw }> {
  let cursor: string | undefined;
  const items: Raw[] = [];
  let first: Raw;
  for (let i = 0; i < MAX_PAGES; i++) {
    const body = await getJson(`${path}?${query(clock, { ...extra, cursor })}`, signal);
    first ??= body;
    items.push(...body.items);
    cursor = body.page?.nextCursor ?? undefined;
    if (!cursor) break;
  }
  return { items, first };
}

const coverageOf = (body: Raw): Coverage => (body?.coverage?.from && body?.coverage?.to ? { from: body.coverage.from, to: body.coverage.to } : null);
const clockOf = (body: Raw): Clock => ({ asOf: body.asOf, knownAt: body.knownAt ?? null });
const source = (s: Raw): SourceVM => ({ document: s?.document ?? '', locator: s?.locator ?? null, quote: s?.quote ?? null });
// recordedBy reaches only auditors once operator identities are withheld from public reads.
const correction = (c: Raw): CorrectionVM => ({ recordedAt: c.recordedAt, recordedBy: c.recordedBy ?? null, reason: c.reason, fields: c.fields ?? [] });
const isUncertain = (x: Raw): boolean => x?.attribution === 'uncertain' || x?.uncertain === true;

/** End of a partial date's period: "2016" → 2016-12-31, "2016-10" → 2016-10-31 (the API's rule for asOf). */
export function endOfPeriod(date: string): string {
  if (/^\d{4}$/.test(date)) return `${date}-12-31`;
  if (/^\d{4}-\d{2}$/.test(date)) {
    const [y, m] = date.split('-').map(Number);
    return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  }
  return date.slice(0, 10);
}

/** "US-obama" + "Barack Obama" → "US Obama"; "MX-pena-nieto" → "MX Peña Nieto"; "US-trump-2" → "US Trump (2)". */
function shortName(a: Raw): string {
  const slug = String(a.id).split('-').slice(1);
  const term = slug.filter((w) => /^\d+$/.test(w));
  const words = String(a.leader).split(' ');
  const surname = words.slice(-Math.max(1, slug.length - term.length)).join(' ');
  return `${a.country} ${surname}${term.length ? ` (${term.join('')})` : ''}`;
}

function columnLabel(row: Raw): string {
  const admins: Raw[] = row.administrations ?? [];
  return admins.length ? admins.map(shortName).join(' × ') : row.key;
}

/**
 * Today's shape: `timesAgreed` and full `meetings`/`pledges` lists. The counting-rules shape:
 * `occasions` (uncertain included) with `occasionsUncertain`, `pledges` as a number, the first
 * occasions only and `list` queries for the rest. Uncertain occasions are shown apart, never in the count.
 */
function cellOf(row: Raw, t: Raw): CellVM {
  const occasionsRefs: Raw[] = Array.isArray(t.firstOccasions) ? t.firstOccasions : [];
  const attributionOf = (meetingId: string | null, pledgeId: string | null): Raw =>
    occasionsRefs.find((o) => (meetingId && o.meetingId === meetingId) || (pledgeId && o.pledgeId === pledgeId));
  const evidence: EvidenceVM[] = (t.evidence ?? []).map((e: Raw) => {
    const occ = attributionOf(e.meetingId ?? null, e.pledgeId ?? null);
    return {
      kind: e.pledgeId ? 'pledge' : 'meeting',
      id: e.pledgeId ?? e.meetingId ?? null,
      words: e.words,
      source: source(e.source),
      uncertain: isUncertain(e) || isUncertain(occ),
      candidates: e.candidates ?? occ?.candidates ?? [],
    };
  });
  const counted = typeof t.occasions === 'number';
  const uncertain = counted ? (t.occasionsUncertain ?? 0) : 0;
  const meetings: RefVM[] = Array.isArray(t.meetings)
    ? t.meetings.map((m: Raw) => ({ id: m.id, label: m.title, on: m.heldOn }))
    : occasionsRefs.filter((o) => o.meetingId).map((o) => ({ id: o.meetingId, label: o.label, on: o.date, uncertain: isUncertain(o) }));
  const pledges: RefVM[] = Array.isArray(t.pledges)
    ? t.pledges.map((p: Raw) => ({ id: p.id, label: p.description, on: p.madeOn, status: p.status }))
    : occasionsRefs.filter((o) => o.pledgeId).map((o) => ({ id: o.pledgeId, label: o.label, on: o.date, uncertain: isUncertain(o) }));
  return {
    column: row.key,
    theme: t.theme,
    themeName: t.themeName ?? t.theme,
    occasions: counted ? t.occasions - uncertain : t.timesAgreed,
    uncertain,
    pledgesAgreed: typeof t.pledges === 'number' ? t.pledges - (t.pledgesUncertain ?? 0) : null,
    first: t.firstAgreedOn,
    last: t.lastAgreedOn,
    meetings,
    pledges,
    evidence,
    more: t.list ? { meetings: t.list.meetings ?? null, pledges: t.list.pledges ?? null } : null,
  };
}

const withClock = (path: string, clock: Clock, limit: number): string => {
  const [pathname, search = ''] = path.split('?');
  const p = new URLSearchParams(search);
  p.set('asOf', clock.asOf);
  if (clock.knownAt) p.set('knownAt', clock.knownAt);
  p.set('limit', String(limit));
  return `${pathname}?${p.toString()}`;
};

/** Every meeting and pledge behind a cell, when the report row carries only the first few (one page each). */
export async function loadCellLists(cell: CellVM, clock: Clock, signal?: AbortSignal): Promise<{ meetings: RefVM[]; pledges: RefVM[]; totals: { meetings: number; pledges: number } }> {
  const [m, p] = await Promise.all([
    cell.more?.meetings ? getJson(withClock(cell.more.meetings, clock, 100), signal) : null,
    cell.more?.pledges ? getJson(withClock(cell.more.pledges, clock, 100), signal) : null,
  ]);
  return {
    meetings: m ? m.items.map((x: Raw) => ({ id: x.id, label: x.title, on: x.heldOn?.date ?? x.heldOn, uncertain: isUncertain(x), candidates: x.candidates ?? [] })) : cell.meetings,
    pledges: p ? p.items.map((x: Raw) => ({ id: x.id, label: x.description, on: x.madeOn?.date ?? x.madeOn, status: x.status, uncertain: isUncertain(x), candidates: x.candidates ?? [] })) : cell.pledges,
    totals: { meetings: m?.page?.total ?? cell.meetings.length, pledges: p?.page?.total ?? cell.pledges.length },
  };
}

export async function loadHeatmap(clock: Clock, filters: { kind?: string; country?: string }, signal?: AbortSignal): Promise<HeatmapVM> {
  const { items, first } = await allPages('/v1/reports/priorities-by-administration', clock, { limit: 100, kind: filters.kind, country: filters.country }, signal);
  const columns: ColumnVM[] = items.map((r) => ({ key: r.key, kind: r.kind, label: columnLabel(r), from: r.from, to: r.to ?? null }));
  const cells = items.flatMap((r) => (r.themes ?? []).map((t: Raw) => cellOf(r, t)));
  const themes = new Map<string, string>();
  for (const c of cells) themes.set(c.theme, c.themeName);
  return { ...clockOf(first), columns, themes: [...themes].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name)), cells, coverage: coverageOf(first) };
}

function shift(s: Raw, side: 'before' | 'after', coverage: Coverage, on: string): ShiftVM {
  const count = (a: Raw): number | null => (a ? (typeof a.occasions === 'number' ? a.occasions : a.timesAgreed) : null);
  return {
    theme: s.theme,
    themeName: s.themeName ?? s.theme,
    before: count(s.before),
    after: count(s.after),
    beyondRecord: s.beyondRecord === true || s.outcome === 'beyond the record' || (side === 'after' && coverage !== null && on > coverage.to),
  };
}

export async function loadHandovers(clock: Clock, signal?: AbortSignal): Promise<HandoversVM> {
  const { items, first } = await allPages('/v1/reports/priority-changes', clock, { limit: 100 }, signal);
  const coverage = coverageOf(first);
  return {
    ...clockOf(first),
    coverage,
    handovers: items.map((r) => ({
      key: r.key,
      country: r.country,
      from: r.from?.id ?? r.from,
      to: r.to?.id ?? r.to,
      on: r.handoverOn,
      beyondRecord: r.record === 'beyond the record',
      comparedUntil: r.comparedUntil ?? null,
      continued: (r.continued ?? []).map((s: Raw) => shift(s, 'before', coverage, r.handoverOn)),
      added: (r.added ?? []).map((s: Raw) => shift(s, 'after', coverage, r.handoverOn)),
      dropped: (r.dropped ?? []).map((s: Raw) => shift(s, 'after', coverage, r.handoverOn)),
    })),
  };
}

const inheritedItem = (p: Raw, beyondRecord: boolean, rowOutcomeOn: string | null): InheritedVM => ({
  id: p.id,
  description: p.description,
  statusAtHandover: p.statusAtHandover,
  outcome: p.outcome,
  outcomeOn: p.outcomeOn ?? rowOutcomeOn ?? '',
  beyondRecord,
  steps: (p.changesAfterHandover ?? []).map((c: Raw) => ({ status: c.status, on: c.effectiveOn?.date ?? '' })),
});

/** The pledges an outgoing administration left open (one administration's row only). */
export async function loadInherited(clock: Clock, administration: string, signal?: AbortSignal): Promise<InheritedRowVM> {
  const body = await getJson(`/v1/reports/inherited-commitments?${query(clock, { administration, limit: 10 })}`, signal);
  const coverage = coverageOf(body);
  const row = (body.items ?? []).find((r: Raw) => (r.administration?.id ?? r.key) === administration);
  if (!row) return { open: 0, beyondRecord: false, outcomeOn: null, outcomes: [], items: [], listQuery: null, coverage };
  const outcomeOn: string | null = row.outcomeOn ?? row.pledges?.[0]?.outcomeOn ?? null;
  const beyondRecord = row.outcomeRecord === 'beyond the record' || row.record === 'beyond the record' || (coverage !== null && outcomeOn !== null && outcomeOn > coverage.to);
  const items = (row.pledges ?? []).map((p: Raw) => inheritedItem(p, beyondRecord, outcomeOn));
  const outcomes: Array<{ status: string; pledges: number }> = Array.isArray(row.outcomes)
    ? row.outcomes.map((o: Raw) => ({ status: o.status, pledges: o.pledges }))
    : Object.entries(items.reduce((n: Record<string, number>, p: InheritedVM) => ({ ...n, [p.outcome]: (n[p.outcome] ?? 0) + 1 }), {})).map(([status, pledges]) => ({ status, pledges: pledges as number }));
  return { open: typeof row.open === 'number' ? row.open : items.length, beyondRecord, outcomeOn, outcomes, items, listQuery: typeof row.list === 'string' ? withClock(row.list, clock, 100) : null, coverage };
}

function unrecordedSequences(row: Raw, meetings: MeetingDotVM[]): { first: number[]; count: number } {
  if (row.unrecordedSequences && Array.isArray(row.unrecordedSequences.first)) return { first: row.unrecordedSequences.first, count: row.unrecordedSequences.count ?? row.unrecordedSequences.first.length };
  // Today's report does not say: the sequence numbers below the highest recorded that no meeting carries.
  const seen = new Set(meetings.map((m) => m.sequence).filter((s): s is number => s !== null));
  const max = Math.max(0, ...seen);
  const missing: number[] = [];
  for (let n = 1; n < max; n++) if (!seen.has(n)) missing.push(n);
  return { first: missing.slice(0, 10), count: missing.length };
}

function gapsOf(row: Raw): ForumVM['gaps'] {
  if (Array.isArray(row.gaps)) return row.gaps.map((g: Raw) => ({ from: g.from, to: g.to, days: g.days, open: g.toMeeting === null, unrecorded: g.unrecordedMeetings ?? 0 }));
  const gaps: ForumVM['gaps'] = (row.longestGaps ?? []).map((g: Raw) => ({ from: g.from, to: g.to, days: g.days, open: false, unrecorded: g.unrecordedMeetings ?? 0 }));
  if (row.silence) gaps.push({ from: row.silence.from, to: row.silence.to, days: row.silence.days, open: true, unrecorded: 0 });
  return gaps;
}

/** Forums that met by asOf, busiest first, at most `limit`; each forum's meetings come from its own (paged) meetings list. */
export async function loadForums(clock: Clock, limit: number, signal?: AbortSignal): Promise<ForumsVM> {
  const { items, first } = await allPages('/v1/reports/forum-activity', clock, { limit: 100 }, signal);
  const active = items.filter((r) => r.meetingCount > 0).sort((a, b) => b.meetingCount - a.meetingCount || a.forum.localeCompare(b.forum));
  const forums = await Promise.all(
    active.slice(0, limit).map(async (r): Promise<ForumVM> => {
      const listPath = typeof r.list === 'string' ? withClock(r.list, clock, 500) : `/v1/meetings?${query(clock, { forum: r.forum, limit: 500 })}`;
      const listed = await getJson(listPath, signal);
      const meetings = listed.items.map((m: Raw) => ({ id: m.id, title: m.title, on: endOfPeriod(typeof m.heldOn === 'string' ? m.heldOn : m.heldOn.date), sequence: m.sequence ?? null }));
      const unrecorded = unrecordedSequences(r, meetings);
      return {
        forum: r.forum,
        name: r.forumName ?? r.forum,
        meetings,
        gaps: gapsOf(r),
        unrecorded: unrecorded.first,
        unrecordedCount: unrecorded.count,
        daysSince: r.daysSinceLastMeeting ?? r.silence?.days ?? null,
        silenceBeyondRecord: r.silence?.continuesBeyondRecord === true,
      };
    }),
  );
  return { ...clockOf(first), forums, total: active.length, coverage: coverageOf(first) };
}

const money = (m: Raw): MoneyVM => ({ firmness: m.firmness, amount: Number(m.amount), currency: m.currency, on: m.asOf?.date ?? '' });

export async function loadBoard(clock: Clock, filters: BoardFilters, offset: number, limit: number, signal?: AbortSignal): Promise<BoardVM> {
  const body = await getJson(`/v1/pledges?${query(clock, { ...filters, offset, limit })}`, signal);
  return {
    ...clockOf(body),
    total: body.page.total,
    offset: body.page.offset,
    limit: body.page.limit,
    coverage: coverageOf(body),
    rows: body.items.map((p: Raw) => ({
      id: p.id,
      description: p.description,
      status: p.status,
      madeOn: p.madeOn?.date ?? p.madeOn,
      themes: p.themes ?? [],
      by: p.by ?? [],
      forum: p.forumName ?? p.forum ?? null,
      ageDays: p.ageDays,
      lastChangeOn: p.lastChange?.effectiveOn?.date ?? null,
      money: (p.money ?? []).map(money),
      corrections: (p.corrections?.length ?? 0) + (p.history ?? []).reduce((n: number, h: Raw) => n + (h.corrections?.length ?? 0), 0),
      retracted: p.retraction !== null && p.retraction !== undefined,
      uncertain: isUncertain(p) ? (p.candidates ?? []) : null,
    })),
  };
}

export async function loadPledge(clock: Clock, id: string, signal?: AbortSignal): Promise<PledgeVM | null> {
  try {
    const p = await getJson(`/v1/pledges/${encodeURIComponent(id)}?${query(clock)}`, signal);
    return {
      ...clockOf(p),
      id: p.id,
      description: p.description,
      status: p.status,
      source: source(p.source),
      corrections: (p.corrections ?? []).map(correction),
      money: (p.money ?? []).map(money),
      voided: (p.voidedEntries ?? []).map((v: Raw) => ({ status: v.status, on: v.effectiveOn?.date ?? '', reason: v.retraction?.reason ?? v.reason })),
      steps: (p.history ?? []).map((h: Raw) => ({
        initial: h.entryId === null,
        status: h.status,
        previous: h.previousStatus ?? null,
        on: h.effectiveOn?.date ?? '',
        approximate: h.effectiveOn?.approximate === true,
        reason: h.reason ?? null,
        evidence: source(h.evidence),
        recordedAt: h.recordedAt,
        recordedBy: h.recordedBy ?? null,
        corrections: (h.corrections ?? []).map(correction),
      })),
    };
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

export async function loadReference(clock: Clock, signal?: AbortSignal): Promise<ReferenceVM> {
  const [themes, forums, admins] = await Promise.all([
    allPages('/v1/themes', clock, { limit: 500 }, signal),
    allPages('/v1/forums', clock, { limit: 500 }, signal),
    allPages('/v1/administrations', clock, { limit: 500 }, signal),
  ]);
  return {
    themes: themes.items.map((t) => ({ id: t.id, label: t.name })).sort((a, b) => a.label.localeCompare(b.label)),
    forums: forums.items.map((f) => ({ id: f.id, label: f.name })).sort((a, b) => a.label.localeCompare(b.label)),
    // Parties as the forums list them: countries (ISO codes) first, then organisations.
    parties: [...new Set<string>(forums.items.flatMap((f) => f.parties ?? []))]
      .sort((a, b) => Number(!/^[A-Z]{2}$/.test(a)) - Number(!/^[A-Z]{2}$/.test(b)) || a.localeCompare(b))
      .map((id) => ({ id, label: id })),
    administrations: admins.items.map((a) => ({ id: a.id, label: `${a.country} ${a.leader}`, country: a.country, from: a.startedOn, to: a.endedOn ?? null })),
  };
}

/** Dates worth stopping the asOf slider on: every meeting's (end of an imprecise date), as the record stands today. */
export async function loadRecordDates(today: string, signal?: AbortSignal): Promise<string[]> {
  const { items } = await allPages('/v1/reports/forum-activity', { asOf: today, knownAt: null }, { limit: 100 }, signal);
  const dates = new Set<string>();
  for (const r of items) for (const m of r.meetings ?? []) dates.add(endOfPeriod(m.heldOn?.date ?? m.heldOn));
  return [...dates].sort();
}

/** Export links honour the same clock and filters as the view. */
export function exportUrl(report: string, clock: Clock, filters: Record<string, string | undefined>, format: 'csv' | 'json'): string {
  return `/v1/exports/${report}?${query(clock, { ...filters, format })}`;
}

export type LedgerEntryVM = { position: string; type: string; entity: string | null };

const entryOf = (data: string): LedgerEntryVM => {
  const e = JSON.parse(data);
  return { position: e.position, type: e.type, entity: e.entity?.id ?? null };
};

/**
 * New ledger entries as they are recorded. EventSource resumes by itself but cannot send a
 * token; when reads need one, the stream is read with fetch and resumed with Last-Event-ID.
 */
export function watchLedgerEntries(onEntry: (entry: LedgerEntryVM) => void): void {
  const auth = authHeaders();
  if (!auth.Authorization) {
    if (typeof EventSource === 'undefined') return;
    new EventSource('/v1/feeds/ledger-entries').addEventListener('ledger-entry', (e) => onEntry(entryOf((e as MessageEvent).data)));
    return;
  }
  let last: string | undefined;
  const connect = async (): Promise<void> => {
    try {
      const res = await fetch('/v1/feeds/ledger-entries', { headers: { Accept: 'text/event-stream', ...auth, ...(last ? { 'Last-Event-ID': last } : {}) } });
      if (!res.ok || !res.body) throw new Error(String(res.status));
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const lines = buffer.slice(0, cut).split('\n');
          buffer = buffer.slice(cut + 2);
          const id = lines.find((l) => l.startsWith('id: '))?.slice(4);
          const data = lines.find((l) => l.startsWith('data: '))?.slice(6);
          if (id && data) {
            last = id;
            onEntry(entryOf(data));
          }
        }
      }
    } catch {
      // fall through to a reconnect, as EventSource would
    }
    setTimeout(() => void connect(), 3000);
  };
  void connect();
}
