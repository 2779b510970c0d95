import type { SourceRef } from '@concordat/domain';
import { FIRST_REFERENCES } from '../reports/refs';
import type { OccasionRef, TallyOptions, TallyRequest, ThemeEvidence, ThemeTally } from '../reports/report-source';
import { inList } from './derived-rows';
import { NEVER } from './tally-rows';

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
  const items = `FROM tally_items i JOIN tally_occasions o ON o.scope = i.scope AND o.theme = i.theme AND o.occasion = i.occasion JOIN agreement_rows a ON a.rowid = i.arow WHERE i.scope = @s AND i.theme = @t`;
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
        // `certain` here is the occasion's: any of its items certain and counting by D.
        const rows = query<Item>(
          `SELECT i.occasion, o.first_certain_ord < @Dn AS certain, a.meeting_id, a.pledge_id, a.date, a.label, a.words, a.source ${items} AND i.ord < @Dn${certainOnly} ORDER BY i.ord LIMIT 6 OFFSET @o`,
          { ...q, o: offset },
        );
        yield* rows;
        if (rows.length < 6) return;
      }
    })();
    const refs = firstReferences(head, (i) => (options.certainOnly || i.certain === 1 ? 'certain' : 'uncertain'));
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
