import type { CoChair, Delegation, PartialDate, PledgeStatus, SourceRef } from '@concordat/domain';
import { attribute, type AttributionKind } from '../counting/attribution';
import { meetingCountries, unique } from '../counting/parties';
import { endOf } from '../ledger-view/effective-view';
import type { MeetingView } from '../ledger-view/meeting.view';
import type { CorrectionNote, RetractionNote } from '../ledger-view/provenance';
import { encodeCursor, type Page, type PageRequest } from './paging';
import { sortKey } from './refs';
import type { MeetingFilters, ReportSource } from './report-source';

export type { MeetingFilters } from './report-source';

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
  /** Administrations of the countries taking part whose term overlaps the meeting's date interval. */
  administrations: string[];
  attribution: AttributionKind;
  candidates: string[];
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

export function meetingItem(source: ReportSource, m: MeetingView): MeetingItem {
  const countries = meetingCountries(m, source.forum(m.forum)?.parties ?? []);
  const attribution = attribute(m.heldOn.date, countries, source.administrations());
  return {
    id: m.id,
    revision: m.revision,
    forum: m.forum,
    forumName: source.forum(m.forum)?.name ?? null,
    title: m.title,
    sequence: m.sequence,
    heldOn: m.heldOn,
    place: m.place,
    hostCountry: m.hostCountry,
    themes: unique(m.priorities.map((p) => p.theme)),
    countries,
    pledgeIds: m.pledgeIds,
    administrations: attribution.administrations,
    attribution: attribution.attribution,
    candidates: attribution.candidates,
    recordedAt: m.recorded.recordedAt,
  };
}

export function meetingsList(source: ReportSource, filters: MeetingFilters, page: PageRequest): Page<MeetingItem> {
  const found = source.meetingsPage(filters, page);
  return { items: found.rows.map((m) => meetingItem(source, m)), page: { limit: page.limit, offset: page.offset ?? 0, total: found.total, totalExact: found.totalExact, nextCursor: found.nextKey === null ? null : encodeCursor(found.nextKey) } };
}

export const meetingItemKey = (m: MeetingItem) => sortKey(endOf(m.heldOn), m.id);

/** One meeting, retracted minutes included (flagged); undefined when not held by asOf or unknown. */
export function meetingDetail(source: ReportSource, id: string): MeetingDetail | undefined {
  const m = source.meeting(id);
  if (!m) return undefined;
  const pledges = source.pledgeStates(m.pledgeIds);
  return {
    ...meetingItem(source, m),
    coChairs: m.coChairs,
    delegations: m.delegations,
    summary: m.summary,
    priorities: m.priorities.map((p) => ({ theme: p.theme, themeName: source.themeName(p.theme), statement: p.statement, source: p.source })),
    pledges: m.pledgeIds.map((pid) => {
      const p = pledges.get(pid);
      return p
        ? { id: pid, description: p.description, themes: p.themes, status: p.retracted ? null : p.status }
        : { id: pid, description: null, themes: [], status: null };
    }),
    source: m.source,
    recordedBy: m.recorded.recordedBy,
    corrections: m.corrections,
    retraction: m.retraction,
  };
}
