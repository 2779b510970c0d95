/// <reference lib="dom" />
import { allPages, clockOf, coverageOf, getJson, query, withClock, type Clock, type Coverage, type Raw } from './http';

/** The priority-changes and inherited-commitments reports: a handover's shifts and what became of the pledges left open. */
export type ShiftVM = { theme: string; themeName: string; before: number | null; after: number | null; beyondRecord: boolean };
export type InheritedVM = { id: string; description: string; statusAtHandover: string; outcome: string; outcomeOn: string; beyondRecord: boolean; steps: Array<{ status: string; on: string }> };
export type HandoverVM = { key: string; country: string; from: string; to: string; on: string; beyondRecord: boolean; comparedUntil: string | null; continued: ShiftVM[]; added: ShiftVM[]; dropped: ShiftVM[] };
export type InheritedRowVM = { open: number; beyondRecord: boolean; outcomeOn: string | null; outcomes: Array<{ status: string; pledges: number }>; items: InheritedVM[]; listQuery: string | null; coverage: Coverage };
export type HandoversVM = Clock & { handovers: HandoverVM[]; coverage: Coverage };

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
