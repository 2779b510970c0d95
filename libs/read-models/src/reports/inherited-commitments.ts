import { isOpenStatus, type PledgeStatus } from '@concordat/domain';
import { endOf, statusOn, type TimelineStep } from '../ledger-view/effective-view';
import type { AdministrationView } from '../ledger-view/reference.views';
import { LedgerIndex } from './ledger-index';
import { administrationRef, pledgeKey, sortBy, sortKey, type AdministrationRef } from './refs';

export type InheritedPledge = {
  id: string;
  description: string;
  themes: string[];
  by: string[];
  madeOn: string;
  meetingId: string | null;
  forum: string | null;
  /** Open (`isOpenStatus`) on the last day of the outgoing administration. */
  statusAtHandover: PledgeStatus;
  /** At the successor's end, or on asOf while it is in office (or when there is none). */
  outcome: PledgeStatus;
  outcomeOn: string;
  /** Status changes effective after the handover, up to `outcomeOn`. */
  changesAfterHandover: TimelineStep[];
};

export type InheritedRow = {
  key: string;
  administration: AdministrationRef;
  endedOn: string;
  successor: AdministrationRef | null;
  pledges: InheritedPledge[];
};

export interface InheritedFilters {
  country?: string;
  administration?: string;
}

function successorOf(index: LedgerIndex, a: AdministrationView): AdministrationView | null {
  return index.view.administrations.find((b) => b.country === a.country && b.startedOn > a.startedOn) ?? null;
}

/**
 * Pledges involving a country that were open when its administration ended, and what became of
 * each under the next one. Administrations still in office on asOf have not handed anything over.
 */
export function inheritedCommitments(index: LedgerIndex, filters: InheritedFilters = {}): InheritedRow[] {
  const rows: InheritedRow[] = [];
  const ordered = sortBy(index.pledges, pledgeKey);
  for (const a of index.view.administrations) {
    if (a.endedOn === null) continue;
    if (filters.country && a.country !== filters.country) continue;
    if (filters.administration && a.id !== filters.administration) continue;
    const endedOn = a.endedOn;
    const successor = successorOf(index, a);
    const outcomeOn = successor?.endedOn ?? index.asOf;
    const pledges: InheritedPledge[] = [];
    for (const p of ordered) {
      if (!index.pledgeCountries(p).includes(a.country)) continue;
      const atHandover = statusOn(p, endedOn);
      if (atHandover === null || !isOpenStatus(atHandover)) continue;
      const after = p.timeline.filter((s) => s.entryId !== null && endOf(s.effectiveOn) > endedOn && endOf(s.effectiveOn) <= outcomeOn);
      pledges.push({
        id: p.pledge.id,
        description: p.pledge.description,
        themes: p.pledge.themes,
        by: p.pledge.by,
        madeOn: p.pledge.madeOn.date,
        meetingId: p.pledge.meetingId,
        forum: p.pledge.forum,
        statusAtHandover: atHandover,
        outcome: statusOn(p, outcomeOn) ?? atHandover,
        outcomeOn,
        changesAfterHandover: after,
      });
    }
    rows.push({ key: a.id, administration: administrationRef(a), endedOn, successor: successor ? administrationRef(successor) : null, pledges });
  }
  return sortBy(rows, inheritedKey);
}

export const inheritedKey = (r: InheritedRow) => sortKey(r.endedOn, r.key);
