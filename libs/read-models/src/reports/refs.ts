import type { PledgeStatus } from '@concordat/domain';
import type { EffectivePledge } from '../ledger-view/effective-view';
import type { MeetingView } from '../ledger-view/meeting.view';
import type { AdministrationView } from '../ledger-view/reference.views';

/** Short references that reports nest, so a row names what it rests on without copying it whole. */
export type AdministrationRef = { id: string; country: string; leader: string; startedOn: string; endedOn: string | null };
export type MeetingRef = { id: string; forum: string; title: string; heldOn: string };
export type PledgeRef = { id: string; description: string; madeOn: string; status: PledgeStatus; meetingId: string | null };

/** How many references a report row carries before it points at the query that lists the rest. */
export const FIRST_REFERENCES = 3;

export function administrationRef(a: AdministrationView): AdministrationRef {
  return { id: a.id, country: a.country, leader: a.leader, startedOn: a.startedOn, endedOn: a.endedOn };
}

export function meetingRef(m: MeetingView): MeetingRef {
  return { id: m.id, forum: m.forum, title: m.title, heldOn: m.heldOn.date };
}

export function pledgeRef(p: EffectivePledge): PledgeRef {
  return { id: p.pledge.id, description: p.pledge.description, madeOn: p.pledge.madeOn.date, status: p.status, meetingId: p.pledge.meetingId };
}

/** Sort keys are strings whose plain order is the report's order; paging cursors carry them. */
export function sortKey(...parts: Array<string | number>): string {
  return parts.map(String).join('\u0000');
}

export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function sortBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  return items.map((item) => ({ item, k: key(item) })).sort((a, b) => compareKeys(a.k, b.k)).map((x) => x.item);
}

/** Whole days from `from` to `to` (full dates), by the UTC calendar. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** A query string of the read API, from the parameters that are set. */
export function listQuery(path: string, params: Record<string, string | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, v);
  const text = q.toString().replace(/%2C/g, ',');
  return text ? `${path}?${text}` : path;
}
