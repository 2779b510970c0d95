/// <reference lib="dom" />
import { allPages, endOfPeriod, getJson, query, type Clock, type Raw } from './http';

/** Reference lists for the filters, and the record's dates for the asOf controls. */
export type OptionVM = { id: string; label: string };
export type ReferenceVM = { themes: OptionVM[]; forums: OptionVM[]; parties: OptionVM[]; administrations: Array<OptionVM & { country: string; from: string; to: string | null }> };

export async function loadReference(clock: Clock, signal?: AbortSignal): Promise<ReferenceVM> {
  const [themes, forums, admins] = await Promise.all([
    allPages('/v1/themes', clock, { limit: 500 }, signal),
    allPages('/v1/forums', clock, { limit: 500 }, signal),
    allPages('/v1/administrations', clock, { limit: 500 }, signal),
  ]);
  return {
    themes: themes.items.map((t) => ({ id: t.id, label: t.name })).sort((a, b) => a.label.localeCompare(b.label)),
    forums: forums.items.map((f) => ({ id: f.id, label: f.name })).sort((a, b) => a.label.localeCompare(b.label)),
    // Parties as the forums list them: countries (ISO codes) first, then organisations.
    parties: [...new Set<string>(forums.items.flatMap((f) => f.parties ?? []))]
      .sort((a, b) => Number(!/^[A-Z]{2}$/.test(a)) - Number(!/^[A-Z]{2}$/.test(b)) || a.localeCompare(b))
      .map((id) => ({ id, label: id })),
    administrations: admins.items.map((a) => ({ id: a.id, label: `${a.country} ${a.leader}`, country: a.country, from: a.startedOn, to: a.endedOn ?? null })),
  };
}

const DAY = 86_400_000;
const shiftDay = (date: string, days: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
const heldOnOf = (m: Raw): string => endOfPeriod(typeof m.heldOn === 'string' ? m.heldOn : m.heldOn.date);
const recordNow = (today: string): Clock => ({ asOf: today, knownAt: null });

/** The record's first meeting date (one meeting read), where the asOf slider starts. */
export async function firstMeetingDate(today: string, signal?: AbortSignal): Promise<string | null> {
  const body = await getJson(`/v1/meetings?${query(recordNow(today), { limit: 1 })}`, signal);
  return body.items[0] ? heldOnOf(body.items[0]) : null;
}

/**
 * The meeting date just after or just before `date`, as the record stands today, read as one or
 * two one-meeting pages of the meetings list (ordered by the end of heldOn): never the whole list.
 * Before: the count of meetings up to the day before, then the last of them by offset; when that
 * count is past the API's exact-total cap, the same within a narrower window.
 */
export async function neighbourMeetingDate(today: string, date: string, direction: 'next' | 'previous', signal?: AbortSignal): Promise<string | null> {
  const clock = recordNow(today);
  if (direction === 'next') {
    const body = await getJson(`/v1/meetings?${query(clock, { from: shiftDay(date, 1), limit: 1 })}`, signal);
    return body.items[0] ? heldOnOf(body.items[0]) : null;
  }
  const to = shiftDay(date, -1);
  for (const days of [null, 3660, 366, 31]) {
    const from = days === null ? undefined : shiftDay(date, -days);
    const counted = await getJson(`/v1/meetings?${query(clock, { from, to, limit: 1 })}`, signal);
    if (counted.page.total === 0) return null;
    if (counted.page.totalExact === false) continue;
    const last = await getJson(`/v1/meetings?${query(clock, { from, to, limit: 1, offset: counted.page.total - 1 })}`, signal);
    return last.items[0] ? heldOnOf(last.items[0]) : null;
  }
  return null;
}
