import type { SourceRef } from '@concordat/domain';
import { FIRST_REFERENCES } from '../reports/refs';
import type { OccasionRef, TallyOptions, TallyRequest, ThemeEvidence, ThemeTally } from '../reports/report-source';
import { inList } from './derived-rows';
import { CERTAIN, FIRST, FIRST_CERTAIN, PLEDGE, dayNumber, instantMs } from './tally-rows';

type Params = Record<string, string | number>;
/** Runs one cached statement with the source's own parameters (`@D`, and `@T` when known at T) merged in. */
export type Query = <R>(sql: string, params?: Params) => R[];

type Item = { occasion: string; certain: number; meeting_id: string | null; pledge_id: string | null; date: string; label: string; words: string; source: string };

/** The first occasions and the first items' words, from items in order (the first of an occasion gives its date and label). */
function firstReferences(items: Iterable<Item>, attribution: (item: Item) => OccasionRef['attribution']) {
  const occasions = new Map<string, OccasionRef>();
  const evidence: ThemeEvidence[] = [];
  let first: string | null = null;
  for (const i of items) {
    first ??= i.date;
    if (evidence.length < FIRST_REFERENCES) evidence.push({ meetingId: i.meeting_id, pledgeId: i.pledge_id, words: i.words, source: JSON.parse(i.source) as SourceRef });
    if (!occasions.has(i.occasion) && occasions.size < FIRST_REFERENCES) {
      occasions.set(i.occasion, { occasion: i.occasion, meetingId: i.meeting_id, pledgeId: i.meeting_id === null ? i.pledge_id : null, date: i.date, label: i.label, attribution: attribution(i) });
    }
    if (evidence.length >= FIRST_REFERENCES && occasions.size >= FIRST_REFERENCES) break;
  }
  return { first, firstOccasions: [...occasions.values()], evidence };
}

/**
 * A scope's tally as of D, as known now or at the instant T, from the rows the projection keeps
 * ready (`tally-rows.ts`): the theme's totals in force at T minus what counts only after D (an
 * index range that is empty for a live answer and short for a recent date), then the first few
 * items and the last occasion in order. Items are ordered by the day they count, so "counts by D"
 * is "day ≤ D"; every read takes the item versions in force at T.
 */
export function readyTallies(query: Query, scope: number, asOf: string, knownAt: string | undefined, options: TallyOptions): ThemeTally[] {
  const known = knownAt === undefined ? undefined : instantMs(knownAt);
  const p: Params = { s: scope, Dd: dayNumber(asOf), ...(known === undefined ? {} : { Tms: known }), ...(options.theme === undefined ? {} : { theme: options.theme }) };
  const inForce = known === undefined ? 'i.to_at IS NULL' : 'i.from_at <= @Tms AND (i.to_at IS NULL OR i.to_at > @Tms)';
  // One totals version per theme: the latest, or the latest recorded by T.
  const totals = query<{ id: number; theme: string; occasions: number; occasions_certain: number; pledges: number; pledges_certain: number }>(
    `SELECT th.id, th.theme, t.occasions, t.occasions_certain, t.pledges, t.pledges_certain FROM tally_themes th INDEXED BY tally_themes_name CROSS JOIN tally_totals t
     ON t.scope = @s AND t.theme = th.id AND t.from_at = (SELECT MAX(v.from_at) FROM tally_totals v WHERE v.scope = @s AND v.theme = th.id${known === undefined ? '' : ' AND v.from_at <= @Tms'})
     WHERE t.occasions > 0${options.theme === undefined ? '' : ' AND th.theme = @theme'}`,
    p,
  );
  const first = options.certainOnly ? FIRST_CERTAIN : FIRST;
  const certainOnly = options.certainOnly ? ` AND (i.flags & ${CERTAIN}) != 0` : '';
  const items = `FROM tally_items i JOIN agreement_rows a ON a.rowid = i.arow WHERE i.scope = @s AND i.theme = @t AND ${inForce}`;
  const tallies: ThemeTally[] = [];
  for (const t of totals) {
    const q = { ...p, t: t.id };
    const [later] = query<{ occasions: number | null; certain: number | null; pledges: number | null; pledgesCertain: number | null }>(
      `SELECT SUM((i.flags & ${FIRST}) != 0) AS occasions, SUM((i.flags & ${FIRST_CERTAIN}) != 0) AS certain, SUM((i.flags & ${PLEDGE}) != 0) AS pledges,
        SUM((i.flags & ${PLEDGE | CERTAIN}) = ${PLEDGE | CERTAIN}) AS pledgesCertain FROM tally_items i WHERE i.scope = @s AND i.theme = @t AND i.day > @Dd AND ${inForce}`,
      q,
    );
    const occasions = t.occasions - (later.occasions ?? 0);
    const occasionsCertain = t.occasions_certain - (later.certain ?? 0);
    const pledges = t.pledges - (later.pledges ?? 0);
    const pledgesCertain = t.pledges_certain - (later.pledgesCertain ?? 0);
    const counts = options.certainOnly
      ? { theme: t.theme, occasions: occasionsCertain, occasionsUncertain: 0, pledges: pledgesCertain, pledgesUncertain: 0 }
      : { theme: t.theme, occasions, occasionsUncertain: occasions - occasionsCertain, pledges, pledgesUncertain: pledges - pledgesCertain };
    if (counts.occasions === 0) continue;
    // The first items are read a few at a time: one occasion may hold many of them. Within a day and
    // an occasion, items are in their full order (`ord`).
    const head = (function* () {
      for (let offset = 0; ; offset += 6) {
        // `certain` is the occasion's, on its first item: its first certain item counts by D.
        const rows = query<Item>(
          `SELECT i.occasion, (i.cday IS NOT NULL AND i.cday <= @Dd) AS certain, a.meeting_id, a.pledge_id, a.date, a.label, a.words, a.source ${items} AND i.day <= @Dd${certainOnly}
           ORDER BY i.day, i.occasion, a.ord LIMIT 6 OFFSET @o`,
          { ...q, o: offset },
        );
        yield* rows;
        if (rows.length < 6) return;
      }
    })();
    const refs = firstReferences(head, (i) => (options.certainOnly || i.certain === 1 ? 'certain' : 'uncertain'));
    // Occasions are in the order of their first items: (day, occasion) of the flagged item.
    const [last] = query<{ date: string }>(`SELECT a.date ${items} AND i.day <= @Dd AND (i.flags & ${first}) != 0 ORDER BY i.day DESC, i.occasion DESC LIMIT 1`, q);
    tallies.push({ ...counts, firstAgreedOn: refs.first!, lastAgreedOn: last.date, firstOccasions: refs.firstOccasions, evidence: refs.evidence });
  }
  return tallies;
}

