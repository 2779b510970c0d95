import type { SourceRef } from '@concordat/domain';
import { FIRST_REFERENCES } from '../reports/refs';
import type { OccasionRef, TallyOptions, TallyRequest, ThemeEvidence, ThemeTally } from '../reports/report-source';
import { inList } from './derived-rows';
import { SOURCE_OF } from './agreement-sources';
import { CERTAIN, FIRST, FIRST_CERTAIN, bucketsOf, dayNumber, instantMs } from './tally-rows';

type Params = Record<string, string | number>;
/** Runs one cached statement with the source's own parameters (`@D`, and `@T` when known at T) merged in. */
export type Query = <R>(sql: string, params?: Params) => R[];

type Counts = { o: number; oc: number; p: number; pc: number };
type Detail = { r: number; occasion: string; meeting_id: string | null; pledge_id: string | null; date: string; label: string; words: string; source: string; ord: string };
/** A range of one theme's buckets: theme id, grain, first and last bucket (and whether it is added or taken away). */
type Range = [theme: number, grain: number, lo: number, hi: number];
type SignedRange = [...Range, sign: 1 | -1];
/** The tally's themes, by id (a handful; the read models number them). */
export type TallyThemes = ReadonlyArray<{ id: number; theme: string }>;

const byOrd = (a: { ord: string }, b: { ord: string }) => (a.ord < b.ord ? -1 : a.ord > b.ord ? 1 : 0);

/** A bucket's count as known at T: its current row when recorded by T, else the log's latest version recorded by T, else 0. */
const atT = (col: string) =>
  `CASE WHEN c.from_at <= @Tms THEN c.${col} ELSE COALESCE((SELECT w.${col} FROM tally_bucket_log w
     WHERE w.scope = c.scope AND w.theme = c.theme AND w.grain = c.grain AND w.bucket = c.bucket AND w.from_at <= @Tms ORDER BY w.from_at DESC LIMIT 1), 0) END`;
// CROSS JOIN keeps the ranges outside: each one a range of the primary key.
const RANGES = `FROM json_each(@ranges) CROSS JOIN tally_buckets c ON c.scope = @s AND c.theme = json_each.value ->> 0 AND c.grain = json_each.value ->> 1
  AND c.bucket BETWEEN json_each.value ->> 2 AND json_each.value ->> 3`;

/**
 * The sums per theme of a scope's buckets in the given ranges, each range added or taken away
 * (its sign), each bucket the version in force: the current one (now, or recorded by T), else the
 * latest of the log recorded by T (none: it did not exist yet). Every bucket that ever existed
 * has a current row, so the ranges are read from the current rows and the log is sought once per
 * bucket changed after T.
 */
function sumBuckets(query: Query, scope: number, known: number | undefined, ranges: SignedRange[]): Array<Counts & { id: number }> {
  const params = { s: scope, ranges: JSON.stringify(ranges) };
  const sum = (k: string, value: string) => `SUM((json_each.value ->> 4) * ${value}) AS ${k}`;
  if (known === undefined) return query(`SELECT c.theme AS id, ${['o', 'oc', 'p', 'pc'].map((k) => sum(k, `c.${k}`)).join(', ')} ${RANGES} GROUP BY c.theme`, params);
  // One seek into the log per bucket changed after T, for the four counts at once.
  return query(
    `SELECT c.theme AS id, ${['o', 'oc', 'p', 'pc'].map((k) => sum(k, `CASE WHEN c.from_at <= @Tms THEN c.${k} ELSE COALESCE(l.${k}, 0) END`)).join(', ')} ${RANGES}
     LEFT JOIN tally_bucket_log l ON c.from_at > @Tms AND l.scope = c.scope AND l.theme = c.theme AND l.grain = c.grain AND l.bucket = c.bucket
       AND l.from_at = (SELECT MAX(w.from_at) FROM tally_bucket_log w WHERE w.scope = c.scope AND w.theme = c.theme AND w.grain = c.grain AND w.bucket = c.bucket AND w.from_at <= @Tms)
     GROUP BY c.theme`,
    { ...params, Tms: known },
  );
}

/** Per range, the latest bucket in it whose count (`o` or `oc`) as known at T is above 0, sought from the end of the range. */
function latestBuckets(query: Query, scope: number, known: number, col: 'o' | 'oc', ranges: Range[]): Array<number | null> {
  const rows = query<{ b: number | null }>(
    `SELECT (SELECT c.bucket FROM tally_buckets c WHERE c.scope = @s AND c.theme = json_each.value ->> 0 AND c.grain = json_each.value ->> 1
       AND c.bucket BETWEEN json_each.value ->> 2 AND json_each.value ->> 3 AND ${atT(col)} > 0 ORDER BY c.bucket DESC LIMIT 1) AS b
     FROM json_each(@ranges) ORDER BY json_each.key`,
    { s: scope, ranges: JSON.stringify(ranges), Tms: known },
  );
  return rows.map((r) => r.b);
}

