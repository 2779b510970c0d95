import type { CoChair, Delegation, PartialDate, PledgeStatus, SourceRef } from '@concordat/domain';
import { endOf } from '../ledger-view/effective-view';
import type { MeetingView } from '../ledger-view/meeting.view';
import type { CorrectionNote, RetractionNote } from '../ledger-view/provenance';
import { LedgerIndex, unique } from './ledger-index';
import { meetingKey, sortBy, sortKey } from './refs';

export type MeetingItem = {
  id: string;
  revision: number;
  forum: string;
  forumName: string | null;
  title: string;
  sequence: number | null;
  heldOn: PartialDate;
  place: string | null;
  hostCountry: string | null;
  /** Themes of the priorities agreed, each once. */
  themes: string[];
  countries: string[];
  pledgeIds: string[];
  /** Administrations in office on the meeting's date, of the countries taking part. */
  administrations: string[];
  recordedAt: string;
};

export type PriorityItem = { theme: string; themeName: string | null; statement: string; source: SourceRef };
export type MeetingPledge = { id: string; description: string | null; themes: string[]; status: PledgeStatus | null };

export type MeetingDetail = MeetingItem & {
  coChairs: CoChair[];
  delegations: Delegation[];
  summary: string | null;
  priorities: PriorityItem[];
  /** Pledges made at the meeting, with their status on asOf (null: retracted, or not on record by then). */
  pledges: MeetingPledge[];
  source: SourceRef;
  recordedBy: string;
  corrections: CorrectionNote[];
  retraction: RetractionNote | null;
};

export interface MeetingFilters {
  forum?: string;
  theme?: string;
  country?: string;
  administration?: string;
  /** Full dates, compared with the end of `heldOn`'s period. */
  from?: string;
  to?: string;
}

export function meetingItem(index: LedgerIndex, m: MeetingView): MeetingItem {
  return {
    id: m.id,
    revision: m.revision,
    forum: m.forum,
    forumName: index.forumName(m.forum),
    title: m.title,
    sequence: m.sequence,
    heldOn: m.heldOn,
    place: m.place,
    hostCountry: m.hostCountry,
    themes: unique(m.priorities.map((p) => p.theme)),
    countries: index.meetingCountries(m),
    pledgeIds: m.pledgeIds,
    administrations: index.meetingAdministrations(m),
    recordedAt: m.recorded.recordedAt,
  };
}

export function meetingsList(index: LedgerIndex, f: MeetingFilters = {}): MeetingItem[] {
  const rows = index.meetings.filter((m) => {
    const held = endOf(m.heldOn);
    if (f.forum && m.forum !== f.forum) return false;
    if (f.theme && !m.priorities.some((p) => p.theme === f.theme)) return false;
    if (f.country && !index.meetingCountries(m).includes(f.country)) return false;
    if (f.from && held < f.from) return false;
    if (f.to && held > f.to) return false;
    if (f.administration && !index.meetingAdministrations(m).includes(f.administration)) return false;
    return true;
  });
  return sortBy(rows, meetingKey).map((m) => meetingItem(index, m));
}

export const meetingItemKey = (m: MeetingItem) => sortKey(endOf(m.heldOn), m.id);

/** One meeting, retracted minutes included (flagged); undefined when not held by asOf or unknown. */
export function meetingDetail(index: LedgerIndex, id: string): MeetingDetail | undefined {
  const m = index.view.meetings.find((x) => x.id === id);
  if (!m) return undefined;
  const pledges = new Map(index.view.pledges.map((p) => [p.pledge.id, p]));
  return {
    ...meetingItem(index, m),
    coChairs: m.coChairs,
    delegations: m.delegations,
    summary: m.summary,
    priorities: m.priorities.map((p) => ({ theme: p.theme, themeName: index.themeName(p.theme), statement: p.statement, source: p.source })),
    pledges: m.pledgeIds.map((pid) => {
      const p = pledges.get(pid);
      return p
        ? { id: pid, description: p.pledge.description, themes: p.pledge.themes, status: p.pledge.retraction ? null : p.status }
        : { id: pid, description: null, themes: [], status: null };
    }),
    source: m.source,
    recordedBy: m.recorded.recordedBy,
    corrections: m.corrections,
    retraction: m.retraction,
  };
}
