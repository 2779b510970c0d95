import type { InitialPledgeStatus, MoneyFirmness, PartialDate, PledgeStatus, SourceRef } from '@concordat/domain';
import { endOf, type EffectivePledge, type TimelineStep } from '../ledger-view/effective-view';
import type { CorrectionNote, RetractionNote } from '../ledger-view/provenance';
import { LedgerIndex } from './ledger-index';
import { daysBetween, pledgeKey, sortBy, sortKey } from './refs';

export type MoneyFactItem = {
  entryId: string;
  firmness: MoneyFirmness;
  amount: string;
  currency: string;
  asOf: PartialDate;
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
  voidedEntries: VoidedEntry[];
  administrations: string[];
  source: SourceRef;
  recordedAt: string;
  recordedBy: string;
  corrections: CorrectionNote[];
  retraction: RetractionNote | null;
};

export interface PledgeFilters {
  status?: PledgeStatus[];
  theme?: string;
  party?: string;
  forum?: string;
  administration?: string;
  /** Full dates, compared with the end of `madeOn`'s period. */
  madeFrom?: string;
  madeTo?: string;
}

function distinctSources(sources: SourceRef[]): SourceRef[] {
  const seen = new Set<string>();
  return sources.filter((s) => {
    const key = JSON.stringify([s.document, s.locator, s.quote, s.note]);
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

export function pledgeItem(index: LedgerIndex, p: EffectivePledge): PledgeItem {
  const { pledge } = p;
  const changes = p.timeline.slice(1);
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
    forumName: index.forumName(pledge.forum),
    meetingId: pledge.meetingId,
    madeOn: pledge.madeOn,
    dueDate: pledge.dueDate,
    initialStatus: pledge.initialStatus,
    status: p.status,
    ageDays: Math.max(0, daysBetween(endOf(pledge.madeOn), index.asOf)),
    lastChange: changes.length > 0 ? changes[changes.length - 1] : null,
    evidence: distinctSources([...p.timeline.map((s) => s.evidence), ...p.money.map((m) => m.evidence)]),
    history: p.timeline,
    money: p.money.map((m) => ({
      entryId: m.entryId,
      firmness: m.firmness,
      amount: m.amount,
      currency: m.currency,
      asOf: m.asOf,
      note: m.note,
      evidence: m.evidence,
      recordedAt: m.recorded.recordedAt,
      corrections: m.corrections,
    })),
    voidedEntries: p.voidedEntries.map((e) => ({ entryId: e.entryId, status: e.status, effectiveOn: e.effectiveOn, reason: e.reason, retraction: e.retraction })),
    administrations: index.pledgeAdministrations(p),
    source: pledge.source,
    recordedAt: pledge.recorded.recordedAt,
    recordedBy: pledge.recorded.recordedBy,
    corrections: pledge.corrections,
    retraction: pledge.retraction,
  };
}

function matches(index: LedgerIndex, p: EffectivePledge, f: PledgeFilters): boolean {
  const { pledge } = p;
  const made = endOf(pledge.madeOn);
  if (f.status && !f.status.includes(p.status)) return false;
  if (f.theme && !pledge.themes.includes(f.theme)) return false;
  if (f.party && ![...pledge.by, ...pledge.accountable, ...pledge.implementers, ...pledge.beneficiaries].includes(f.party)) return false;
  if (f.forum && pledge.forum !== f.forum) return false;
  if (f.madeFrom && made < f.madeFrom) return false;
  if (f.madeTo && made > f.madeTo) return false;
  if (f.administration && !index.pledgeAdministrations(p).includes(f.administration)) return false;
  return true;
}

/** The commitments board: every pledge that counts on asOf, oldest first. */
export function pledgesBoard(index: LedgerIndex, filters: PledgeFilters = {}): PledgeItem[] {
  return sortBy(index.pledges.filter((p) => matches(index, p, filters)), pledgeKey).map((p) => pledgeItem(index, p));
}

export const pledgeItemKey = (item: PledgeItem) => sortKey(endOf(item.madeOn), item.id);

/** One pledge, retracted ones included (an auditor may ask); undefined when unknown on asOf. */
export function pledgeDetail(index: LedgerIndex, id: string): PledgeItem | undefined {
  const p = index.view.pledges.find((x) => x.pledge.id === id);
  return p ? pledgeItem(index, p) : undefined;
}
