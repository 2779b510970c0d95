import type { Assert, CoversAll } from '../common/type-checks';
import type { PartialDate, SourceRef } from '../common/values';
import type { IsPlainJson } from '../json';
import type { MinutesPledge } from '../pledge/pledge-terms';

export type CoChair = { name: string; title: string | null; country: string; organization: string | null };
export type Delegation = { country: string; agencies: string[]; note: string | null };
/** A theme the parties agreed to work on, in their own words; cites the minutes unless it has its own source. */
export type Priority = { theme: string; statement: string; source: SourceRef };

/** What the minutes say about the sitting itself; every field is correctable. */
export type MeetingFacts = {
  title: string;
  sequence: number | null;
  heldOn: PartialDate;
  place: string | null;
  hostCountry: string | null;
  coChairs: CoChair[];
  delegations: Delegation[];
  summary: string | null;
  priorities: Priority[];
  source: SourceRef;
};

/**
 * The whole minutes, atomically. `pledges` carry resolved ids and money entry ids: a process
 * manager creates each pledge stream from this event alone (MakePledge, origin `minutes`).
 */
export type MinutesRecorded = {
  type: 'MinutesRecorded';
  data: MeetingFacts & { meetingId: string; forum: string; pledges: MinutesPledge[] };
};

/** Replaces whole fields of the minutes. Pledges are corrected on their own streams. */
export type MeetingCorrected = {
  type: 'MeetingCorrected';
  data: { meetingId: string; reason: string; changes: Partial<MeetingFacts> };
};

/** The minutes were recorded in error; the record of them stays. */
export type MeetingRetracted = { type: 'MeetingRetracted'; data: { meetingId: string; reason: string } };

export type MeetingEvent = MinutesRecorded | MeetingCorrected | MeetingRetracted;

export const MEETING_EVENT_TYPES = ['MinutesRecorded', 'MeetingCorrected', 'MeetingRetracted'] as const;

type _Listed = Assert<CoversAll<MeetingEvent['type'], (typeof MEETING_EVENT_TYPES)[number]>>;
type _Json = Assert<IsPlainJson<MeetingEvent['data']>>;
