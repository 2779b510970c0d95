import type { SourceRef } from '@concordat/domain';
import { FIRST_REFERENCES } from '../reports/refs';
import type { OccasionRef, TallyOptions, TallyRequest, ThemeEvidence, ThemeTally } from '../reports/report-source';
import { inList } from './derived-rows';
import { NEVER } from './tally-rows';

type Params = Record<string, string | number>;
/** Runs one cached statement with the source's own parameters (`@D`, and `@T` when known at T) merged in. */
export type Query = <R>(sql: string, params?: Params) => R[];

type Item = { occasion: string; certain: number; meeting_id: string | null; pledge_id: string | null; date: string; label: string; words: string; source: string };

const byTheme = <R extends { theme: string }>(rows: R[]) => new Map(rows.map((r) => [r.theme, r]));

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
 * A scope's tally as of D from the rows the projection keeps ready (`tally-rows.ts`): the
 * theme's totals minus what counts only after D (an index range that is empty for a live answer
 * and short for a recent date), then the first few items and the last occasion in order. Items
 * are ordered by the day they count, so "counts by D" is "ord before D's next day".
 */
export function readyTallies(query: Query, scope: string, asOf: string, options: TallyOptions): ThemeTally[] {
  const p: Params = { s: scope, Dn: `${asOf}\u0001`, ...(options.theme === undefined ? {} : { theme: options.theme }) };
  const totals = query<{ theme: string; occasions: number; occasions_certain: number; pledges: number; pledges_certain: number }>(
    `SELECT theme, occasions, occasions_certain, pledges, pledges_certain FROM tally_totals WHERE scope = @s${options.theme === undefined ? '' : ' AND theme = @theme'} AND occasions > 0 ORDER BY theme`,
    p,
  );
  const first = options.certainOnly ? 'first_certain_ord' : 'first_ord';
  const certainOnly = options.certainOnly ? ' AND i.certain = 1' : '';
  const items = `FROM tally_items i JOIN agreement_rows a ON a.rowid = i.arow WHERE i.scope = @s AND i.theme = @t`;
  const tallies: ThemeTally[] = [];
  for (const t of totals) {
    const q = { ...p, t: t.theme };
    const [later] = query<{ occasions: number; certain: number; pledges: number; pledgesCertain: number | null }>(
      `SELECT (SELECT COUNT(*) FROM tally_occasions WHERE scope = @s AND theme = @t AND first_ord >= @Dn) AS occasions,
        (SELECT COUNT(*) FROM tally_occasions WHERE scope = @s AND theme = @t AND first_certain_ord >= @Dn AND first_certain_ord < '${NEVER}') AS certain,
        (SELECT COUNT(*) FROM tally_items WHERE scope = @s AND theme = @t AND ord >= @Dn AND pledge = 1) AS pledges,
        (SELECT SUM(certain) FROM tally_items WHERE scope = @s AND theme = @t AND ord >= @Dn AND pledge = 1) AS pledgesCertain`,
      q,
    );
    const occasions = t.occasions - later.occasions;
    const occasionsCertain = t.occasions_certain - later.certain;
    const pledges = t.pledges - later.pledges;
    const pledgesCertain = t.pledges_certain - (later.pledgesCertain ?? 0);
    const counts = options.certainOnly
      ? { theme: t.theme, occasions: occasionsCertain, occasionsUncertain: 0, pledges: pledgesCertain, pledgesUncertain: 0 }
      : { theme: t.theme, occasions, occasionsUncertain: occasions - occasionsCertain, pledges, pledgesUncertain: pledges - pledgesCertain };
    if (counts.occasions === 0) continue;
    // The first items are read a few at a time: one occasion may hold many of them.
    const head = (function* () {
      for (let offset = 0; ; offset += 6) {
        const rows = query<Item>(`SELECT i.occasion, i.certain, a.meeting_id, a.pledge_id, a.date, a.label, a.words, a.source ${items} AND i.ord < @Dn${certainOnly} ORDER BY i.ord LIMIT 6 OFFSET @o`, { ...q, o: offset });
        yield* rows;
        if (rows.length < 6) return;
      }
    })();
    const certainBy = (occasion: string) => query<{ n: number }>(`SELECT COUNT(*) AS n FROM tally_occasions WHERE scope = @s AND theme = @t AND occasion = @occ AND first_certain_ord < @Dn`, { ...q, occ: occasion })[0].n > 0;
    const refs = firstReferences(head, (i) => (options.certainOnly || i.certain === 1 || certainBy(i.occasion) ? 'certain' : 'uncertain'));
    const [last] = query<{ date: string }>(
      `SELECT a.date FROM tally_occasions o JOIN tally_items i ON i.scope = o.scope AND i.theme = o.theme AND i.ord = o.${first} JOIN agreement_rows a ON a.rowid = i.arow
       WHERE o.scope = @s AND o.theme = @t AND o.${first} < @Dn ORDER BY o.${first} DESC LIMIT 1`,
      q,
    );
    tallies.push({ ...counts, firstAgreedOn: refs.first!, lastAgreedOn: last.date, firstOccasions: refs.firstOccasions, evidence: refs.evidence });
  }
  return tallies;
}

