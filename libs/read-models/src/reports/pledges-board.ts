import { moneyPeriodOf, totalMoneyByFirmness, type InitialPledgeStatus, type MoneyFirmness, type MoneyPeriod, type MoneyTotal, type PartialDate, type PledgeStatus, type SourceRef } from '@concordat/domain';
import { attribute, type AttributionKind } from '../counting/attribution';
import { pledgeCountries } from '../counting/parties';
import { endOf, type EffectivePledge, type TimelineStep } from '../ledger-view/effective-view';
import type { CorrectionNote, RetractionNote } from '../ledger-view/provenance';
import { encodeCursor, type Page, type PageRequest } from './paging';
import { daysBetween, sortKey } from './refs';
import type { PledgeFilters, ReportSource } from './report-source';

export type { PledgeFilters } from './report-source';

export type MoneyFactItem = {
  entryId: string;
  firmness: MoneyFirmness;
  amount: string;
  currency: string;
  asOf: PartialDate;
  /** The span of money it covers; null when none was given (or it was recorded before periods existed). */
  period: MoneyPeriod | null;
  note: string | null;
  evidence: SourceRef;
  recordedAt: string;
  corrections: CorrectionNote[];
};

export type VoidedEntry = { entryId: string; status: PledgeStatus; effectiveOn: PartialDate; reason: string; retraction: RetractionNote | null };

/** One pledge on the commitments board, as of the answer's date. */
export type PledgeItem = {
  id: string;
  revision: number;
  description: string;
  by: string[];
  accountable: string[];
  implementers: string[];
  beneficiaries: string[];
  themes: string[];
  forum: string | null;
  forumName: string | null;
  meetingId: string | null;
  madeOn: PartialDate;
  dueDate: PartialDate | null;
  initialStatus: InitialPledgeStatus;
  status: PledgeStatus;
  /** Days from the end of `madeOn`'s period to asOf (or today). */
  ageDays: number;
  /** The latest status change that counts; null while the initial status stands. */
  lastChange: TimelineStep | null;
  /** The pledge's source, then each status change's evidence, then each money fact's (each once). */
  evidence: SourceRef[];
  history: TimelineStep[];
  money: MoneyFactItem[];
  /** `money` added up per firmness and currency by the domain's `totalMoneyByFirmness`: a cumulative total is never added to the single-year amounts inside it. */
  moneyTotals: MoneyTotal[];
  voidedEntries: VoidedEntry[];
  /** The countries among `by` and `accountable`: the only way credit reaches a government. */
  countries: string[];
  /** Every administration of those countries whose term overlaps `madeOn`'s interval. */
  administrations: string[];
  /** `uncertain` when `madeOn`'s interval spans a handover (or a term's edge); `none` without a country party. */
  attribution: AttributionKind;
  /** The administrations it may fall in, when uncertain. */
  candidates: string[];
  source: SourceRef;
  recordedAt: string;
  recordedBy: string;
  corrections: CorrectionNote[];
  retraction: RetractionNote | null;
};

function distinctSources(sources: SourceRef[]): SourceRef[] {
  const seen = new Set<string>();
  return sources.filter((s) => {
    const key = JSON.stringify([s.document, s.locator, s.quote, s.note]);
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

export function pledgeItem(source: ReportSource, p: EffectivePledge): PledgeItem {
  const { pledge } = p;
  const changes = p.timeline.slice(1);
  const countries = pledgeCountries(pledge);
  const attribution = attribute(pledge.madeOn.date, countries, source.administrations());
  return {
    id: pledge.id,
    revision: pledge.revision,
    description: pledge.description,
    by: pledge.by,
    accountable: pledge.accountable,
    implementers: pledge.implementers,
    beneficiaries: pledge.beneficiaries,
    themes: pledge.themes,
    forum: pledge.forum,
    forumName: pledge.forum === null ? null : (source.forum(pledge.forum)?.name ?? null),
    meetingId: pledge.meetingId,
    madeOn: pledge.madeOn,
    dueDate: pledge.dueDate,
    initialStatus: pledge.initialStatus,
    status: p.status,
    ageDays: Math.max(0, daysBetween(endOf(pledge.madeOn), source.asOf)),
    lastChange: changes.length > 0 ? changes[changes.length - 1] : null,
    evidence: distinctSources([...p.timeline.map((s) => s.evidence), ...p.money.map((m) => m.evidence)]),
    history: p.timeline,
    money: p.money.map((m) => ({
      entryId: m.entryId,
      firmness: m.firmness,
      amount: m.amount,
      currency: m.currency,
      asOf: m.asOf,
      period: moneyPeriodOf(m),
      note: m.note,
      evidence: m.evidence,
      recordedAt: m.recorded.recordedAt,
      corrections: m.corrections,
    })),
    moneyTotals: totalMoneyByFirmness(p.money),
    voidedEntries: p.voidedEntries.map((e) => ({ entryId: e.entryId, status: e.status, effectiveOn: e.effectiveOn, reason: e.reason, retraction: e.retraction })),
    countries,
    administrations: attribution.administrations,
    attribution: attribution.attribution,
    candidates: attribution.candidates,
    source: pledge.source,
    recordedAt: pledge.recorded.recordedAt,
    recordedBy: pledge.recorded.recordedBy,
    corrections: pledge.corrections,
    retraction: pledge.retraction,
  };
}

/** The commitments board: every pledge that counts on asOf, oldest first, filtered and paged by the source. */
export function pledgesBoard(source: ReportSource, filters: PledgeFilters, page: PageRequest): Page<PledgeItem> {
  const found = source.pledgesPage(filters, page);
  return { items: found.rows.map((p) => pledgeItem(source, p)), page: { limit: page.limit, offset: page.offset ?? 0, total: found.total, totalExact: found.totalExact, nextCursor: found.nextKey === null ? null : encodeCursor(found.nextKey) } };
}

export const pledgeItemKey = (item: PledgeItem) => sortKey(endOf(item.madeOn), item.id);

/** One pledge, retracted ones included (an auditor may ask); undefined when unknown on asOf. */
export function pledgeDetail(source: ReportSource, id: string): PledgeItem | undefined {
  const p = source.pledge(id);
  return p ? pledgeItem(source, p) : undefined;
}