/**
 * A tally counted from the period's agreement rows (as known at T, or a period that is not a
 * scope's term): one index range over the period reads the few columns counting needs, in order;
 * the words, labels and sources of the first few are read after, by rowid. `visible` is the
 * recorded-time condition on alias `a`.
 */
export function rangeTallies(query: Query, { countries, period }: TallyRequest, maxSpanDays: number, visible: string, options: TallyOptions): ThemeTally[] {
  if (countries.length === 0) return [];
  const [first, ...others] = countries;
  // Rows are indexed by their start: one that overlaps the period starts at most maxSpan days before it.
  const lo = new Date(Date.parse(`${period.from}T00:00:00Z`) - maxSpanDays * 86_400_000).toISOString().slice(0, 10);
  const params: Params = { country: first, pFrom: period.from, pTo: period.to, lo };
  const where = [`a.country = @country`, 'a.date_from >= @lo', 'a.date_from <= @pTo', 'a.date_to >= @pFrom', 'a.counts_from <= @D', visible];
  others.forEach((c, i) => (where.push(`a.countries LIKE @oc${i}`), (params[`oc${i}`] = inList(c))));
  if (options.theme !== undefined) where.push('a.theme = @theme'), (params.theme = options.theme);
  type Row = { r: number; theme: string; occasion: string; meeting_id: string | null; pledge_id: string | null; date: string; date_from: string; date_to: string };
  const rows = query<Row>(`SELECT a.rowid AS r, a.theme, a.occasion, a.meeting_id, a.pledge_id, a.date, a.date_from, a.date_to FROM agreement_rows a WHERE ${where.join(' AND ')} ORDER BY a.theme, a.ord`, params);
  type Acc = { theme: string; occasions: Map<string, { row: Row; certain: boolean }>; pledges: Map<string, boolean>; items: Row[] };
  const themes = new Map<string, Acc>();
  for (const row of rows) {
    const certain = row.date_from >= period.from && row.date_to <= period.to;
    if (options.certainOnly && !certain) continue;
    let t = themes.get(row.theme);
    if (!t) themes.set(row.theme, (t = { theme: row.theme, occasions: new Map(), pledges: new Map(), items: [] }));
    if (t.items.length < FIRST_REFERENCES) t.items.push(row);
    const known = t.occasions.get(row.occasion);
    if (!known) t.occasions.set(row.occasion, { row, certain });
    else if (certain) known.certain = true;
    if (row.pledge_id !== null) t.pledges.set(row.pledge_id, (t.pledges.get(row.pledge_id) ?? false) || certain);
  }
  const accs = [...themes.values()];
  const wanted = new Set(accs.flatMap((t) => [...t.items, ...[...t.occasions.values()].slice(0, FIRST_REFERENCES).map((o) => o.row)].map((r) => r.r)));
  const detail = new Map(
    query<{ r: number; label: string; words: string; source: string }>(`SELECT a.rowid AS r, a.label, a.words, a.source FROM agreement_rows a WHERE a.rowid IN (SELECT value FROM json_each(@ids))`, { ids: JSON.stringify([...wanted]) }).map((d) => [d.r, d]),
  );
  return accs.map((t) => {
    const occasions = [...t.occasions.values()];
    return {
      theme: t.theme,
      occasions: occasions.length,
      occasionsUncertain: occasions.filter((o) => !o.certain).length,
      pledges: t.pledges.size,
      pledgesUncertain: [...t.pledges.values()].filter((c) => !c).length,
      firstAgreedOn: occasions[0].row.date,
      lastAgreedOn: occasions[occasions.length - 1].row.date,
      firstOccasions: occasions.slice(0, FIRST_REFERENCES).map(({ row, certain }) => ({
        occasion: row.occasion,
        meetingId: row.meeting_id,
        pledgeId: row.meeting_id === null ? row.pledge_id : null,
        date: row.date,
        label: detail.get(row.r)!.label,
        attribution: certain ? ('certain' as const) : ('uncertain' as const),
      })),
      evidence: t.items.map((row) => ({ meetingId: row.meeting_id, pledgeId: row.pledge_id, words: detail.get(row.r)!.words, source: JSON.parse(detail.get(row.r)!.source) as SourceRef })),
    };
  });
}
