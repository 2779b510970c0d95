import type Database from 'better-sqlite3';
import { placeInScope, tallyScopes, type TallyScope } from '../counting/tally-scopes';
import type { AdministrationView } from '../ledger-view/reference.views';
import { SEP, type RowValues } from './derived-rows';
import { TABLE_COLUMNS } from './read-model-schema';

/** Bits of a tally item's `flags`: what it is, and whether it is its occasion's first (first certain) item. */
export const CERTAIN = 1;
export const PLEDGE = 2;
export const FIRST = 4;
export const FIRST_CERTAIN = 8;

/** Days since 1970-01-01: tallies order and cut agreements by the day they count, as a small integer. */
export function dayNumber(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) / 86_400_000;
}

/** The three calendar buckets a day falls in: its year, its month (yyyymm) and the day itself (grains 0, 1, 2). */
export function bucketsOf(day: number): [year: number, month: number, day: number] {
  const d = new Date(day * 86_400_000);
  return [d.getUTCFullYear(), d.getUTCFullYear() * 100 + d.getUTCMonth() + 1, day];
}

/** A recorded instant as the tallies keep it: integer milliseconds (`normalizeInstant` keeps no more). */
export const instantMs = (iso: string): number => Date.parse(iso);

const column = (name: (typeof TABLE_COLUMNS.agreement_rows)[number]) => TABLE_COLUMNS.agreement_rows.indexOf(name);
const AT = { country: column('country'), theme: column('theme'), occasion: column('occasion'), pledge: column('pledge_id'), from: column('date_from'), to: column('date_to'), countsFrom: column('counts_from'), countries: column('countries'), ord: column('ord') };

/** A scope as kept: one definition over a recorded interval (`tally_scopes` row). */
export type ScopeInstance = { id: number; scope: TallyScope };
type Item = { theme: number; occasion: string; day: number; arow: number; ord: string; base: number };
type Current = { day: number; arow: number; fromAt: number; flags: number; cday: number | null; ord: string };
type Counts = [occasions: number, occasionsCertain: number, pledges: number, pledgesCertain: number];
/** A bucket's current version; `stored` is false until its row is in the file. */
type Bucket = { scope: number; grain: number; bucket: number; theme: number; at: number; c: Counts; stored: boolean };

const counts = (flags: number): Counts => [flags & FIRST ? 1 : 0, flags & FIRST_CERTAIN ? 1 : 0, flags & PLEDGE ? 1 : 0, (flags & (PLEDGE | CERTAIN)) === (PLEDGE | CERTAIN) ? 1 : 0];
const add = (a: Counts, b: Counts, sign = 1) => a.forEach((_, i) => (a[i] += sign * b[i]));

/**
 * Keeps the priorities tallies (`tally_*` tables) in step with `agreement_rows`, system-versioned
 * like every read model: each row inserted or closed there is added to or taken from every scope
 * it falls in, at that row's recorded instant. An item's version carries its occasion's first
 * (and first certain) flag and, on the first, the day of the first certain item; a change of
 * those closes the version and opens another. The counts per (scope, theme) are kept by the
 * year, month and day the items count (`tally_buckets`), each bucket one version per instant it
 * changed (the superseded ones in `tally_bucket_log`), so "as of D, as known at T" sums the
 * versions in force at T of a few dozen buckets per theme. A scope is one
 * definition (an administration's term, a pair's shared days) over a recorded interval: when an
 * administration is recorded or corrected, the scopes whose term changed are closed at that
 * instant and opened anew, filled from the agreement rows in force then and replayed to the batch's end.
 */
export class TallyRows {
  private instances: ScopeInstance[];
  private scopesStale = false;
  private readonly themes = new Map<string, number>();
  /** The current version of recently touched buckets, by `scope grain bucket theme` (bounded: a long rebuild touches many). */
  private readonly latest = new Map<string, Bucket>();
  /** Buckets changed in this batch whose current row is written when it settles: a year's or a month's changes many times in a batch. */
  private readonly dirty = new Map<string, Bucket>();
  private readonly sql;

