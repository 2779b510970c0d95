import { endOf, type EffectivePledge, type EffectiveView } from '../ledger-view/effective-view';
import type { MeetingView } from '../ledger-view/meeting.view';
import type { AdministrationView } from '../ledger-view/reference.views';

const COUNTRY = /^[A-Z]{2}$/;

/**
 * Lookups every report shares, built once per answer. It also holds the two participation
 * rules, so that all reports agree on them:
 * - a meeting involves the countries of its forum's parties, delegations, co-chairs and host;
 * - a pledge involves the countries that undertook it or answer for it (`by`, `accountable`;
 *   implementers and beneficiaries owe nothing); when none of them is a country code
 *   (e.g. "DHS"), the countries of its meeting, or else of its forum.
 */
export class LedgerIndex {
  /** Meetings and pledges that count: retracted ones are left out of every report. */
  readonly meetings: MeetingView[];
  readonly pledges: EffectivePledge[];
  private readonly meetingById = new Map<string, MeetingView>();
  private readonly countryCache = new Map<string, string[]>();

  constructor(readonly view: EffectiveView) {
    this.meetings = view.meetings.filter((m) => m.retraction === null);
    this.pledges = view.pledges.filter((p) => p.pledge.retraction === null);
    for (const m of this.meetings) this.meetingById.set(m.id, m);
  }

  get asOf(): string {
    return this.view.asOf;
  }

  meeting(id: string | null): MeetingView | undefined {
    return id === null ? undefined : this.meetingById.get(id);
  }

  forumName(id: string | null): string | null {
    return id === null ? null : (this.view.allForums.get(id)?.name ?? null);
  }

  themeName(id: string): string | null {
    return this.view.themes.get(id)?.name ?? null;
  }

  meetingCountries(m: MeetingView): string[] {
    const cached = this.countryCache.get(`m:${m.id}`);
    if (cached) return cached;
    const all = [
      ...(this.view.allForums.get(m.forum)?.parties ?? []),
      ...m.delegations.map((d) => d.country),
      ...m.coChairs.map((c) => c.country),
      ...(m.hostCountry ? [m.hostCountry] : []),
    ];
    const countries = unique(all.filter((c) => COUNTRY.test(c)));
    this.countryCache.set(`m:${m.id}`, countries);
    return countries;
  }

  pledgeCountries(p: EffectivePledge): string[] {
    const cached = this.countryCache.get(`p:${p.pledge.id}`);
    if (cached) return cached;
    const { by, accountable, meetingId, forum } = p.pledge;
    let countries = unique([...by, ...accountable].filter((c) => COUNTRY.test(c)));
    if (countries.length === 0) {
      const meeting = this.meeting(meetingId);
      if (meeting) countries = this.meetingCountries(meeting);
      else if (forum !== null) countries = unique((this.view.allForums.get(forum)?.parties ?? []).filter((c) => COUNTRY.test(c)));
    }
    this.countryCache.set(`p:${p.pledge.id}`, countries);
    return countries;
  }

  /** Administrations in office on `date` (a full date), optionally only of these countries. */
  administrationsOn(date: string, countries?: readonly string[]): AdministrationView[] {
    return this.view.administrations.filter((a) => inOffice(a, date) && (!countries || countries.includes(a.country)));
  }

  /** A meeting falls in the administrations in office on its date, of the countries it involves. */
  meetingAdministrations(m: MeetingView): string[] {
    return this.administrationsOn(endOf(m.heldOn), this.meetingCountries(m)).map((a) => a.id);
  }

  pledgeAdministrations(p: EffectivePledge): string[] {
    return this.administrationsOn(endOf(p.pledge.madeOn), this.pledgeCountries(p)).map((a) => a.id);
  }
}

/** In office on `date`: started by then and not yet ended (endedOn is the last day in office). */
export function inOffice(a: Pick<AdministrationView, 'startedOn' | 'endedOn'>, date: string): boolean {
  return a.startedOn <= date && (a.endedOn === null || date <= a.endedOn);
}

export function unique(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}
