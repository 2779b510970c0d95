import { orderTimeline, type PartialDate, type PledgeStatus } from '@concordat/domain';
import { effectiveEnd } from '@concordat/shared-kernel';
import type { PledgeView } from '../ledger-view/pledge.view';

/**
 * Statuses that say a government accepted the pledge: `agreed`, and the statuses of carrying it
 * out. `proposed` and `not_yet_assessed` say nobody did; `lapsed`, `withdrawn` and `superseded`
 * say nothing either way (a recommendation nobody took up lapses too), so they count only after
 * one of these.
 */
export const AGREEMENT_STATUSES: readonly PledgeStatus[] = ['agreed', 'in_progress', 'stalled', 'suspended', 'partially_fulfilled', 'fulfilled'];

export function isAgreementStatus(status: PledgeStatus): boolean {
  return AGREEMENT_STATUSES.includes(status);
}

/** The step that made a pledge an agreement: its date (credited there) and when it counts for asOf. */
export type AgreementStep = { entryId: string | null; date: PartialDate; countsFrom: string };

/**
 * The first step of the pledge's timeline (its initial status, then its changes in the domain's
 * order) whose status is an agreement status; null when none is. As of a date D the pledge is an
 * agreement exactly when this step counts by D: the timeline is ordered by the end of each date,
 * so no earlier-counting step can be an agreement if this one is not yet.
 */
export function agreementStep(pledge: PledgeView): AgreementStep | null {
  if (isAgreementStatus(pledge.initialStatus)) return { entryId: null, date: pledge.madeOn, countsFrom: effectiveEnd(pledge.madeOn.date) };
  for (const entry of orderTimeline(pledge.statusEntries)) {
    if (isAgreementStatus(entry.status)) return { entryId: entry.entryId, date: entry.effectiveOn, countsFrom: effectiveEnd(entry.effectiveOn.date) };
  }
  return null;
}

/**
 * One occasion per theme: the meeting a pledge was made at, or the source document of an
 * undertaking outside a meeting. Five items of one agenda on a theme are one occasion.
 */
export function pledgeOccasion(pledge: Pick<PledgeView, 'meetingId' | 'source'>): string {
  return pledge.meetingId !== null ? `meeting:${pledge.meetingId}` : `document:${pledge.source.document}`;
}

export function meetingOccasion(meetingId: string): string {
  return `meeting:${meetingId}`;
}
