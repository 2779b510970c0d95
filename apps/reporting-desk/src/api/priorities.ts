/// <reference lib="dom" />
import { allPages, clockOf, coverageOf, getJson, isUncertain, source, withClock, type Clock, type Coverage, type Raw, type SourceVM } from './http';

/** The priorities-by-administration report: the heatmap's columns, themes and cells, and the lists behind a cell. */
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

/** How many of a cell's meetings and pledges the details list (the rest: a link to the whole list). */
export const CELL_LIST_LIMIT = 50;

/** The meetings and pledges behind a cell, when the report row carries only the first few: one page of each list. */
export async function loadCellLists(cell: CellVM, clock: Clock, signal?: AbortSignal): Promise<{ meetings: RefVM[]; pledges: RefVM[]; totals: { meetings: number; pledges: number } }> {
  const [m, p] = await Promise.all([
    cell.more?.meetings ? getJson(withClock(cell.more.meetings, clock, CELL_LIST_LIMIT), signal) : null,
    cell.more?.pledges ? getJson(withClock(cell.more.pledges, clock, CELL_LIST_LIMIT), signal) : null,
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
