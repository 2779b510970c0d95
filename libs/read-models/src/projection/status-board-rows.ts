import type Database from 'better-sqlite3';
import { dateInterval } from '@concordat/shared-kernel';
import { pledgeCountries } from '../counting/parties';
import type { EntityView } from '../ledger-view/ledger-view';
import type { PledgeView } from '../ledger-view/pledge.view';
import { AFTER_ALL, listColumn, statusIntervals } from './derived-rows';
import { calendarBuckets, RANGES, VersionedCounts } from './calendar-buckets';
import { instantMs } from './tally-rows';

/** The board row of a status interval that is not about one theme: the status filter alone. */
export const ANY_THEME = '';

const COLUMNS = ['status', 'theme', 'made_end', 'eid', 'eff_from', 'eff_to', 'made_from', 'made_to', 'forum', 'countries', 'parties'] as const;

type Stamp = { position: bigint; recordedAt: string };

/** How many pledges are in status @st on day D (on theme @bt, or any): a sum of calendar buckets (`countsOnParams(D)`), as known now. */
export const BOARD_COUNT_ON = RANGES.map((r) => `SELECT c.n AS n FROM status_board_counts c WHERE c.status = @st AND c.theme = @bt AND ${r}`).join(' UNION ALL ');
/** The same as known at @Tms: each bucket's last version by then (a bucket is never dropped; one made after T has no version by T). */
export const BOARD_COUNT_AT = RANGES.map(
  (r) =>
    `SELECT (SELECT v.n FROM status_board_count_versions v WHERE v.status = c.status AND v.theme = c.theme AND v.b = c.b AND v.from_at <= @Tms ORDER BY v.from_at DESC LIMIT 1) AS n
     FROM status_board_counts c WHERE c.status = @st AND c.theme = @bt AND ${r}`,
).join(' UNION ALL ');

/**
 * The board's status filter kept ready (`status_board`): one row per status interval of a
 * counted pledge, once for any theme and once per theme it names, carrying the board's other
 * filter columns. "Status S on D (on theme T)" is then one index range in the board's order,
 * (S, T, end of madeOn, id), whose rows hold D in proportion to the pledges in S then, not to
 * every pledge ever made. System-versioned like the tables of `derived-rows.ts`: a pledge's new
 * version closes the rows whose content changed (`rec_to_*`) and inserts the new ones, so an
 * answer as known at an instant reads the same range with the recorded-time condition.
 *
 * A page's total (the pledges in S on D) is kept ready too: a row counts on D from the later of
 * its madeOn's end and its interval's start until the interval's end, so it adds 1 to the
 * calendar bucket of the one and takes 1 from the bucket of the other (`status_board_counts`, by
 * year, month and day as in `handover-rows.ts`), and the total is the sum of the buckets up to D.
 * Each bucket keeps one version per recorded instant it changed at, for the total as known at T.
 */
export class StatusBoardRows {
  private readonly sql;
  private readonly totals: VersionedCounts;

  constructor(db: Database.Database) {
    this.sql = {
      // A pledge's current rows differ in (status, theme, eff_from): the key's head finds the one not superseded among its few versions.
      close: db.prepare('UPDATE status_board SET rec_to_pos = ?, rec_to_at = ? WHERE status = ? AND theme = ? AND made_end = ? AND eid = ? AND eff_from = ? AND rec_to_pos IS NULL'),
      add: db.prepare(`INSERT INTO status_board (${COLUMNS.join(', ')}, rec_from_pos, rec_from_at) VALUES (${COLUMNS.map(() => '?').join(', ')}, ?, ?)`),
    };
    this.totals = new VersionedCounts({
      move: db.prepare('INSERT INTO status_board_counts (status, theme, b, n) VALUES (?, ?, ?, ?) ON CONFLICT (status, theme, b) DO UPDATE SET n = n + excluded.n RETURNING n'),
      version: db.prepare(
        'INSERT INTO status_board_count_versions (status, theme, b, from_at, n) VALUES (?, ?, ?, ?, ?) ON CONFLICT (status, theme, b, from_at) DO UPDATE SET n = excluded.n',
      ),
    });
  }

  /**
   * `previous` is the pledge's version before this one (none for a new pledge): its rows are the
   * current ones, derived again rather than read back, so the table needs no index by pledge.
   */
  stored(entity: EntityView, previous: EntityView | undefined, stamp: Stamp): void {
    if (entity.entityKind !== 'pledge') return;
    const next = new Map(boardRows(entity).map((r) => [JSON.stringify(r), r]));
    const held = previous?.entityKind === 'pledge' ? new Map(boardRows(previous).map((r) => [JSON.stringify(r), r])) : new Map<string, Array<string | null>>();
    const delta = new Map<string, { key: [string, string, number]; d: number }>();
    for (const [k, values] of held) {
      if (next.has(k)) next.delete(k);
      else {
        this.sql.close.run(stamp.position, stamp.recordedAt, ...values.slice(0, 5));
        counts(delta, values, -1);
      }
    }
    for (const values of next.values()) {
      this.sql.add.run(...values, stamp.position, stamp.recordedAt);
      counts(delta, values, 1);
    }
    const at = instantMs(stamp.recordedAt);
    for (const { key, d } of delta.values()) this.totals.add(key, at, d);
  }

  /** Writes the totals the batch changed; called before it commits. */
  settle(): void {
    this.totals.settle();
  }
}

/** A board row counts on D when its madeOn has ended and its interval holds D: +1 in the buckets of the first such day, -1 in those of its interval's end. */
function counts(delta: Map<string, { key: [string, string, number]; d: number }>, [status, theme, madeEnd, , from, to]: Array<string | null>, sign: number): void {
  const start = String(madeEnd) > String(from) ? String(madeEnd) : String(from);
  if (start >= String(to)) return;
  const add = (day: string, n: number) => {
    for (const b of calendarBuckets(day)) {
      const k = `${status}\u0000${theme}\u0000${b}`;
      const found = delta.get(k);
      if (found) found.d += n;
      else delta.set(k, { key: [String(status), String(theme), b], d: n });
    }
  };
  add(start, sign);
  if (to !== AFTER_ALL) add(String(to), -sign);
}

function boardRows(p: PledgeView): Array<Array<string | null>> {
  if (p.retraction !== null) return [];
  const made = dateInterval(p.madeOn.date);
  const countries = listColumn(pledgeCountries(p));
  const parties = listColumn([...p.by, ...p.accountable, ...p.implementers, ...p.beneficiaries]);
  const themes = [ANY_THEME, ...new Set(p.themes)];
  return statusIntervals(p).flatMap(([status, from, to]) => themes.map((theme) => [String(status), theme, made.to, p.id, String(from), String(to), made.from, made.to, p.forum, countries, parties]));
}
