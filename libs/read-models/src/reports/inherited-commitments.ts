import { OPEN_PLEDGE_STATUSES, type PledgeStatus } from '@concordat/domain';
import { BEYOND_THE_RECORD, isBeyond } from '../counting/coverage';
import type { AdministrationView } from '../ledger-view/reference.views';
import { administrationRef, listQuery, sortBy, sortKey, type AdministrationRef } from './refs';
import type { OpenPledgeMark, ReportSource } from './report-source';

export type InheritedPledge = OpenPledgeMark;
export type OutcomeCount = { status: PledgeStatus; pledges: number };

export type InheritedRow = {
  key: string;
  administration: AdministrationRef;
  endedOn: string;
  successor: AdministrationRef | null;
  /** `beyond the record` when the handover lies after the record's last fact: nothing is counted as handed over. */
  record: 'within the record' | typeof BEYOND_THE_RECORD;
  /** Pledges involving the country (by its country parties) open on its last day. */
  open: number;
  /** The day outcomes are read: the successor's end, or asOf while it is in office; never after the record's last day. */
  outcomeOn: string | null;
  /** `beyond the record` when the successor's end (or asOf) lies after the record's last fact, so outcomes are read at its end. */
  outcomeRecord: 'within the record' | typeof BEYOND_THE_RECORD;
  outcomes: OutcomeCount[];
  /** The first few pledges; `list` gives them all (the board as of the handover). */
  pledges: InheritedPledge[];
  list: string;
};

export interface InheritedFilters {
  country?: string;
  administration?: string;
}

function successorOf(all: AdministrationView[], a: AdministrationView): AdministrationView | null {
  return all.find((b) => b.country === a.country && b.startedOn > a.startedOn) ?? null;
}

/**
 * Pledges involving a country that were open when its administration ended, and what became of
 * them under the next one: counts by outcome and the first few. Administrations still in office
 * on asOf have not handed anything over.
 */
export function inheritedCommitments(source: ReportSource, filters: InheritedFilters = {}): InheritedRow[] {
  const coverage = source.coverage();
  const all = source.administrations();
  const rows: InheritedRow[] = [];
  for (const a of all) {
    if (a.endedOn === null) continue;
    if (filters.country && a.country !== filters.country) continue;
    if (filters.administration && a.id !== filters.administration) continue;
    const endedOn = a.endedOn;
    const successor = successorOf(all, a);
    const head = { key: a.id, administration: administrationRef(a), endedOn, successor: successor ? administrationRef(successor) : null };
    const list = listQuery('/v1/pledges', { asOf: endedOn, country: a.country, status: OPEN_PLEDGE_STATUSES.join(',') });
    if (isBeyond(coverage, endedOn)) {
      rows.push({ ...head, record: BEYOND_THE_RECORD, open: 0, outcomeOn: null, outcomeRecord: BEYOND_THE_RECORD, outcomes: [], pledges: [], list });
      continue;
    }
    const wanted = successor?.endedOn ?? source.asOf;
    const outcomeOn = isBeyond(coverage, wanted) ? coverage.to! : wanted;
    const { open, outcomes, first } = source.inheritance(a.country, endedOn, outcomeOn);
    rows.push({
      ...head,
      record: 'within the record',
      open,
      outcomeOn,
      outcomeRecord: outcomeOn === wanted ? 'within the record' : BEYOND_THE_RECORD,
      outcomes,
      pledges: first,
      list,
    });
  }
  return sortBy(rows, inheritedKey);
}

export const inheritedKey = (r: InheritedRow) => sortKey(r.endedOn, r.key);
