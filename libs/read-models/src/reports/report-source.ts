import type { PledgeStatus, SourceRef } from '@concordat/domain';
import type { DayInterval } from '@concordat/shared-kernel';
import type { Coverage } from '../counting/coverage';
import type { EffectivePledge } from '../ledger-view/effective-view';
import type { MeetingView } from '../ledger-view/meeting.view';
import type { AdministrationView, ForumView, ThemeView } from '../ledger-view/reference.views';
import type { PageRequest } from './paging';

/**
 * What the reports read, answered for one question "as of D, as known at T". Two adapters: the
 * naive replay (`MemorySource` over `viewAt`, the definition) and the SQLite read models
 * (`SqliteSource`, indexed range queries); the property tests hold them equal. Every method
 * returns what counts on D: retracted meetings and pledges only where it says so.
 */
export interface ReportSource {
  readonly asOf: string;
  /** Started by asOf, by country then start; an end after asOf reads as null. Reference data: small. */
  administrations(): AdministrationView[];
  /** Forums established by asOf (or of unknown establishment), by id. */
  forums(): ForumView[];
  /** Any registered forum (names of meetings whose forum is not established yet). */
  forum(id: string): ForumView | undefined;
  themes(): ThemeView[];
  themeName(id: string): string | null;
  /** First and last day of the facts held by asOf: overall, or of one forum's meetings and pledges. */
  coverage(forum?: string): Coverage;
  /** Held by asOf; retracted included (flagged). */
  meeting(id: string): MeetingView | undefined;
  meetings(ids: readonly string[]): Map<string, MeetingView>;
  /** Made by asOf; retracted included (flagged). */
  pledge(id: string): EffectivePledge | undefined;
  pledges(ids: readonly string[]): Map<string, EffectivePledge>;
  /** What a meeting's detail shows of its pledges made by asOf (retracted included, flagged), without their histories. */
  pledgeStates(ids: readonly string[]): Map<string, PledgeState>;
  /** Counted meetings (not retracted) matching the filters, in (end of heldOn, id) order. */
  meetingsPage(filters: MeetingFilters, page: PageRequest): SourcePage<MeetingView>;
  /** Counted pledges matching the filters, in (end of madeOn, id) order. */
  pledgesPage(filters: PledgeFilters, page: PageRequest): SourcePage<EffectivePledge>;
  /**
   * Per theme, the agreements that count by asOf, involve every one of the request's countries and
   * whose interval overlaps its period: counted by occasion and by pledge, certain (wholly inside
   * the period) and uncertain apart, with the first few occasions and items (`theme-tally.ts`).
   */
  themeTallies(request: TallyRequest, options: TallyOptions): ThemeTally[];
  /** What forum activity reads of a forum's counted meetings (`summarizeMeetings` in forum-activity.ts defines it). */
  forumMeetings(forum: string): ForumMeetings;
  /** Counted pledges involving `country` open on `day`: counted by their status on `outcomeOn`, and the first few. */
  inheritance(country: string, day: string, outcomeOn: string): Inheritance;
}

/** A pledge's description, themes and status on asOf: `pledges` without the histories. */
export type PledgeState = { description: string; themes: string[]; status: PledgeStatus; retracted: boolean };

/** `total` is capped at TOTAL_CAP (`totalExact` false beyond). */
export type SourcePage<T> = { rows: T[]; total: number; totalExact: boolean; nextKey: string | null };

export type AttributionFilter = 'certain' | undefined;

export interface PledgeFilters {
  status?: PledgeStatus[];
  theme?: string;
  party?: string;
  forum?: string;
  /** A country among the pledge's country parties (`by`, `accountable`). */
  country?: string;
  /** Falls in this administration's term (its interval overlaps) and involves its country; ids joined by commas must all hold. */
  administration?: string;
  /** With `administration`: only pledges wholly inside its term. */
  attribution?: AttributionFilter;
  /** Full dates, compared with the end of `madeOn`'s period. */
  madeFrom?: string;
  madeTo?: string;
}

