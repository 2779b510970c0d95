import type Database from 'better-sqlite3';
import { dateInterval } from '@concordat/shared-kernel';
import { isOpenStatus, PLEDGE_STATUSES, type PledgeStatus } from '@concordat/domain';
import { pledgeCountries } from '../counting/parties';
import type { EntityView } from '../ledger-view/ledger-view';
import type { PledgeView } from '../ledger-view/pledge.view';
import type { AdministrationView } from '../ledger-view/reference.views';
import { AFTER_ALL, inList, statusIntervals } from './derived-rows';
import { instantMs } from './tally-rows';
import { dayNumber, RANGES, VersionedCounts } from './calendar-buckets';

/** A pledge's status intervals from a handover on: `[status, from, to)`, the first starting at the handover. */
export type Steps = Array<[string, string, string]>;
type Member = { at: string; madeEnd: string; steps: Steps };
type Stamp = { position: bigint; recordedAt: string };

/** Statuses by number in the count rows. */
export const statusNumber = (s: string): number => (PLEDGE_STATUSES as readonly string[]).indexOf(s);
export const statusOfNumber = (n: number): PledgeStatus => PLEDGE_STATUSES[n];

/** The counts by status (by number) on day O (on or after the handover) of handover @h's pledges, as known now. */
export const COUNTS_ON = RANGES.map((r) => `SELECT c.s AS s, c.n AS n FROM handover_counts c WHERE c.h = @h AND ${r}`).join(' UNION ALL ');

/**
 * The same as known at the instant @Tms (integer ms): each bucket's value is its last version
 * recorded by then, one index seek per bucket (the buckets are those the handover has now: a
 * bucket is never dropped while its handover stands, and one made after T has no version by T).
 */
