/// <reference lib="dom" />
import { allPages, endOfPeriod, type Clock } from './http';

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

/** Dates worth stopping the asOf slider on: every meeting's (end of an imprecise date), as the record stands today. */
export async function loadRecordDates(today: string, signal?: AbortSignal): Promise<string[]> {
  const { items } = await allPages('/v1/reports/forum-activity', { asOf: today, knownAt: null }, { limit: 100 }, signal);
  const dates = new Set<string>();
  for (const r of items) for (const m of r.meetings ?? []) dates.add(endOfPeriod(m.heldOn?.date ?? m.heldOn));
  return [...dates].sort();
}
