import { dateInterval, type DayInterval } from '@concordat/shared-kernel';
import { within } from '../counting/attribution';
import { FIRST_REFERENCES } from './refs';
import type { AgreementOccurrence, OccasionRef, TallyOptions, ThemeTally } from './report-source';

/**
 * The tally of agreement occurrences (already in `order`) per theme, for one period. An
 * occurrence is certain when its interval lies wholly inside the period. Per theme: distinct
 * occasions (an occasion is certain when any of its items is; its date and label are its first
 * item's; occasions are in the order of their first items), distinct pledges (certain likewise),
 * the dates of the first and the last occasion, the first occasions and the first items' words. The read models compute the same in SQL.
 */
export function tallyOccurrences(rows: readonly AgreementOccurrence[], period: DayInterval, options: TallyOptions): ThemeTally[] {
  type Acc = { occasions: Map<string, OccasionRef>; pledges: Map<string, boolean>; rows: AgreementOccurrence[] };
  const byTheme = new Map<string, Acc>();
  for (const o of rows) {
    const certain = within(dateInterval(o.date), period);
    if (options.certainOnly && !certain) continue;
    let t = byTheme.get(o.theme);
    if (!t) byTheme.set(o.theme, (t = { occasions: new Map(), pledges: new Map(), rows: [] }));
    t.rows.push(o);
    const known = t.occasions.get(o.occasion);
    if (!known) t.occasions.set(o.occasion, { occasion: o.occasion, meetingId: o.meetingId, pledgeId: o.meetingId === null ? o.pledgeId : null, date: o.date, label: o.label, attribution: certain ? 'certain' : 'uncertain' });
    else if (certain && known.attribution === 'uncertain') known.attribution = 'certain';
    if (o.pledgeId !== null) t.pledges.set(o.pledgeId, (t.pledges.get(o.pledgeId) ?? false) || certain);
  }
  return [...byTheme].map(([theme, t]) => {
    const occasions = [...t.occasions.values()];
    return {
      theme,
      occasions: occasions.length,
      occasionsUncertain: occasions.filter((o) => o.attribution === 'uncertain').length,
      pledges: t.pledges.size,
      pledgesUncertain: [...t.pledges.values()].filter((certain) => !certain).length,
      firstAgreedOn: occasions[0].date,
      lastAgreedOn: occasions[occasions.length - 1].date,
      firstOccasions: occasions.slice(0, FIRST_REFERENCES),
      evidence: t.rows.slice(0, FIRST_REFERENCES).map((o) => ({ meetingId: o.meetingId, pledgeId: o.pledgeId, words: o.words, source: o.source })),
    };
  });
}
