import type Database from 'better-sqlite3';
import { placeInScope, tallyScopes, type TallyScope } from '../counting/tally-scopes';
import type { AdministrationView } from '../ledger-view/reference.views';
import { SEP, type RowValues } from './derived-rows';
import { TABLE_COLUMNS } from './read-model-schema';

/** A first_certain_ord after every order: the occasion has no certain item. */
export const NEVER = '~';

const column = (name: (typeof TABLE_COLUMNS.agreement_rows)[number]) => TABLE_COLUMNS.agreement_rows.indexOf(name);
const AT = { country: column('country'), theme: column('theme'), occasion: column('occasion'), pledge: column('pledge_id'), from: column('date_from'), to: column('date_to'), countries: column('countries'), ord: column('ord') };

type Item = { scope: string; theme: string; occasion: string; ord: string; certain: boolean; pledge: boolean };

/**
 * Keeps the priorities tallies (`tally_*` tables) in step with the current agreement rows: each
 * row inserted or closed in `agreement_rows` is added to or taken from every scope it falls in,
 * with the occasion's first items and the theme's totals adjusted, so a report reads a
 * few rows per theme whatever the length of the history. Scopes follow the administrations: when
 * one is recorded or corrected, the scopes whose term changed are refilled at the end of the batch.
 */
export class TallyRows {
  private scopes: TallyScope[];
  private scopesStale = false;
  private readonly sql;