/**
 * A tally counted from the period's agreement rows (as known at T, or a period that is not a
 * scope's term): an index range over the period, grouped in SQLite, so that only counts and the
 * first rows per theme reach JavaScript. `visible` is the recorded-time condition on alias `a`.
 */
export function rangeTallies(query: Query, { countries, period }: TallyRequest, maxSpanDays: number, visible: string, options: TallyOptions): ThemeTally[] {
  if (countries.length === 0) return [];
  const [first, ...others] = countries;
  // Rows are indexed by their start: one that overlaps the period starts at most maxSpan days before it.
  const lo = new Date(Date.parse(`${period.from}T00:00:00Z`) - maxSpanDays * 86_400_000).toISOString().slice(0, 10);
  const params: Params = { country: first, pFrom: period.from, pTo: period.to, lo, top: FIRST_REFERENCES };
  const where = [`a.country = @country`, 'a.date_from >= @lo', 'a.date_from <= @pTo', 'a.date_to >= @pFrom', 'a.counts_from <= @D', visible];
  others.forEach((c, i) => (where.push(`a.countries LIKE @oc${i}`), (params[`oc${i}`] = inList(c))));
  if (options.theme !== undefined) where.push('a.theme = @theme'), (params.theme = options.theme);
  const certain = 'a.date_from >= @pFrom AND a.date_to <= @pTo';
  if (options.certainOnly) where.push(certain);
  const occ = `occ AS (SELECT a.theme, a.occasion, a.meeting_id, a.pledge_id, a.date, a.ord, a.label, a.words, a.source, CASE WHEN ${certain} THEN 1 ELSE 0 END AS certain FROM agreement_rows a WHERE ${where.join(' AND ')})`;
  const occasions = `occasions AS (SELECT theme, occasion, meeting_id, pledge_id, date, label, ord, any_certain, ROW_NUMBER() OVER (PARTITION BY theme ORDER BY ord) AS n
      FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY theme, occasion ORDER BY ord) AS k, MAX(certain) OVER (PARTITION BY theme, occasion) AS any_certain FROM occ) WHERE k = 1)`;
  const counts = query<{ theme: string; occasions: number; uncertain: number }>(`WITH ${occ}, ${occasions} SELECT theme, COUNT(*) AS occasions, SUM(1 - any_certain) AS uncertain FROM occasions GROUP BY theme`, params);
  if (counts.length === 0) return [];
  const pledges = byTheme(
    query<{ theme: string; n: number; uncertain: number }>(
      `WITH ${occ} SELECT theme, COUNT(*) AS n, SUM(1 - c) AS uncertain FROM (SELECT theme, pledge_id, MAX(certain) AS c FROM occ WHERE pledge_id IS NOT NULL GROUP BY theme, pledge_id) GROUP BY theme`,
      params,
    ),
  );
  // The first and the last occasion of each theme by their first items (ord is unique within a theme; the date follows a NUL).
  const ends = byTheme(query<{ theme: string; first: string; last: string }>(`WITH ${occ}, ${occasions} SELECT theme, MIN(ord || char(0) || date) AS first, MAX(ord || char(0) || date) AS last FROM occasions GROUP BY theme`, params));
  type Occ = { theme: string; occasion: string; meeting_id: string | null; pledge_id: string | null; date: string; label: string; any_certain: number };
  const firsts = query<Occ>(`WITH ${occ}, ${occasions} SELECT theme, occasion, meeting_id, pledge_id, date, label, any_certain FROM occasions WHERE n <= @top ORDER BY theme, n`, params);
  type Ev = { theme: string; meeting_id: string | null; pledge_id: string | null; words: string; source: string };
  const evidence = query<Ev>(`WITH ${occ} SELECT theme, meeting_id, pledge_id, words, source FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY theme ORDER BY ord) AS r FROM occ) WHERE r <= @top ORDER BY theme, r`, params);
  const dateOf = (k: string) => k.slice(k.lastIndexOf('\u0000') + 1);
  return counts.map((c) => ({
    theme: c.theme,
    occasions: c.occasions,
    occasionsUncertain: c.uncertain,
    pledges: pledges.get(c.theme)?.n ?? 0,
    pledgesUncertain: pledges.get(c.theme)?.uncertain ?? 0,
    firstAgreedOn: dateOf(ends.get(c.theme)!.first),
    lastAgreedOn: dateOf(ends.get(c.theme)!.last),
    firstOccasions: firsts
      .filter((o) => o.theme === c.theme)
      .map((o) => ({ occasion: o.occasion, meetingId: o.meeting_id, pledgeId: o.meeting_id === null ? o.pledge_id : null, date: o.date, label: o.label, attribution: o.any_certain ? ('certain' as const) : ('uncertain' as const) })),
    evidence: evidence.filter((e) => e.theme === c.theme).map((e) => ({ meetingId: e.meeting_id, pledgeId: e.pledge_id, words: e.words, source: JSON.parse(e.source) as SourceRef })),
  }));
}
