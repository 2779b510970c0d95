import type Database from 'better-sqlite3';
import { dateInterval } from '@concordat/shared-kernel';
import { isOpenStatus, type PledgeStatus } from '@concordat/domain';
import { pledgeCountries } from '../counting/parties';
import type { EntityView } from '../ledger-view/ledger-view';
import type { PledgeView } from '../ledger-view/pledge.view';
import type { AdministrationView } from '../ledger-view/reference.views';
import { AFTER_ALL, inList, statusIntervals } from './derived-rows';

/** A pledge's status intervals from a handover on: `[status, from, to)`, the first starting at the handover. */
export type Steps = Array<[string, string, string]>;
type Member = { at: string; madeEnd: string; steps: Steps };
type Stamp = { position: bigint; recordedAt: string };

/**
 * The calendar grains a count is kept at: year, month, day. A status count on day O is the sum of
 * the years before O's, the months of its year before its month, and the days of its month up to
 * O: at most 25 + 11 + 31 buckets per status, however many pledges the history holds.
 */
const GRAINS = [4, 7, 10] as const;

/** Where a change on `day` is counted, at each grain. */
function buckets(day: string): string[] {
  return GRAINS.map((n) => day.slice(0, n));
}

/**
 * The counts by status on day O (on or after the handover) of the pledges open at a handover:
 * the years before O's, the months of its year before its month, the days of its month up to O.
 */
export const COUNTS_ON = `SELECT status, n FROM handover_counts WHERE country = @c AND day = @h AND grain = 0 AND bucket < @y
  UNION ALL SELECT status, n FROM handover_counts WHERE country = @c AND day = @h AND grain = 1 AND bucket >= @y AND bucket < @m
  UNION ALL SELECT status, n FROM handover_counts WHERE country = @c AND day = @h AND grain = 2 AND bucket >= @m AND bucket <= @o`;

export function countsOnParams(day: string): { y: string; m: string; o: string } {
  return { y: day.slice(0, 4), m: day.slice(0, 7), o: day };
}

/** The status a pledge's steps give on day O (O on or after the handover). */
export function statusOnSteps(steps: Steps, day: string): string | null {
  for (const [status, from, to] of steps) if (from <= day && day < to) return status;
  return null;
}

/**
 * Inherited commitments kept ready (`handover_*` tables): for each handover (a country and the
 * last day of one of its administrations) the pledges involving the country that were open on
 * that day, and per status the net changes of their status from then on, counted by year, month
 * and day. "Status on O" of the pledges open at a handover is then a sum of at most a few dozen
 * rows per status. The counts hold the record as known now; the members are system-versioned
 * (closed, not deleted, when a pledge's new version changes them), so an answer as known at an
 * instant after the handover was filled counts the members in force then. A pledge's stored version is compared with what it contributed
 * before (kept with its membership row), so a change writes only the counts it moves.
 */
export class HandoverRows {
  private readonly sql;