  constructor(db: Database.Database) {
    this.sql = {
      scopes: db.prepare<[], { body: string }>('SELECT body FROM tally_scopes'),
      saveScope: db.prepare('INSERT INTO tally_scopes (scope, body) VALUES (?, ?) ON CONFLICT (scope) DO UPDATE SET body = excluded.body'),
      dropScope: db.prepare('DELETE FROM tally_scopes WHERE scope = ?'),
      administrations: db.prepare<[], { body: string }>("SELECT body FROM entity_rows WHERE ekind = 'administration' AND rec_to_pos IS NULL"),
      insertItem: db.prepare('INSERT INTO tally_items (scope, theme, ord, arow, occasion, certain, pledge) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      deleteItem: db.prepare<[string, string, string, number]>('DELETE FROM tally_items WHERE scope = ? AND theme = ? AND ord = ? AND arow = ?'),
      occasionItems: db.prepare<[string, string, string], { n: number; first: string | null; firstCertain: string | null }>(
        `SELECT COUNT(*) AS n, MIN(ord) AS first, MIN(CASE WHEN certain = 1 THEN ord ELSE '${NEVER}' END) AS firstCertain FROM tally_items WHERE scope = ? AND theme = ? AND occasion = ?`,
      ),
      occasion: db.prepare<[string, string, string], { first: string; firstCertain: string }>('SELECT first_ord AS first, first_certain_ord AS firstCertain FROM tally_occasions WHERE scope = ? AND theme = ? AND occasion = ?'),
      saveOccasion: db.prepare(
        'INSERT INTO tally_occasions (scope, theme, occasion, first_ord, first_certain_ord) VALUES (?, ?, ?, ?, ?) ON CONFLICT (scope, theme, occasion) DO UPDATE SET first_ord = excluded.first_ord, first_certain_ord = excluded.first_certain_ord',
      ),
      dropOccasion: db.prepare('DELETE FROM tally_occasions WHERE scope = ? AND theme = ? AND occasion = ?'),
      addTotals: db.prepare(
        `INSERT INTO tally_totals (scope, theme, occasions, occasions_certain, pledges, pledges_certain) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (scope, theme) DO UPDATE SET
         occasions = occasions + excluded.occasions, occasions_certain = occasions_certain + excluded.occasions_certain, pledges = pledges + excluded.pledges, pledges_certain = pledges_certain + excluded.pledges_certain`,
      ),
      scopeRows: db.prepare<[string, string, string], { arow: number } & Record<string, string | number | null>>(
        `SELECT rowid AS arow, ${TABLE_COLUMNS.agreement_rows.join(', ')} FROM agreement_rows WHERE country = ? AND date_from <= ? AND date_to >= ? AND rec_to_pos IS NULL`,
      ),
      clear: ['tally_items', 'tally_occasions', 'tally_totals'].map((t) => db.prepare(`DELETE FROM ${t} WHERE scope = ?`)),
    };
    this.scopes = this.sql.scopes.all().map((r) => JSON.parse(r.body) as TallyScope);
  }

  /** An administration was recorded or corrected: scopes are recomputed when the batch settles. */
  administrationsChanged(): void {
    this.scopesStale = true;
  }

  /** An `agreement_rows` row was inserted (as the current one) with these content columns. */
  added(arow: number, values: RowValues): void {
    for (const s of this.scopes) this.addToScope(s, arow, values);
  }

  /** An `agreement_rows` row was closed: it no longer counts anywhere. Its scopes are found as `added` found them. */
  removed(arow: number, values: RowValues): void {
    for (const s of this.scopes) {
      const item = this.itemOf(s, values);
      if (item && this.sql.deleteItem.run(item.scope, item.theme, item.ord, arow).changes > 0) this.retally(item);
    }
  }

  /** Called before the batch commits: brings the scopes in line with the administrations. */
  settle(): void {
    if (!this.scopesStale) return;
    this.scopesStale = false;
    const terms = this.sql.administrations.all().map((r) => JSON.parse(r.body) as AdministrationView);
    const next = tallyScopes(terms);
    const before = new Map(this.scopes.map((s) => [s.key, JSON.stringify(s)]));
    const after = new Set(next.map((s) => s.key));
    for (const s of this.scopes) if (!after.has(s.key)) this.clearScope(s.key, true);
    for (const s of next) {
      const body = JSON.stringify(s);
      if (before.get(s.key) === body) continue;
      this.clearScope(s.key, false);
      this.sql.saveScope.run(s.key, body);
      for (const row of this.sql.scopeRows.all(s.countries[0], s.term.to, s.term.from)) {
        this.addToScope(s, row.arow, TABLE_COLUMNS.agreement_rows.map((c) => row[c]));
      }
    }
    this.scopes = next;
  }

  private clearScope(scope: string, drop: boolean): void {
    for (const statement of this.sql.clear) statement.run(scope);
    if (drop) this.sql.dropScope.run(scope);
  }

  /** The item an agreement row makes in a scope, or null when it does not fall in it. */
  private itemOf(s: TallyScope, v: RowValues): Item | null {
    // A pair's agreements are its first country's rows (every agreement has one row per country).
    if (v[AT.country] !== s.countries[0]) return null;
    const countries = String(v[AT.countries]).split(SEP).filter(Boolean);
    const place = placeInScope(s, countries, { from: String(v[AT.from]), to: String(v[AT.to]) });
    if (place === 'no') return null;
    return { scope: s.key, theme: String(v[AT.theme]), occasion: String(v[AT.occasion]), ord: String(v[AT.ord]), certain: place === 'certain', pledge: v[AT.pledge] !== null };
  }

  private addToScope(s: TallyScope, arow: number, v: RowValues): void {
    const item = this.itemOf(s, v);
    if (!item) return;
    this.sql.insertItem.run(item.scope, item.theme, item.ord, arow, item.occasion, item.certain ? 1 : 0, item.pledge ? 1 : 0);
    const known = this.sql.occasion.get(item.scope, item.theme, item.occasion);
    const firstCertain = item.certain ? item.ord : NEVER;
    if (!known) {
      this.sql.saveOccasion.run(item.scope, item.theme, item.occasion, item.ord, firstCertain);
      this.totals(item, 1, item.certain ? 1 : 0);
      return;
    }
    const next = { first: min(known.first, item.ord), firstCertain: min(known.firstCertain, firstCertain) };
    if (next.first !== known.first || next.firstCertain !== known.firstCertain) this.sql.saveOccasion.run(item.scope, item.theme, item.occasion, next.first, next.firstCertain);
    this.totals(item, 0, known.firstCertain === NEVER && next.firstCertain !== NEVER ? 1 : 0);
  }

  /** An item left its occasion: the occasion's first days are read again from the items left. */
  private retally(item: Item): void {
    const known = this.sql.occasion.get(item.scope, item.theme, item.occasion);
    const left = this.sql.occasionItems.get(item.scope, item.theme, item.occasion)!;
    const wasCertain = known !== undefined && known.firstCertain !== NEVER;
    if (left.n === 0) {
      this.sql.dropOccasion.run(item.scope, item.theme, item.occasion);
      this.totals(item, -1, wasCertain ? -1 : 0, -1);
      return;
    }
    this.sql.saveOccasion.run(item.scope, item.theme, item.occasion, left.first, left.firstCertain);
    this.totals(item, 0, (left.firstCertain !== NEVER ? 1 : 0) - (wasCertain ? 1 : 0), -1);
  }

  private totals(item: Item, occasions: number, occasionsCertain: number, sign = 1): void {
    const pledges = item.pledge ? sign : 0;
    this.sql.addTotals.run(item.scope, item.theme, occasions, occasionsCertain, pledges, item.certain ? pledges : 0);
  }
}

const min = (a: string, b: string) => (a < b ? a : b);
