import type { MeetingView } from '../ledger-view/meeting.view';
import type { PledgeView } from '../ledger-view/pledge.view';

const COUNTRY = /^[A-Z]{2}$/;

export function isCountry(party: string): boolean {
  return COUNTRY.test(party);
}

export function unique(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}

/**
 * Credit goes to a government only through a party that is a country. A pledge involves the
 * countries among those who undertook it or answer for it (`by`, `accountable`); an academic
 * author or an agency name credits nobody, and nothing is borrowed from its meeting or forum.
 */
export function pledgeCountries(pledge: Pick<PledgeView, 'by' | 'accountable'>): string[] {
  return unique([...pledge.by, ...pledge.accountable].filter(isCountry));
}

/** A meeting involves the countries among its forum's parties, delegations, co-chairs and host. */
export function meetingCountries(meeting: Pick<MeetingView, 'delegations' | 'coChairs' | 'hostCountry'>, forumParties: readonly string[]): string[] {
  const all = [...forumParties, ...meeting.delegations.map((d) => d.country), ...meeting.coChairs.map((c) => c.country), ...(meeting.hostCountry ? [meeting.hostCountry] : [])];
  return unique(all.filter(isCountry));
}
