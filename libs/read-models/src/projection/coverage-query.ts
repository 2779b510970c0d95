import type { Coverage } from '../counting/coverage';

export type Params = Record<string, string | number>;
/** Runs one (cached) statement with the source's own parameters (@D, @T) and these. */
export type RunQuery = <R>(sql: string, params?: Params) => R[];

/** The recorded-time half of every query: rows not superseded (now), or in force at the instant T. */
export function visible(alias: string, knownAt: string | undefined): string {
  return knownAt === undefined ? `${alias}.rec_to_pos IS NULL` : `${alias}.rec_from_at <= @T AND (${alias}.rec_to_at IS NULL OR ${alias}.rec_to_at > @T)`;
}

/** The first and last effective days the ledger holds facts for by @D (overall or of one forum), now or as known at T. */
export function readCoverage(all: RunQuery, knownAt: string | undefined, forum?: string): Coverage {
  const where = `${forum === undefined ? '' : 'f.forum = @forum AND '}f.date_end <= @D AND ${visible('f', knownAt)}`;
  const params: Params = forum === undefined ? {} : { forum };
  // The planner would rather range over date_end and sort; the first day is the head of the date_from index.
  const byFrom = forum === undefined ? 'fact_rows_from' : 'fact_rows_forum_from';
  const from = all<{ d: string }>(`SELECT f.date_from AS d FROM fact_rows f INDEXED BY ${byFrom} WHERE ${where} ORDER BY ${forum === undefined ? '' : 'f.forum, '}f.date_from LIMIT 1`, params)[0];
  const to =
    knownAt === undefined
      ? all<{ d: string }>(`SELECT f.date_end AS d FROM fact_rows f WHERE ${where} ORDER BY ${forum === undefined ? '' : 'f.forum DESC, '}f.date_end DESC LIMIT 1`, params)[0]?.d
      : lastDayKnown(all, knownAt, forum);
  return { from: from?.d ?? null, to: to ?? null };
}

/**
 * The last fact's day by asOf as known at T, one day at a time down from asOf: a day's facts
 * are seeked by recorded instant (the first recorded by T that is still in force then), so the
 * facts recorded after T on that day, which grow with the history, are never walked.
 */
function lastDayKnown(all: RunQuery, knownAt: string, forum?: string): string | undefined {
  const scope = forum === undefined ? '' : 'f.forum = @forum AND ';
  const params: Params = forum === undefined ? {} : { forum };
  const known = `SELECT 1 AS k FROM fact_rows f WHERE ${scope}f.date_end = @day AND ${visible('f', knownAt)} LIMIT 1`;
  const before = (bound: string, day?: string) => all<{ d: string | null }>(`SELECT MAX(f.date_end) AS d FROM fact_rows f WHERE ${scope}f.date_end ${bound}`, day === undefined ? params : { ...params, day })[0].d;
  for (let day = before('<= @D'); day !== null; day = before('< @day', day)) {
    if (all(known, { ...params, day }).length > 0) return day;
  }
  return undefined;
}