/**
 * The buckets whose sum is what counts by D, as few as the calendar allows: the years before D's,
 * then either the months of D's year before D's or D's year less the months after (whichever is
 * fewer), and either the days of D's month up to D or the month less the days after it.
 */
export function countedBy(t: number, Dd: number): SignedRange[] {
  const [year, month] = bucketsOf(Dd);
  const [first, last] = monthDays(month);
  const yearLess = 12 - (month % 100) < (month % 100) - 1;
  const monthLess = last - Dd < Dd - first;
  const ranges: SignedRange[] = [[t, 0, 0, yearLess ? year : year - 1, 1]];
  if (yearLess) ranges.push([t, 1, monthLess ? month + 1 : month, year * 100 + 12, -1]);
  else ranges.push([t, 1, year * 100 + 1, monthLess ? month : month - 1, 1]);
  ranges.push(monthLess ? [t, 2, Dd + 1, last, -1] : [t, 2, first, Dd, 1]);
  return ranges;
}

/**
 * As known at T, the latest day by D whose bucket holds an occasion of each theme: D's month up
 * to D, else the latest month of D's year before it holding one, else the latest year before;
 * then down from that month or year to its day. A few statements, every theme at once.
 */
function lastDays(query: Query, scope: number, known: number, col: 'o' | 'oc', themes: number[], Dd: number): Map<number, number> {
  const [year, month] = bucketsOf(Dd);
  type Search = { t: number; range: Range; fallbacks: Range[] };
  let pending: Search[] = themes.map((t) => ({ t, range: [t, 2, monthDays(month)[0], Dd], fallbacks: [[t, 1, year * 100 + 1, month - 1], [t, 0, 0, year - 1]] }));
  const found = new Map<number, number>();
  while (pending.length > 0) {
    const latest = latestBuckets(query, scope, known, col, pending.map((s) => s.range));
    const next: Search[] = [];
    pending.forEach((s, i) => {
      const b = latest[i];
      const grain = s.range[1];
      if (b !== null && grain === 2) found.set(s.t, b);
      else if (b !== null) next.push({ t: s.t, range: grain === 0 ? [s.t, 1, b * 100 + 1, b * 100 + 12] : [s.t, 2, ...monthDays(b)], fallbacks: [] });
      // The counts say an occasion counts by D, so one of the fallbacks holds it.
      else if (s.fallbacks.length > 0) next.push({ t: s.t, range: s.fallbacks[0], fallbacks: s.fallbacks.slice(1) });
    });
    pending = next;
  }
  return found;
}

/** The days of a month bucket (yyyymm), as day numbers. */
function monthDays(yyyymm: number): [number, number] {
  const [y, m] = [Math.floor(yyyymm / 100), yyyymm % 100];
  return [Date.UTC(y, m - 1, 1) / 86_400_000, Date.UTC(y, m, 1) / 86_400_000 - 1];
}

/**
 * A scope's tally as of D, as known now or at the instant T, from the rows the projection keeps
 * ready (`tally-rows.ts`), in a few statements per scope whatever the length of the history:
 *
 * - the counts by D are a sum of the theme's buckets: the years before D's, then D's year either
 *   month by month up to D's month or less the months after it, and D's month either day by day
 *   up to D or less the days after it (whichever is fewer: the scope's years, then at most 6 + 16
 *   rows per theme);
 * - the first occasions are the first items flagged first of their occasion (D only cuts them:
 *   an occasion's first item is its earliest), the evidence the first items, and the last
 *   occasion the flagged item nearest before D, one statement for every theme of the scope;
 * - as known at T, that last one is sought from the latest day whose bucket holds an occasion at
 *   T (D's month back from D, else the latest month, else the latest year, then down to its day,
 *   every theme at once): items recorded after T are never walked over.
 */
