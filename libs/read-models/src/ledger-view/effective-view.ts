import { orderTimeline, type PartialDate, type PledgeStatus, type SourceRef } from '@concordat/domain';
import { effectiveEnd, isEffectiveBy } from '@concordat/shared-kernel';
import type { LedgerView } from './ledger-view';
import type { MeetingView } from './meeting.view';
import type { MoneyEntryView, PledgeView, StatusEntryView } from './pledge.view';
import type { CorrectionNote } from './provenance';
import type { AdministrationView, ForumView, ThemeView } from './reference.views';

/**
 * One step of a pledge's status history as it stood on the `asOf` date: the initial status
 * (entryId null, from `madeOn`) and then every change that counts, in the domain's timeline order.
 */
export type TimelineStep = {
  entryId: string | null;
  status: PledgeStatus;
  previousStatus: PledgeStatus | null;
  effectiveOn: PartialDate;
  reason: string | null;
  evidence: SourceRef;
  recordedAt: string;
  recordedBy: string;
  corrections: CorrectionNote[];
};

export type EffectivePledge = {
  pledge: PledgeView;
  /** Status in effect on `asOf`. */
  status: PledgeStatus;
  timeline: TimelineStep[];
  /** Money facts in force by `asOf` (retracted ones left out), in recording order. */
  money: MoneyEntryView[];
  /** Status changes retracted as entered in error, effective by `asOf`: shown, never counted. */
  voidedEntries: StatusEntryView[];
};

/**
 * The ledger as of one date. THE imprecise-date rule applies everywhere here: a partial date
 * counts at the END of its period (`2016` on 2016-12-31, `2016-10` on 2016-10-31), so a fact
 * dated "in 2016" is neither counted before 2016 is over nor placed before a dated 2016 fact.
 * Retracted meetings and pledges stay in the lists (flagged) so detail answers can show them;
 * reports skip them.
 */
export interface EffectiveView {
  asOf: string;
  /** Started by `asOf`, by country then start; an `endedOn` after `asOf` reads as still in office. */
  administrations: AdministrationView[];
  /** Registered forums established by `asOf` (or with no known establishment date). */
  forums: Map<string, ForumView>;
  /** Themes have no effective date: the vocabulary applies to every date. */
  themes: Map<string, ThemeView>;
  meetings: MeetingView[];
  pledges: EffectivePledge[];
  /** Every registered forum, for names of meetings whose forum was established later than asserted. */
  allForums: Map<string, ForumView>;
}

export const endOf = (date: PartialDate | string): string => effectiveEnd(typeof date === 'string' ? date : date.date);

function byKey<T>(key: (item: T) => string): (a: T, b: T) => number {
  return (a, b) => {
    const x = key(a);
    const y = key(b);
    return x < y ? -1 : x > y ? 1 : 0;
  };
}

function stepOf(entry: StatusEntryView, previous: PledgeStatus): TimelineStep {
  return {
    entryId: entry.entryId,
    status: entry.status,
    previousStatus: previous,
    effectiveOn: entry.effectiveOn,
    reason: entry.reason,
    evidence: entry.evidence,
    recordedAt: entry.recorded.recordedAt,
    recordedBy: entry.recorded.recordedBy,
    corrections: entry.corrections,
  };
}

/** The pledge's timeline cut at `asOf`, through the domain's own ordering (`orderTimeline`). */
export function effectivePledge(pledge: PledgeView, asOf: string): EffectivePledge {
  const initial: TimelineStep = {
    entryId: null,
    status: pledge.initialStatus,
    previousStatus: null,
    effectiveOn: pledge.madeOn,
    reason: null,
    evidence: pledge.source,
    recordedAt: pledge.recorded.recordedAt,
    recordedBy: pledge.recorded.recordedBy,
    corrections: [],
  };
  const timeline = [initial];
  for (const entry of orderTimeline(pledge.statusEntries) as StatusEntryView[]) {
    if (isEffectiveBy(entry.effectiveOn.date, asOf)) timeline.push(stepOf(entry, timeline[timeline.length - 1].status));
  }
  return {
    pledge,
    status: timeline[timeline.length - 1].status,
    timeline,
    money: pledge.moneyEntries.filter((m) => !m.retracted && isEffectiveBy(m.asOf.date, asOf)),
    voidedEntries: pledge.statusEntries.filter((e) => e.retracted && isEffectiveBy(e.effectiveOn.date, asOf)),
  };
}

/** Status in effect on `date` (a full date not after the view's asOf); null before the pledge was made. */
export function statusOn(pledge: EffectivePledge, date: string): PledgeStatus | null {
  if (!isEffectiveBy(pledge.pledge.madeOn.date, date)) return null;
  const [initial, ...changes] = pledge.timeline;
  let status = initial.status;
  for (const step of changes) {
    // The timeline is in effective order, so the first step after `date` ends the walk.
    if (!isEffectiveBy(step.effectiveOn.date, date)) break;
    status = step.status;
  }
  return status;
}

/** Administrations started by asOf, by country then start; an end after asOf reads as still in office. */
export function administrationsAsOf(all: Iterable<AdministrationView>, asOf: string): AdministrationView[] {
  return [...all]
    .filter((a) => a.startedOn <= asOf)
    .map((a) => (a.endedOn !== null && a.endedOn > asOf ? { ...a, endedOn: null } : a))
    .sort(byKey((a) => `${a.country}\u0000${a.startedOn}\u0000${a.id}`));
}

/** Forums established by asOf, or of unknown establishment. */
export function forumEstablishedBy(f: ForumView, asOf: string): boolean {
  return f.establishedOn === null || isEffectiveBy(f.establishedOn.date, asOf);
}

export function applyAsOf(view: LedgerView, asOf: string): EffectiveView {
  const administrations = administrationsAsOf(view.administration.values(), asOf);
  const forums = new Map([...view.forum].filter(([, f]) => forumEstablishedBy(f, asOf)));
  const meetings = [...view.meeting.values()]
    .filter((m) => isEffectiveBy(m.heldOn.date, asOf))
    .sort(byKey((m) => `${endOf(m.heldOn)}\u0000${m.id}`));
  const pledges = [...view.pledge.values()]
    .filter((p) => isEffectiveBy(p.madeOn.date, asOf))
    .sort(byKey((p) => `${endOf(p.madeOn)}\u0000${p.id}`))
    .map((p) => effectivePledge(p, asOf));
  return { asOf, administrations, forums, themes: view.theme, meetings, pledges, allForums: view.forum };
}