export const COUNTS_AT = RANGES.map(
  (r) =>
    `SELECT c.s AS s, (SELECT v.n FROM handover_count_versions v WHERE v.h = c.h AND v.b = c.b AND v.s = c.s AND v.from_at <= @Tms ORDER BY v.from_at DESC LIMIT 1) AS n FROM handover_counts c WHERE c.h = @h AND ${r}`,
).join(' UNION ALL ');

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
 * rows per status. Both are system-versioned: the members are closed, not deleted, when a
 * pledge's new version changes them, and each count bucket keeps one version per recorded instant
 * it changed at (`handover_count_versions`, integer ms, the bucket's value from then on), so an
 * answer as known at an instant after the handover was filled reads the same few dozen buckets,
 * each at its last version by then. A pledge's stored version is compared with what it
 * contributed before (kept with its membership row), so a change writes only the counts it moves.
 */
export class HandoverRows {
  private readonly sql;
  private readonly counts: VersionedCounts;
  /** The handovers, as `handover_days` holds them (they change only with an administration). */
  private days: Array<{ country: string; day: string; id: number }> | undefined;

  constructor(db: Database.Database) {
    this.sql = {
      days: db.prepare<[], { country: string; day: string; id: number }>('SELECT country, day, id FROM handover_days'),
      nextId: db.prepare<[], { id: number }>('SELECT COALESCE(MAX(id), 0) + 1 AS id FROM handover_days'),
      addDay: db.prepare('INSERT INTO handover_days (country, day, since_at, id) VALUES (?, ?, ?, ?)'),
      dropDay: [
        db.prepare('DELETE FROM handover_counts WHERE h = (SELECT id FROM handover_days WHERE country = @c AND day = @d)'),
        db.prepare('DELETE FROM handover_count_versions WHERE h = (SELECT id FROM handover_days WHERE country = @c AND day = @d)'),
        db.prepare('DELETE FROM handover_pledges WHERE country = @c AND day = @d'),
        db.prepare('DELETE FROM handover_days WHERE country = @c AND day = @d'),
      ],
      administrations: db.prepare<[], { body: string }>("SELECT body FROM entity_rows WHERE ekind = 'administration' AND rec_to_pos IS NULL"),
      members: db.prepare<[string], { country: string; day: string; made_end: string; at_handover: string; steps: string; rec_from_pos: number }>(
        'SELECT country, day, made_end, at_handover, steps, rec_from_pos FROM handover_pledges WHERE eid = ? AND rec_to_pos IS NULL',
      ),
      closeMember: db.prepare('UPDATE handover_pledges SET rec_to_pos = ?, rec_to_at = ? WHERE country = ? AND day = ? AND made_end = ? AND eid = ? AND rec_from_pos = ?'),
      addMember: db.prepare('INSERT INTO handover_pledges (country, day, made_end, eid, at_handover, steps, rec_from_pos, rec_from_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
      candidates: db.prepare<[string, string], { eid: string; made_end: string }>(
        'SELECT eid, made_end FROM pledge_rows WHERE rec_to_pos IS NULL AND retracted = 0 AND made_end <= ? AND countries LIKE ?',
      ),
      intervals: db.prepare<[string], { status: string; eff_from: string; eff_to: string }>('SELECT status, eff_from, eff_to FROM status_rows WHERE eid = ? AND rec_to_pos IS NULL ORDER BY eff_from'),
    };
    this.counts = new VersionedCounts(
      {
        move: db.prepare('INSERT INTO handover_counts (h, b, s, n) VALUES (?, ?, ?, ?) ON CONFLICT (h, b, s) DO UPDATE SET n = n + excluded.n RETURNING n'),
        version: db.prepare('INSERT INTO handover_count_versions (h, b, s, from_at, n) VALUES (?, ?, ?, ?, ?) ON CONFLICT (h, b, s, from_at) DO UPDATE SET n = excluded.n'),
      },
      unpackCount,
    );
  }

  /** Called with every entity version stored: a pledge moves its counts, an administration may add or remove handovers. */
  stored(entity: EntityView, isNew: boolean, stamp: Stamp): void {
    if (entity.entityKind === 'pledge') this.pledgeStored(entity, isNew, stamp);
    else if (entity.entityKind === 'administration') this.administrationsChanged(stamp);
  }

  /** Writes the counts the batch changed; called before it commits. */
  settle(): void {
    this.counts.settle();
  }

  private handovers(): Array<{ country: string; day: string; id: number }> {
    return (this.days ??= this.sql.days.all());
  }

  /** `isNew`: the pledge's first version, a member of nothing yet. */
  private pledgeStored(p: PledgeView, isNew: boolean, stamp: Stamp): void {
    const days = this.handovers();
    if (days.length === 0) return;
    const rows = new Map(isNew ? [] : this.sql.members.all(p.id).map((r) => [`${r.country}\u0000${r.day}`, r]));
    const before = new Map([...rows].map(([k, r]) => [k, { at: r.at_handover, madeEnd: r.made_end, steps: JSON.parse(r.steps) as Steps }]));
    const intervals = statusIntervals(p).map(([s, f, t]) => [String(s), String(f), String(t)] as [string, string, string]);
    const madeEnd = dateInterval(p.madeOn.date).to;
    const countries = p.retraction === null ? pledgeCountries(p) : [];
    for (const { country, day, id } of days) {
      const key = `${country}\u0000${day}`;
      const old = before.get(key);
      const next = countries.includes(country) && madeEnd <= day ? memberAt(intervals, madeEnd, day) : undefined;
      if (old && next && JSON.stringify(old) === JSON.stringify(next)) continue;
      const delta = new Map<number, number>();
      if (old) {
        this.sql.closeMember.run(stamp.position, stamp.recordedAt, country, day, old.madeEnd, p.id, rows.get(key)!.rec_from_pos);
        addSteps(delta, old.steps, -1);
      }
      if (next) {
        this.sql.addMember.run(country, day, next.madeEnd, p.id, next.at, JSON.stringify(next.steps), stamp.position, stamp.recordedAt);
        addSteps(delta, next.steps, 1);
      }
      this.apply(id, delta, stamp);
    }
  }

  /** Moves each bucket by its net change and keeps its new value as the version from this instant. */
  private apply(h: number, delta: Map<number, number>, stamp: Stamp): void {
    const at = instantMs(stamp.recordedAt);
    for (const [bs, d] of delta) this.counts.addPacked(h * HANDOVER_SPAN + bs, at, d);
  }

  /** The handovers follow the administrations' last days: a new one is filled from the current pledges, a gone one dropped. */
  private administrationsChanged(stamp: Stamp): void {
    const wanted = new Set<string>();
    for (const { body } of this.sql.administrations.all()) {
      const a = JSON.parse(body) as AdministrationView;
      if (a.endedOn !== null) wanted.add(`${a.country}\u0000${a.endedOn}`);
    }
    const have = new Set(this.handovers().map((d) => `${d.country}\u0000${d.day}`));
    const gone = [...have].filter((k) => !wanted.has(k));
    if (gone.length > 0) {
      // Their counts are deleted from the file: what is pending is written first.
      this.counts.settle();
      for (const k of gone) for (const s of this.sql.dropDay) s.run({ c: k.split('\u0000')[0], d: k.split('\u0000')[1] });
    }
    this.days = undefined;
    for (const k of wanted) if (!have.has(k)) this.fill(...(k.split('\u0000') as [string, string]), stamp);
    this.days = undefined;
  }

  private fill(country: string, day: string, stamp: Stamp): void {
    const { id } = this.sql.nextId.get()!;
    this.sql.addDay.run(country, day, stamp.recordedAt, id);
    const delta = new Map<number, number>();
    for (const { eid, made_end } of this.sql.candidates.all(day, inList(country))) {
      const intervals = this.sql.intervals.all(eid).map((r) => [r.status, r.eff_from, r.eff_to] as [string, string, string]);
      const m = memberAt(intervals, made_end, day);
      if (!m) continue;
      this.sql.addMember.run(country, day, made_end, eid, m.at, JSON.stringify(m.steps), stamp.position, stamp.recordedAt);
      addSteps(delta, m.steps, 1);
    }
    this.apply(id, delta, stamp);
  }
}

/** The pledge's membership of a handover on `day`: its status then (open, or not a member) and its intervals from then on. */
function memberAt(intervals: Steps, madeEnd: string, day: string): Member | undefined {
  const at = statusOnSteps(intervals, day);
  if (at === null || !isOpenStatus(at as PledgeStatus)) return undefined;
  const steps: Steps = intervals.filter(([, , to]) => to > day).map(([s, from, to]) => [s, from > day ? from : day, to]);
  return { at, madeEnd, steps };
}

/** Each interval counts +1 from its start and -1 from its end (none for the current one), by bucket and status packed as `b * 16 + s`. */
function addSteps(delta: Map<number, number>, steps: Steps, sign: number): void {
  const add = (day: string, status: string, n: number) => {
    const s = statusNumber(status);
    const o = dayNumber(day);
    const bump = (b: number) => delta.set(b * 16 + s, (delta.get(b * 16 + s) ?? 0) + n);
    bump(Math.floor(o / 10000));
    bump(Math.floor(o / 100));
    bump(o);
  };
  for (const [status, from, to] of steps) {
    add(from, status, sign);
    if (to !== AFTER_ALL) add(to, status, -sign);
  }
}

/** A handover count's bucket number: its handover's id times this, plus its bucket and status (`b * 16 + s`, below 2^31 for any day). */
const HANDOVER_SPAN = 2 ** 31;

/** The columns (h, b, s) of a packed bucket number; the numbers sort as the key does. */
function unpackCount(packed: number): [number, number, number] {
  const bs = packed % HANDOVER_SPAN;
  return [(packed - bs) / HANDOVER_SPAN, Math.floor(bs / 16), bs % 16];
}