export function readyTallies(query: Query, scope: number, themeIds: TallyThemes, asOf: string, knownAt: string | undefined, options: TallyOptions): ThemeTally[] {
  const known = knownAt === undefined ? undefined : instantMs(knownAt);
  const Dd = dayNumber(asOf);
  const p: Params = { s: scope, ...(known === undefined ? {} : { Tms: known }) };
  const names = new Map(themeIds.filter((t) => options.theme === undefined || t.theme === options.theme).map((t) => [t.id, t.theme]));
  const sums = sumBuckets(query, scope, known, [...names.keys()].flatMap((t) => countedBy(t, Dd)));
  // The occasions counted: all, or (certain only) those whose first certain item counts by D.
  const col = options.certainOnly ? 'oc' : 'o';
  const counted = sums.filter((c) => c[col] > 0).map((c) => ({ id: c.id, theme: names.get(c.id)!, c }));
  if (counted.length === 0) return [];
  // Now the last occasion is sought back from D; as known at T from the day the buckets say holds it.
  const lastDay = known === undefined ? new Map(counted.map((t) => [t.id, Dd])) : lastDays(query, scope, known, col, counted.map((t) => t.id), Dd);

  const first = options.certainOnly ? FIRST_CERTAIN : FIRST;
  const certainOnly = options.certainOnly ? ` AND (i.flags & ${CERTAIN}) != 0` : '';
  const inForce = known === undefined ? 'i.to_at IS NULL' : 'i.from_at <= @Tms AND (i.to_at IS NULL OR i.to_at > @Tms)';
  const of = `i.scope = @s AND i.theme = w.t AND ${inForce}`;
  const heads = query<{ t: number; evidence: string; firsts: string; last: number }>(
    `WITH w(t, ld) AS (SELECT value ->> 0, value ->> 1 FROM json_each(@themes))
     SELECT w.t AS t,
       (SELECT json_group_array(arow) FROM (SELECT i.arow FROM tally_items i JOIN agreement_rows a ON a.rowid = i.arow WHERE ${of} AND i.day <= @Dd${certainOnly}
          ORDER BY i.day, i.occasion, a.ord LIMIT ${FIRST_REFERENCES})) AS evidence,
       (SELECT json_group_array(json_array(arow, cday)) FROM (SELECT i.arow, i.cday FROM tally_items i WHERE ${of} AND i.day <= @Dd AND (i.flags & ${first}) != 0
          ORDER BY i.day, i.occasion LIMIT ${FIRST_REFERENCES})) AS firsts,
       (SELECT i.arow FROM tally_items i WHERE ${of} AND i.day <= w.ld AND (i.flags & ${first}) != 0 ORDER BY i.day DESC, i.occasion DESC LIMIT 1) AS last
     FROM w`,
    { ...p, Dd, themes: JSON.stringify(counted.map((t) => [t.id, lastDay.get(t.id)])) },
  );
  const parsed = new Map(heads.map((h) => [h.t, { evidence: JSON.parse(h.evidence) as number[], firsts: JSON.parse(h.firsts) as Array<[number, number | null]>, last: h.last }]));
  const ids = [...parsed.values()].flatMap((h) => [...h.evidence, ...h.firsts.map(([r]) => r), h.last]);
  const detail = new Map(
    query<Detail>(`SELECT a.rowid AS r, a.occasion, a.meeting_id, a.pledge_id, a.date, a.label, a.words, ${SOURCE_OF('a')} AS source, a.ord FROM agreement_rows a WHERE a.rowid IN (SELECT value FROM json_each(@ids))`, {
      ids: JSON.stringify([...new Set(ids)]),
    }).map((d) => [d.r, d]),
  );
  return counted.map((t): ThemeTally => {
    const h = parsed.get(t.id)!;
    const occasions = t.c.o;
    const counts = options.certainOnly
      ? { theme: t.theme, occasions: t.c.oc, occasionsUncertain: 0, pledges: t.c.pc, pledgesUncertain: 0 }
      : { theme: t.theme, occasions, occasionsUncertain: occasions - t.c.oc, pledges: t.c.p, pledgesUncertain: t.c.p - t.c.pc };
    const evidence = h.evidence.map((r) => detail.get(r)!).sort(byOrd);
    const firsts = h.firsts.map(([r, cday]) => ({ d: detail.get(r)!, cday })).sort((a, b) => byOrd(a.d, b.d));
    return {
      ...counts,
      firstAgreedOn: evidence[0].date,
      lastAgreedOn: detail.get(h.last)!.date,
      firstOccasions: firsts.map(({ d, cday }): OccasionRef => ({
        occasion: d.occasion,
        meetingId: d.meeting_id,
        pledgeId: d.meeting_id === null ? d.pledge_id : null,
        date: d.date,
        label: d.label,
        // An occasion is certain by D when its first certain item counts by D.
        attribution: options.certainOnly || (cday !== null && cday <= Dd) ? 'certain' : 'uncertain',
      })),
      evidence: evidence.map((d): ThemeEvidence => ({ meetingId: d.meeting_id, pledgeId: d.pledge_id, words: d.words, source: JSON.parse(d.source) as SourceRef })),
    };
  });
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
    query<{ r: number; label: string; words: string; source: string }>(`SELECT a.rowid AS r, a.label, a.words, ${SOURCE_OF('a')} AS source FROM agreement_rows a WHERE a.rowid IN (SELECT value FROM json_each(@ids))`, { ids: JSON.stringify([...wanted]) }).map((d) => [d.r, d]),
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