export interface MeetingFilters {
  forum?: string;
  theme?: string;
  country?: string;
  administration?: string;
  attribution?: AttributionFilter;
  /** Full dates, compared with the end of `heldOn`'s period. */
  from?: string;
  to?: string;
}

/**
 * One theme agreed on one occasion by one item: a meeting's priority or an agreed pledge. The
 * report counts distinct occasions; `date` is where the agreement is credited (the meeting's
 * date, the pledge's, or the status change that says a government agreed to a recommendation).
 */
export type AgreementOccurrence = {
  theme: string;
  occasion: string;
  kind: 'priority' | 'pledge';
  meetingId: string | null;
  pledgeId: string | null;
  date: string;
  countries: string[];
  /** Sort key: the day it counts (the end of its date, or of the pledge's own date if later), occasion, item. */
  order: string;
  words: string;
  source: SourceRef;
  /** The pledge's description and madeOn, or the meeting's title. */
  label: string;
  madeOn: string;
};

export type TallyOptions = { theme?: string; certainOnly?: boolean };

/**
 * One priorities row's question: its scope (`tally-scopes.ts`: an administration's id, or a
 * pair's ids joined by `+`), the countries that must all be parties, and the period counted (the
 * scope's term, ended at asOf or the record's last day where the report says so). Agreements
 * that count by asOf all end by then, so that cut never changes the answer; the read models
 * keep each scope's tally ready and answer from it.
 */
export type TallyRequest = { scope: string; countries: readonly string[]; period: DayInterval };

export type OccasionRef = { occasion: string; meetingId: string | null; pledgeId: string | null; date: string; label: string; attribution: 'certain' | 'uncertain' };
export type ThemeEvidence = { meetingId: string | null; pledgeId: string | null; words: string; source: SourceRef };

export type ThemeTally = {
  theme: string;
  /** Distinct occasions (meetings, or source documents for undertakings outside a meeting), certain and uncertain together. */
  occasions: number;
  /** Of those, occasions whose date interval only partly lies in the period (it spans a handover). */
  occasionsUncertain: number;
  /** Distinct agreed pledges on the theme, certain and uncertain together. */
  pledges: number;
  pledgesUncertain: number;
  /** The dates (as recorded) of the first and the last occasion on the theme, occasions in the order of their first items (by the day each counts). */
  firstAgreedOn: string;
  lastAgreedOn: string;
  /** The first occasions in date order. */
  firstOccasions: OccasionRef[];
  /** The words and quoted source of the first items. */
  evidence: ThemeEvidence[];
};

export type MeetingMark = { id: string; title: string; sequence: number | null; heldOn: string };

/** The silence between two recorded sittings; `unrecordedMeetings` counts sittings known by their numbering that fall inside it. */
export type MeetingGap = { fromMeeting: string; toMeeting: string; from: string; to: string; days: number; unrecordedMeetings: number };
/**
 * What forum activity reads of a forum's counted meetings as of asOf: counts, the first and last
 * few, the longest gaps and the sequence numbers the record lacks. `summarizeMeetings` is its
 * definition over the whole list; the read models keep the pieces ready.
 */
export type ForumMeetings = {
  count: number;
  first: MeetingMark[];
  /** The last few, in order. */
  last: MeetingMark[];
  /** Meetings per year of the end of heldOn, years without meetings left out. */
  years: Array<{ year: number; meetings: number }>;
  gapCount: number;
  longestGaps: MeetingGap[];
  longestGapDays: number | null;
  unrecordedSequences: { count: number; first: number[] };
};


export type OpenPledgeMark = { id: string; description: string; madeOn: string; statusAtHandover: PledgeStatus; outcome: PledgeStatus };

/** Counted pledges involving a country open on a day: how many, how many by their status on the outcome day (by status), and the first few in (end of madeOn, id) order. */
export type Inheritance = { open: number; outcomes: Array<{ status: PledgeStatus; pledges: number }>; first: OpenPledgeMark[] };
