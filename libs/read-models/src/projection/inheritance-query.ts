import { OPEN_PLEDGE_STATUSES, type PledgeStatus } from '@concordat/domain';
import { FIRST_REFERENCES } from '../reports/refs';
import type { Inheritance } from '../reports/report-source';
import { countsOnParams } from './calendar-buckets';
import { visible, type RunQuery } from './coverage-query';
import { inList } from './derived-rows';
import { COUNTS_AT, COUNTS_ON, statusOfNumber, statusOnSteps, type Steps } from './handover-rows';
import { instantMs } from './tally-rows';

/**
 * The buckets summed per status in SQLite: a dense history fills every bucket up to the outcome
 * day (up to a few hundred rows), and only one row per status reaches JavaScript.
 */
const sumsOf = (buckets: string) => `SELECT s, TOTAL(n) AS n FROM (${buckets}) GROUP BY s`;
const SUMS_ON = sumsOf(COUNTS_ON);
const SUMS_AT = sumsOf(COUNTS_AT);

/**
 * From the handover kept ready (`handover-rows.ts`): the counts by status on the outcome day are
 * a sum of a few dozen calendar buckets (as known at an instant, each bucket's version in force
 * then), and the first few pledges are the head of the handover's members in force. A handover
 * not known as such (before it was filled, or an asOf before it) is counted from the status intervals.
 */
export function readInheritance(all: RunQuery, asOf: string, knownAt: string | undefined, country: string, day: string, outcomeOn: string): Inheritance {
  if (day > asOf || outcomeOn < day) return inheritanceAt(all, knownAt, country, day, outcomeOn);
  const [ready] = all<{ since: string; id: number }>('SELECT since_at AS since, id FROM handover_days WHERE country = @c AND day = @h', { c: country, h: day });
  if (!ready || (knownAt !== undefined && ready.since > knownAt)) return inheritanceAt(all, knownAt, country, day, outcomeOn);
  const params = { h: ready.id, ...countsOnParams(outcomeOn), ...(knownAt === undefined ? {} : { Tms: instantMs(knownAt) }) };
  const outcomes = all<{ s: number; n: number }>(knownAt === undefined ? SUMS_ON : SUMS_AT, params)
    .filter((r) => r.n > 0)
    .map((r) => ({ status: statusOfNumber(r.s), pledges: r.n }))
    .sort((a, b) => (a.status < b.status ? -1 : 1));
  // Each of the first few with its label, in the handover's order.
  const head = all<{ eid: string; made_end: string; at_handover: PledgeStatus; steps: string; description: string; made_on: string }>(
    `SELECT m.eid, m.made_end, m.at_handover, m.steps, x.description, x.made_on FROM handover_pledges m
     JOIN pledge_rows x ON x.made_end = m.made_end AND x.eid = m.eid AND ${visible('x', knownAt)}
     WHERE m.country = @c AND m.day = @h AND ${visible('m', knownAt)} ORDER BY m.made_end, m.eid LIMIT @top`,
    { c: country, h: day, top: FIRST_REFERENCES },
  );
  return {
    open: outcomes.reduce((n, o) => n + o.pledges, 0),
    outcomes,
    first: head.map((m) => ({
      id: m.eid,
      description: m.description,
      madeOn: m.made_on,
      statusAtHandover: m.at_handover,
      outcome: (statusOnSteps(JSON.parse(m.steps) as Steps, outcomeOn) ?? m.at_handover) as PledgeStatus,
    })),
  };
}

/** Counted in SQLite (grouped by outcome) and the first few read in order: only counts and those rows reach JavaScript. */
function inheritanceAt(all: RunQuery, knownAt: string | undefined, country: string, day: string, outcomeOn: string): Inheritance {
  const open = OPEN_PLEDGE_STATUSES.map((s) => `'${s}'`).join(', ');
  const at = (alias: string, param: string) => `${alias}.eid = x.eid AND ${alias}.eff_from <= @${param} AND ${alias}.eff_to > @${param} AND ${visible(alias, knownAt)}`;
  const from = `FROM pledge_rows x
     JOIN status_rows h ON ${at('h', 'day')}
     LEFT JOIN status_rows o ON ${at('o', 'outcomeOn')}
     WHERE x.countries LIKE @country AND x.made_end <= @day AND x.made_end <= @D AND x.retracted = 0 AND ${visible('x', knownAt)} AND h.status IN (${open})`;
  const params = { country: inList(country), day, outcomeOn, top: FIRST_REFERENCES };
  const outcomes = all<{ status: PledgeStatus; pledges: number }>(`SELECT COALESCE(o.status, h.status) AS status, COUNT(*) AS pledges ${from} GROUP BY 1 ORDER BY 1`, params);
  const first = all<{ eid: string; description: string; made_on: string; h: PledgeStatus; o: PledgeStatus | null }>(
    `SELECT x.eid, x.description, x.made_on, h.status AS h, o.status AS o ${from} ORDER BY x.made_end, x.eid LIMIT @top`,
    params,
  );
  return {
    open: outcomes.reduce((n, o) => n + o.pledges, 0),
    outcomes,
    first: first.map((r) => ({ id: r.eid, description: r.description, madeOn: r.made_on, statusAtHandover: r.h, outcome: r.o ?? r.h })),
  };
}
