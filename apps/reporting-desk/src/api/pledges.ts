/// <reference lib="dom" />
import { ApiError, clockOf, correction, coverageOf, getJson, isUncertain, query, source, type Clock, type Coverage, type CorrectionVM, type Raw, type SourceVM } from './http';

/** The pledges list (the board, one page at a time) and one pledge's detail (its history). */
export type MoneyVM = { firmness: string; amount: number; currency: string; on: string };
export type BoardRowVM = { id: string; description: string; status: string; madeOn: string; themes: string[]; by: string[]; forum: string | null; ageDays: number; lastChangeOn: string | null; money: MoneyVM[]; corrections: number; retracted: boolean; uncertain: string[] | null };
export type BoardVM = Clock & { rows: BoardRowVM[]; total: number; offset: number; limit: number; coverage: Coverage };
export type StepVM = { initial: boolean; status: string; previous: string | null; on: string; approximate: boolean; reason: string | null; evidence: SourceVM; recordedAt: string; recordedBy: string | null; corrections: CorrectionVM[] };
export type PledgeVM = Clock & { id: string; description: string; status: string; steps: StepVM[]; voided: Array<{ status: string; on: string; reason: string }>; corrections: CorrectionVM[]; money: MoneyVM[]; source: SourceVM };
export type BoardFilters = { status?: string; theme?: string; party?: string; forum?: string; administration?: string; madeFrom?: string; madeTo?: string };

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
