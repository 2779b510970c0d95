import { effectiveEnd } from '@concordat/shared-kernel';
import type { MeetingView } from '../ledger-view/meeting.view';
import type { PledgeView } from '../ledger-view/pledge.view';
import type { AgreementOccurrence } from '../reports/report-source';
import { agreementStep, meetingOccasion, pledgeOccasion } from './agreement';
import { meetingCountries, pledgeCountries, unique } from './parties';

/** An occurrence with the first asOf on which it counts (the read models store it so). */
export type StoredOccurrence = AgreementOccurrence & { countsFrom: string };

const key = (...parts: string[]) => parts.join('\u0000');

/**
 * A meeting's priorities, one per theme (the first statement on it): agreed by the meeting's
 * countries on its date. Retracted minutes agree nothing.
 */
export function meetingOccurrences(meeting: MeetingView, forumParties: readonly string[]): StoredOccurrence[] {
  if (meeting.retraction !== null) return [];
  const countries = meetingCountries(meeting, forumParties);
  const countsFrom = effectiveEnd(meeting.heldOn.date);
  const seen = new Set<string>();
  const rows: StoredOccurrence[] = [];
  for (const p of meeting.priorities) {
    if (seen.has(p.theme)) continue;
    seen.add(p.theme);
    rows.push({
      theme: p.theme,
      occasion: meetingOccasion(meeting.id),
      kind: 'priority',
      meetingId: meeting.id,
      pledgeId: null,
      date: meeting.heldOn.date,
      countries,
      order: key(countsFrom, meetingOccasion(meeting.id), 'a', ''),
      words: p.statement,
      source: p.source,
      label: meeting.title,
      madeOn: meeting.heldOn.date,
      countsFrom,
    });
  }
  return rows;
}

/**
 * An agreed pledge's themes: credited at the step that made it an agreement, to its country
 * parties only; it counts once both it was made and that step's period has passed.
 */
export function pledgeOccurrences(pledge: PledgeView): StoredOccurrence[] {
  if (pledge.retraction !== null) return [];
  const step = agreementStep(pledge);
  if (step === null) return [];
  const madeEnd = effectiveEnd(pledge.madeOn.date);
  const countsFrom = step.countsFrom > madeEnd ? step.countsFrom : madeEnd;
  const occasion = pledgeOccasion(pledge);
  return unique(pledge.themes).map((theme) => ({
    theme,
    occasion,
    kind: 'pledge' as const,
    meetingId: pledge.meetingId,
    pledgeId: pledge.id,
    date: step.date.date,
    countries: pledgeCountries(pledge),
    // Ordered by the day it counts (like a meeting's): whatever counts by a date is then a prefix of the order.
    order: key(countsFrom, occasion, 'b', pledge.id),
    words: pledge.description,
    source: pledge.source,
    label: pledge.description,
    madeOn: pledge.madeOn.date,
    countsFrom,
  }));
}