  constructor(db: Database.Database) {
    const pk = 'scope = ? AND theme = ? AND day = ? AND occasion = ? AND arow = ?';
    this.sql = {
      instances: db.prepare<[], { id: number; body: string }>('SELECT id, body FROM tally_scopes WHERE to_at IS NULL'),
      openScope: db.prepare('INSERT INTO tally_scopes (scope, body, from_at) VALUES (?, ?, ?)'),
      closeScope: db.prepare('UPDATE tally_scopes SET to_at = ? WHERE id = ?'),
      themes: db.prepare<[], { id: number; theme: string }>('SELECT id, theme FROM tally_themes'),
      addTheme: db.prepare('INSERT INTO tally_themes (theme) VALUES (?)'),
      administrations: db.prepare<[], { body: string; pos: number; at: string }>("SELECT body, rec_from_pos AS pos, rec_from_at AS at FROM entity_rows WHERE ekind = 'administration' AND rec_to_pos IS NULL"),
      insertItem: db.prepare('INSERT INTO tally_items (scope, theme, day, occasion, arow, from_at, flags, cday) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
      current: db.prepare<[number, number, number, string, number], { fromAt: number; flags: number }>(`SELECT from_at AS fromAt, flags FROM tally_items WHERE ${pk} AND to_at IS NULL`),
      closeItem: db.prepare(`UPDATE tally_items SET to_at = ? WHERE ${pk} AND from_at = ?`),
      dropItem: db.prepare(`DELETE FROM tally_items WHERE ${pk} AND from_at = ?`),
      setFlags: db.prepare(`UPDATE tally_items SET flags = ?, cday = ? WHERE ${pk} AND from_at = ?`),
      occasionItems: db.prepare<[number, number, string], Current>(
        'SELECT i.day, i.arow, i.from_at AS fromAt, i.flags, i.cday, a.ord FROM tally_items i INDEXED BY tally_items_occasion JOIN agreement_rows a ON a.rowid = i.arow WHERE i.scope = ? AND i.theme = ? AND i.occasion = ? AND i.to_at IS NULL',
      ),
      bucket: db.prepare<[number, number, number, number], { at: number; o: number; oc: number; p: number; pc: number }>(
        'SELECT from_at AS at, o, oc, p, pc FROM tally_buckets WHERE scope = ? AND grain = ? AND bucket = ? AND theme = ?',
      ),
      insertBucket: db.prepare('INSERT INTO tally_buckets (scope, grain, bucket, theme, from_at, o, oc, p, pc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'),
      updateBucket: db.prepare('UPDATE tally_buckets SET from_at = ?, o = ?, oc = ?, p = ?, pc = ? WHERE scope = ? AND grain = ? AND bucket = ? AND theme = ?'),
      logBucket: db.prepare('INSERT INTO tally_bucket_log (scope, grain, bucket, theme, from_at, o, oc, p, pc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'),
      // In the order the rows were written, whether the period index exists yet (a file being built has it only when sealed) or not: the themes get the same numbers either way.
      scopeRows: db.prepare<[string, string, string, number], { arow: number; fromPos: number; fromAt: string; toPos: number | null; toAt: string | null } & Record<string, string | number | null>>(
        `SELECT rowid AS arow, ${TABLE_COLUMNS.agreement_rows.join(', ')}, rec_from_pos AS fromPos, rec_from_at AS fromAt, rec_to_pos AS toPos, rec_to_at AS toAt
         FROM agreement_rows WHERE country = ? AND date_from <= ? AND date_to >= ? AND (rec_to_pos IS NULL OR rec_to_pos > ?) ORDER BY rowid`,
      ),
    };
    this.instances = this.sql.instances.all().map((r) => ({ id: r.id, scope: JSON.parse(r.body) as TallyScope }));
    for (const t of this.sql.themes.all()) this.themes.set(t.theme, t.id);
  }

  /** An administration was recorded or corrected: scopes are recomputed when the batch settles. */
  administrationsChanged(): void {
    this.scopesStale = true;
  }

  /** An `agreement_rows` row was inserted (as the current one) with these content columns, recorded at `recordedAt` (its `rec_from_at`). */
  added(arow: number, values: RowValues, recordedAt: string): void {
    let at: number | undefined;
    for (const s of this.instances) {
      const item = this.itemOf(s.scope, arow, values);
      if (item) this.addItem(s.id, item, (at ??= instantMs(recordedAt)));
    }
  }

  /** An `agreement_rows` row was closed at `recordedAt` (its `rec_to_at`): it no longer counts anywhere from then. */
  removed(arow: number, values: RowValues, recordedAt: string): void {
    let at: number | undefined;
    for (const s of this.instances) {
      const item = this.itemOf(s.scope, arow, values);
      if (item) this.removeItem(s.id, item, (at ??= instantMs(recordedAt)));
    }
  }

  /** Called before the batch commits: brings the scopes in line with the administrations, and writes the buckets changed in the batch. */
  settle(): void {
    this.settleScopes();
    this.writeBuckets();
  }

  /** The current row of each bucket changed since the last settle (the versions it superseded went to the log as they were). */
  private writeBuckets(): void {
    for (const b of this.dirty.values()) {
      if (b.stored) this.sql.updateBucket.run(b.at, ...b.c, b.scope, b.grain, b.bucket, b.theme);
      else this.sql.insertBucket.run(b.scope, b.grain, b.bucket, b.theme, b.at, ...b.c);
      b.stored = true;
    }
    this.dirty.clear();
  }

  private settleScopes(): void {
    if (!this.scopesStale) return;
    this.scopesStale = false;
    const rows = this.sql.administrations.all();
    if (rows.length === 0) return;
    // The scopes change at the last administration change; rows inserted or closed after it in this batch are replayed.
    const since = rows.reduce((a, b) => (b.pos > a.pos ? b : a));
    const at = instantMs(since.at);
    const next = tallyScopes(rows.map((r) => JSON.parse(r.body) as AdministrationView));
    const wanted = new Map(next.map((s) => [s.key, JSON.stringify(s)]));
    const kept: ScopeInstance[] = [];
    for (const s of this.instances) {
      if (wanted.get(s.scope.key) === JSON.stringify(s.scope)) kept.push(s);
      else this.sql.closeScope.run(at, s.id);
    }
    const keptKeys = new Set(kept.map((s) => s.scope.key));
    for (const s of next) {
      if (keptKeys.has(s.key)) continue;
      const id = Number(this.sql.openScope.run(s.key, JSON.stringify(s), at).lastInsertRowid);
      this.fill({ id, scope: s }, since.pos, at);
      kept.push({ id, scope: s });
    }
    this.instances = kept;
  }

  /** A new scope's items: the agreement rows in force at position `pos` (instant `at`), then every change after it in order. */
  private fill(s: ScopeInstance, pos: number, at: number): void {
    type Change = { pos: number; at: number; remove: boolean; arow: number; values: RowValues };
    const initial: Array<{ item: Item; certain: boolean }> = [];
    const changes: Change[] = [];
    for (const row of this.sql.scopeRows.all(s.scope.countries[0], s.scope.term.to, s.scope.term.from, pos)) {
      const values = TABLE_COLUMNS.agreement_rows.map((c) => row[c]);
      const item = this.itemOf(s.scope, row.arow, values);
      if (!item) continue;
      if (row.fromPos <= pos) initial.push({ item, certain: (item.base & CERTAIN) !== 0 });
      else changes.push({ pos: row.fromPos, at: instantMs(row.fromAt), remove: false, arow: row.arow, values });
      if (row.toPos !== null) changes.push({ pos: row.toPos, at: instantMs(row.toAt!), remove: true, arow: row.arow, values });
    }
    this.fillInitial(s.id, initial, at);
    // In the order they happened; at one position a row is closed before its successor is inserted.
    changes.sort((a, b) => a.pos - b.pos || Number(b.remove) - Number(a.remove));
    for (const c of changes) {
      const item = this.itemOf(s.scope, c.arow, c.values)!;
      if (c.remove) this.removeItem(s.id, item, c.at);
      else this.addItem(s.id, item, c.at);
    }
  }

  /** Items in force when a scope opens, written in one pass: per occasion, the first (and first certain) in order. */
  private fillInitial(scope: number, items: Array<{ item: Item; certain: boolean }>, at: number): void {
    items.sort((a, b) => a.item.theme - b.item.theme || (a.item.ord < b.item.ord ? -1 : a.item.ord > b.item.ord ? 1 : 0));
    const totals = new Map<string, { theme: number; day: number; c: Counts }>();
    const firsts = new Map<string, { first: Item; firstCertain: Item | null }>();
    for (const { item, certain } of items) {
      const k = `${item.theme}\u0000${item.occasion}`;
      const f = firsts.get(k);
      if (!f) firsts.set(k, { first: item, firstCertain: certain ? item : null });
      else if (certain && f.firstCertain === null) f.firstCertain = item;
    }
    for (const { item } of items) {
      const f = firsts.get(`${item.theme}\u0000${item.occasion}`)!;
      const flags = item.base | (f.first === item ? FIRST : 0) | (f.firstCertain === item ? FIRST_CERTAIN : 0);
      const cday = f.first === item && f.firstCertain ? f.firstCertain.day : null;
      this.sql.insertItem.run(scope, item.theme, item.day, item.occasion, item.arow, at, flags, cday);
      const k = `${item.theme} ${item.day}`;
      let t = totals.get(k);
      if (!t) totals.set(k, (t = { theme: item.theme, day: item.day, c: [0, 0, 0, 0] }));
      add(t.c, counts(flags));
    }
    for (const t of totals.values()) this.bump(scope, t.theme, t.day, at, t.c);
  }

  private themeId(theme: string): number {
    let id = this.themes.get(theme);
    if (id === undefined) this.themes.set(theme, (id = Number(this.sql.addTheme.run(theme).lastInsertRowid)));
    return id;
  }

  /** The item an agreement row makes in a scope, or null when it does not fall in it. */
  private itemOf(s: TallyScope, arow: number, v: RowValues): Item | null {
    // A pair's agreements are its first country's rows (every agreement has one row per country).
    if (v[AT.country] !== s.countries[0]) return null;
    const countries = String(v[AT.countries]).split(SEP).filter(Boolean);
    const place = placeInScope(s, countries, { from: String(v[AT.from]), to: String(v[AT.to]) });
    if (place === 'no') return null;
    const base = (place === 'certain' ? CERTAIN : 0) | (v[AT.pledge] !== null ? PLEDGE : 0);
    return { theme: this.themeId(String(v[AT.theme])), occasion: String(v[AT.occasion]), day: dayNumber(String(v[AT.countsFrom])), arow, ord: String(v[AT.ord]), base };
  }

  private addItem(scope: number, item: Item, at: number): void {
    const others = this.sql.occasionItems.all(scope, item.theme, item.occasion);
    if (others.length === 0) {
      // Its occasion's only item: first (and first certain when it is certain) from the start, written once.
      const certain = (item.base & CERTAIN) !== 0;
      const flags = item.base | FIRST | (certain ? FIRST_CERTAIN : 0);
      this.sql.insertItem.run(scope, item.theme, item.day, item.occasion, item.arow, at, flags, certain ? item.day : null);
      this.bump(scope, item.theme, item.day, at, counts(flags));
      return;
    }
    this.sql.insertItem.run(scope, item.theme, item.day, item.occasion, item.arow, at, item.base, null);
    this.bump(scope, item.theme, item.day, at, counts(item.base));
    this.reconcile(scope, item, at, [...others, { day: item.day, arow: item.arow, fromAt: at, flags: item.base, cday: null, ord: item.ord }]);
  }

  private removeItem(scope: number, item: Item, at: number): void {
    const key = [scope, item.theme, item.day, item.occasion, item.arow] as const;
    const current = this.sql.current.get(...key);
    if (!current) return;
    if (current.fromAt === at) this.sql.dropItem.run(...key, at);
    else this.sql.closeItem.run(at, ...key, current.fromAt);
    const delta: Counts = [0, 0, 0, 0];
    add(delta, counts(current.flags), -1);
    this.bump(scope, item.theme, item.day, at, delta);
    this.reconcile(scope, item, at);
  }

  /** Gives the occasion's current items (read from the file unless given) the flags their order says; a changed item gets a new version at `at`. */
  private reconcile(scope: number, item: Item, at: number, current = this.sql.occasionItems.all(scope, item.theme, item.occasion)): void {
    const items = current.sort((a, b) => (a.ord < b.ord ? -1 : a.ord > b.ord ? 1 : 0));
    const first = items[0];
    const firstCertain = items.find((i) => (i.flags & CERTAIN) !== 0);
    for (const i of items) {
      const flags = (i.flags & (CERTAIN | PLEDGE)) | (i === first ? FIRST : 0) | (i === firstCertain ? FIRST_CERTAIN : 0);
      const cday = i === first && firstCertain ? firstCertain.day : null;
      if (flags === i.flags && cday === i.cday) continue;
      const key = [scope, item.theme, i.day, item.occasion, i.arow] as const;
      if (i.fromAt === at) this.sql.setFlags.run(flags, cday, ...key, at);
      else {
        this.sql.closeItem.run(at, ...key, i.fromAt);
        this.sql.insertItem.run(...key, at, flags, cday);
      }
      const delta = counts(flags);
      add(delta, counts(i.flags), -1);
      this.bump(scope, item.theme, i.day, at, delta);
    }
  }

  /**
   * Adds to the counts of a (scope, theme) on a day: its year's, month's and day's buckets. A
   * bucket's version of this instant is changed in place; an older one moves to the log first.
   * The current rows are written when the batch settles.
   */
  private bump(scope: number, theme: number, day: number, at: number, delta: Counts): void {
    if (delta.every((d) => d === 0)) return;
    // Bounded; a changed bucket stays until its row is written.
    if (this.latest.size > 50_000) for (const k of this.latest.keys()) if (!this.dirty.has(k)) this.latest.delete(k);
    bucketsOf(day).forEach((bucket, grain) => {
      const k = `${scope} ${grain} ${bucket} ${theme}`;
      let latest = this.latest.get(k);
      if (!latest) {
        const row = this.sql.bucket.get(scope, grain, bucket, theme);
        latest = row ? { scope, grain, bucket, theme, at: row.at, c: [row.o, row.oc, row.p, row.pc], stored: true } : { scope, grain, bucket, theme, at, c: [0, 0, 0, 0], stored: false };
        this.latest.set(k, latest);
      }
      // The version this instant supersedes, if the bucket has one (in the file, or made earlier in this batch), goes to the log.
      if ((latest.stored || this.dirty.has(k)) && latest.at !== at) this.sql.logBucket.run(scope, grain, bucket, theme, latest.at, ...latest.c);
      latest.at = at;
      latest.c = latest.c.map((n, i) => n + delta[i]) as Counts;
      this.dirty.set(k, latest);
    });
  }
}
