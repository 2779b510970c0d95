import type Database from 'better-sqlite3';
import { dateInterval } from '@concordat/shared-kernel';
import { pledgeCountries } from '../counting/parties';
import type { EntityView } from '../ledger-view/ledger-view';
import type { PledgeView } from '../ledger-view/pledge.view';
import { listColumn, statusIntervals } from './derived-rows';

/** The board row of a status interval that is not about one theme: the status filter alone. */
export const ANY_THEME = '';

const COLUMNS = ['status', 'theme', 'made_end', 'eid', 'eff_from', 'eff_to', 'made_from', 'made_to', 'forum', 'countries', 'parties'] as const;

type Stamp = { position: bigint; recordedAt: string };

/**
 * The board's status filter kept ready (`status_board`): one row per status interval of a
 * counted pledge, once for any theme and once per theme it names, carrying the board's other
 * filter columns. "Status S on D (on theme T)" is then one index range in the board's order,
 * (S, T, end of madeOn, id), whose rows hold D in proportion to the pledges in S then, not to
 * every pledge ever made. System-versioned like the tables of `derived-rows.ts`: a pledge's new
 * version closes the rows whose content changed (`rec_to_*`) and inserts the new ones, so an
 * answer as known at an instant reads the same range with the recorded-time condition.
 */
export class StatusBoardRows {
  private readonly sql;

  constructor(db: Database.Database) {
    this.sql = {
      // A pledge's current rows differ in (status, theme, eff_from): the key's head finds the one not superseded among its few versions.
      close: db.prepare('UPDATE status_board SET rec_to_pos = ?, rec_to_at = ? WHERE status = ? AND theme = ? AND made_end = ? AND eid = ? AND eff_from = ? AND rec_to_pos IS NULL'),
      add: db.prepare(`INSERT INTO status_board (${COLUMNS.join(', ')}, rec_from_pos, rec_from_at) VALUES (${COLUMNS.map(() => '?').join(', ')}, ?, ?)`),
    };
  }

  /**
   * `previous` is the pledge's version before this one (none for a new pledge): its rows are the
   * current ones, derived again rather than read back, so the table needs no index by pledge.
   */
  stored(entity: EntityView, previous: EntityView | undefined, stamp: Stamp): void {
    if (entity.entityKind !== 'pledge') return;
    const next = new Map(boardRows(entity).map((r) => [JSON.stringify(r), r]));
    const held = previous?.entityKind === 'pledge' ? new Map(boardRows(previous).map((r) => [JSON.stringify(r), r])) : new Map<string, Array<string | null>>();
    for (const [k, values] of held) {
      if (next.has(k)) next.delete(k);
      else this.sql.close.run(stamp.position, stamp.recordedAt, ...values.slice(0, 5));
    }
    for (const values of next.values()) this.sql.add.run(...values, stamp.position, stamp.recordedAt);
  }
}

function boardRows(p: PledgeView): Array<Array<string | null>> {
  if (p.retraction !== null) return [];
  const made = dateInterval(p.madeOn.date);
  const countries = listColumn(pledgeCountries(p));
  const parties = listColumn([...p.by, ...p.accountable, ...p.implementers, ...p.beneficiaries]);
  const themes = [ANY_THEME, ...new Set(p.themes)];
  return statusIntervals(p).flatMap(([status, from, to]) => themes.map((theme) => [String(status), theme, made.to, p.id, String(from), String(to), made.from, made.to, p.forum, countries, parties]));
}
