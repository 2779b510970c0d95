import { OPEN_PLEDGE_STATUSES, type PledgeStatus } from '@concordat/domain';
import { FIRST_REFERENCES } from '../reports/refs';
import type { Inheritance } from '../reports/report-source';
import { countsOnParams } from './calendar-buckets';
import { visible, type RunQuery } from './coverage-query';
import { inList } from './derived-rows';
import { COUNTS_AT, COUNTS_ON, statusOfNumber, statusOnSteps, type Steps } from './handover-rows';
import { instantMs } from './tally-rows';

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
  const counts = new Map<PledgeStatus, number>();
  const params = { h: ready.id, ...countsOnParams(outcomeOn), ...(knownAt === undefined ? {} : { Tms: instantMs(knownAt) }) };
  for (const r of all<{ s: number; n: number | null }>(knownAt === undefined ? COUNTS_ON : COUNTS_AT, params)) {
    const status = statusOfNumber(r.s);
    counts.set(status, (counts.get(status) ?? 0) + (r.n ?? 0));
  }
  const outcomes = [...counts].filter(([, n]) => n > 0).map(([status, pledges]) => ({ status, pledges })).sort((a, b) => (a.status < b.status ? -1 : 1));
  const head = all<{ eid: string; made_end: string; at_handover: PledgeStatus; steps: string }>(
    `SELECT m.eid, m.made_end, m.at_handover, m.steps FROM handover_pledges m WHERE m.country = @c AND m.day = @h AND ${visible('m', knownAt)} ORDER BY m.made_end, m.eid LIMIT @top`,
    { c: country, h: day, top: FIRST_REFERENCES },
  );
  const label = (m: { eid: string; made_end: string }) =>
    all<{ description: string; made_on: string }>(`SELECT x.description, x.made_on FROM pledge_rows x WHERE x.made_end = @me AND x.eid = @id AND ${visible('x', knownAt)}`, { me: m.made_end, id: m.eid })[0];
  return {
    open: outcomes.reduce((n, o) => n + o.pledges, 0),
    outcomes,
    first: head.map((m) => {
      const { description, made_on } = label(m);
      return { id: m.eid, description, madeOn: made_on, statusAtHandover: m.at_handover, outcome: (statusOnSteps(JSON.parse(m.steps) as Steps, outcomeOn) ?? m.at_handover) as PledgeStatus };
    }),
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