  constructor(db: Database.Database) {
    this.sql = {
      days: db.prepare<[], { country: string; day: string }>('SELECT country, day FROM handover_days'),
      addDay: db.prepare('INSERT INTO handover_days (country, day, since_at) VALUES (?, ?, ?)'),
      dropDay: ['handover_days', 'handover_pledges', 'handover_counts'].map((t) => db.prepare(`DELETE FROM ${t} WHERE country = ? AND day = ?`)),
      administrations: db.prepare<[], { body: string }>("SELECT body FROM entity_rows WHERE ekind = 'administration' AND rec_to_pos IS NULL"),
      members: db.prepare<[string], { country: string; day: string; made_end: string; at_handover: string; steps: string; rec_from_pos: number }>(
        'SELECT country, day, made_end, at_handover, steps, rec_from_pos FROM handover_pledges WHERE eid = ? AND rec_to_pos IS NULL',
      ),
      closeMember: db.prepare('UPDATE handover_pledges SET rec_to_pos = ?, rec_to_at = ? WHERE country = ? AND day = ? AND made_end = ? AND eid = ? AND rec_from_pos = ?'),
      addMember: db.prepare('INSERT INTO handover_pledges (country, day, made_end, eid, at_handover, steps, rec_from_pos, rec_from_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
      count: db.prepare(
        'INSERT INTO handover_counts (country, day, grain, bucket, status, n) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (country, day, grain, bucket, status) DO UPDATE SET n = n + excluded.n',
      ),
      candidates: db.prepare<[string, string], { eid: string; made_end: string }>(
        'SELECT eid, made_end FROM pledge_rows WHERE rec_to_pos IS NULL AND retracted = 0 AND made_end <= ? AND countries LIKE ?',
      ),
      intervals: db.prepare<[string], { status: string; eff_from: string; eff_to: string }>('SELECT status, eff_from, eff_to FROM status_rows WHERE eid = ? AND rec_to_pos IS NULL ORDER BY eff_from'),
    };
  }

  /** Called with every entity version stored: a pledge moves its counts, an administration may add or remove handovers. */
  stored(entity: EntityView, stamp: Stamp): void {
    if (entity.entityKind === 'pledge') this.pledgeStored(entity, stamp);
    else if (entity.entityKind === 'administration') this.administrationsChanged(stamp);
  }

  private pledgeStored(p: PledgeView, stamp: Stamp): void {
    const rows = new Map(this.sql.members.all(p.id).map((r) => [`${r.country}\u0000${r.day}`, r]));
    const before = new Map([...rows].map(([k, r]) => [k, { at: r.at_handover, madeEnd: r.made_end, steps: JSON.parse(r.steps) as Steps }]));
    const intervals = statusIntervals(p).map(([s, f, t]) => [String(s), String(f), String(t)] as [string, string, string]);
    const madeEnd = dateInterval(p.madeOn.date).to;
    const countries = p.retraction === null ? pledgeCountries(p) : [];
    for (const { country, day } of this.sql.days.all()) {
      const key = `${country}\u0000${day}`;
      const old = before.get(key);
      const next = countries.includes(country) && madeEnd <= day ? memberAt(intervals, madeEnd, day) : undefined;
      if (old && next && JSON.stringify(old) === JSON.stringify(next)) continue;
      const delta = new Map<string, number>();
      if (old) {
        this.sql.closeMember.run(stamp.position, stamp.recordedAt, country, day, old.madeEnd, p.id, rows.get(key)!.rec_from_pos);
        addSteps(delta, old.steps, -1);
      }
      if (next) {
        this.sql.addMember.run(country, day, next.madeEnd, p.id, next.at, JSON.stringify(next.steps), stamp.position, stamp.recordedAt);
        addSteps(delta, next.steps, 1);
      }
      this.apply(country, day, delta);
    }
  }

  private apply(country: string, day: string, delta: Map<string, number>): void {
    for (const [k, n] of delta) {
      if (n === 0) continue;
      const [grain, bucket, status] = k.split('\u0000');
      this.sql.count.run(country, day, Number(grain), bucket, status, n);
    }
  }

  /** The handovers follow the administrations' last days: a new one is filled from the current pledges, a gone one dropped. */
  private administrationsChanged(stamp: Stamp): void {
    const wanted = new Set<string>();
    for (const { body } of this.sql.administrations.all()) {
      const a = JSON.parse(body) as AdministrationView;
      if (a.endedOn !== null) wanted.add(`${a.country}\u0000${a.endedOn}`);
    }
    const have = new Set(this.sql.days.all().map((d) => `${d.country}\u0000${d.day}`));
    for (const k of have) if (!wanted.has(k)) for (const s of this.sql.dropDay) s.run(...k.split('\u0000'));
    for (const k of wanted) if (!have.has(k)) this.fill(...(k.split('\u0000') as [string, string]), stamp);
  }

  private fill(country: string, day: string, stamp: Stamp): void {
    this.sql.addDay.run(country, day, stamp.recordedAt);
    const delta = new Map<string, number>();
    for (const { eid, made_end } of this.sql.candidates.all(day, inList(country))) {
      const intervals = this.sql.intervals.all(eid).map((r) => [r.status, r.eff_from, r.eff_to] as [string, string, string]);
      const m = memberAt(intervals, made_end, day);
      if (!m) continue;
      this.sql.addMember.run(country, day, made_end, eid, m.at, JSON.stringify(m.steps), stamp.position, stamp.recordedAt);
      addSteps(delta, m.steps, 1);
    }
    this.apply(country, day, delta);
  }
}

/** The pledge's membership of a handover on `day`: its status then (open, or not a member) and its intervals from then on. */
function memberAt(intervals: Steps, madeEnd: string, day: string): Member | undefined {
  const at = statusOnSteps(intervals, day);
  if (at === null || !isOpenStatus(at as PledgeStatus)) return undefined;
  const steps: Steps = intervals.filter(([, , to]) => to > day).map(([s, from, to]) => [s, from > day ? from : day, to]);
  return { at, madeEnd, steps };
}

/** Each interval counts +1 from its start and -1 from its end (none for the current one). */
function addSteps(delta: Map<string, number>, steps: Steps, sign: number): void {
  const add = (day: string, status: string, n: number) => {
    buckets(day).forEach((bucket, grain) => {
      const k = `${grain}\u0000${bucket}\u0000${status}`;
      delta.set(k, (delta.get(k) ?? 0) + n);
    });
  };
  for (const [status, from, to] of steps) {
    add(from, status, sign);
    if (to !== AFTER_ALL) add(to, status, -sign);
  }
}
