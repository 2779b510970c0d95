import type { ForumItem, MeetingDetail } from '@concordat/read-models';

/**
 * The record in the Popolo data specification's terms (popoloproject.com), the shape open-data
 * tools load: forums and delegations are organizations, co-chairs are people, a co-chair's
 * seat at a meeting is a membership of the forum on behalf of a country's delegation, and a
 * meeting is an event. Dates are ISO 8601 and may be a year or a month, as recorded.
 */
export type PopoloSource = { url?: string; note: string };
export type PopoloOrganization = { id: string; name: string; classification: string; other_names?: Array<{ name: string }>; parent_id?: string; founding_date?: string; area_id?: string; sources: PopoloSource[] };
export type PopoloPerson = { id: string; name: string; sources: PopoloSource[] };
export type PopoloMembership = { id: string; person_id: string; organization_id: string; on_behalf_of_id: string; role: string; label?: string; start_date: string; end_date: string };
export type PopoloEvent = { id: string; name: string; classification: string; start_date: string; organization_id: string; location?: string; identifiers?: Array<{ scheme: string; identifier: string }>; sources: PopoloSource[] };
export type PopoloExport = { organizations: PopoloOrganization[]; persons: PopoloPerson[]; memberships: PopoloMembership[]; events: PopoloEvent[] };

const slug = (text: string): string =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

const sourceOf = (s: { document: string; locator: string | null; quote: string | null }): PopoloSource => ({
  ...(/^https?:\/\//.test(s.document) ? { url: s.document } : {}),
  note: [s.document, s.locator, s.quote].filter(Boolean).join(' | '),
});

const delegationId = (country: string): string => `delegation-${country.toLowerCase()}`;

export function toPopolo(forums: ForumItem[], meetings: MeetingDetail[]): PopoloExport {
  const organizations = new Map<string, PopoloOrganization>();
  const persons = new Map<string, PopoloPerson>();
  const memberships: PopoloMembership[] = [];
  for (const f of forums) {
    organizations.set(f.id, {
      id: f.id,
      name: f.name,
      classification: f.kind,
      ...(f.aliases.length ? { other_names: f.aliases.map((name) => ({ name })) } : {}),
      ...(f.parentForum ? { parent_id: f.parentForum } : {}),
      ...(f.establishedOn ? { founding_date: f.establishedOn.date } : {}),
      sources: [sourceOf(f.source)],
    });
  }
  const events = meetings.map((m): PopoloEvent => {
    for (const d of m.delegations) {
      const id = delegationId(d.country);
      if (!organizations.has(id)) organizations.set(id, { id, name: `${d.country} delegation`, classification: 'delegation', area_id: d.country, sources: [sourceOf(m.source)] });
      for (const agency of d.agencies) {
        const agencyId = `${id}-${slug(agency)}`;
        if (!organizations.has(agencyId)) organizations.set(agencyId, { id: agencyId, name: agency, classification: 'agency', parent_id: id, area_id: d.country, sources: [sourceOf(m.source)] });
      }
    }
    for (const chair of m.coChairs) {
      const personId = slug(chair.name);
      if (!persons.has(personId)) persons.set(personId, { id: personId, name: chair.name, sources: [sourceOf(m.source)] });
      const onBehalf = delegationId(chair.country);
      if (!organizations.has(onBehalf)) organizations.set(onBehalf, { id: onBehalf, name: `${chair.country} delegation`, classification: 'delegation', area_id: chair.country, sources: [sourceOf(m.source)] });
      memberships.push({
        id: `${m.id}-co-chair-${personId}`,
        person_id: personId,
        organization_id: m.forum,
        on_behalf_of_id: onBehalf,
        role: 'co-chair',
        ...(chair.title || chair.organization ? { label: [chair.title, chair.organization].filter(Boolean).join(', ') } : {}),
        start_date: m.heldOn.date,
        end_date: m.heldOn.date,
      });
    }
    return {
      id: m.id,
      name: m.title,
      classification: 'meeting',
      start_date: m.heldOn.date,
      organization_id: m.forum,
      ...(m.place ? { location: m.place } : {}),
      ...(m.sequence !== null ? { identifiers: [{ scheme: 'sequence', identifier: String(m.sequence) }] } : {}),
      sources: [sourceOf(m.source)],
    };
  });
  return { organizations: [...organizations.values()], persons: [...persons.values()], memberships, events };
}
