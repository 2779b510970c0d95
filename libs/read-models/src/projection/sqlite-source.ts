import type { PledgeStatus } from '@concordat/domain';
import { termInterval } from '../counting/attribution';
import type { Coverage } from '../counting/coverage';
import { administrationsAsOf, effectivePledge, endOf, forumEstablishedBy, type EffectivePledge } from '../ledger-view/effective-view';
import type { EntityKind, EntityView } from '../ledger-view/ledger-view';
import type { MeetingView } from '../ledger-view/meeting.view';
import type { PledgeView } from '../ledger-view/pledge.view';
import { normalizeInstant } from '../ledger-view/provenance';
import type { AdministrationView, ForumView, ThemeView } from '../ledger-view/reference.views';
import { decodeCursor, TOTAL_CAP, type PageRequest } from '../reports/paging';
import { sortBy } from '../reports/refs';
import type { MeetingFilters, Inheritance, PledgeFilters, PledgeState, ReportSource, SourcePage, TallyOptions, TallyRequest, ThemeTally } from '../reports/report-source';
import type { TallyScope } from '../counting/tally-scopes';
import { rangeTallies, readyTallies, type TallyThemes } from './tally-query';
import { instantMs, type ScopeInstance } from './tally-rows';
import { countsOnParams } from './calendar-buckets';
import { ANY_THEME, BOARD_COUNT_AT, BOARD_COUNT_ON } from './status-board-rows';
import { readyForumMeetings } from './forum-rows';
import type { ForumMeetings } from '../reports/forum-activity';
import { fromOrderedListColumn, inList } from './derived-rows';
import { bodiesKnownAt, type StoredVersion } from './entity-history';
import type { StoredBody } from './entity-bodies';
import { decodedBodies } from './decoded-bodies';
import type { ReadModelDb } from './read-model-db';
import { readCoverage, visible, type Params, type RunQuery } from './coverage-query';
import { readInheritance } from './inheritance-query';

const statementCache = new WeakMap<object, Map<string, import('better-sqlite3').Statement>>();

/** Page totals counted at one read-model position, by query and boundary (see `SqliteSource.page`). */
const COUNTS_KEPT = 512;
const countsAt = new WeakMap<ReadModelDb, { position: bigint; counts: Map<string, number> }>();

type Reference = { administrations: AdministrationView[]; forums: ForumView[]; themes: ThemeView[] };
/** What answers as known now share at one read-model position: reference data, and the span of the whole record. */
type Shared = { position: bigint; reference?: Reference; span?: Coverage };
const sharedAt = new WeakMap<ReadModelDb, Shared>();
/** After every fact's end: as of this day, every fact counts. */
const END_OF_TIME = '9999-12-31';

/**
 * The read models as a report source: every method one indexed range query over the
 * system-versioned tables (as known at T) with the effective-time condition (as of D). Reference
 * data (administrations, forums, themes) is small and read whole; nothing else is.
 */
export class SqliteSource implements ReportSource {
  private readonly knownAt: string | undefined;
  private readonly params: Params;
  private scopes: Map<string, ScopeInstance> | undefined;
  private tallyThemes: TallyThemes | undefined;
  private overall: Coverage | undefined;
  private sharedNow: Shared | undefined;
  private reference: { administrations: AdministrationView[]; forums: Map<string, ForumView>; themes: Map<string, ThemeView> } | undefined;

  constructor(
    private readonly rm: ReadModelDb,
    readonly asOf: string,
    knownAt?: string,
  ) {
    this.knownAt = knownAt === undefined ? undefined : normalizeInstant(knownAt);
    this.params = this.knownAt === undefined ? { D: asOf } : { D: asOf, T: this.knownAt };
  }

  private all<R>(sql: string, params: Params = {}): R[] {
    let cache = statementCache.get(this.rm.db);
    if (!cache) statementCache.set(this.rm.db, (cache = new Map()));
    let statement = cache.get(sql);
    if (!statement) cache.set(sql, (statement = this.rm.db.prepare(sql)));
    return statement.all({ ...this.params, ...params }) as R[];
  }

  private bodies<V extends EntityView>(kind: EntityKind, ids?: readonly string[]): V[] {
    if (ids !== undefined && ids.length === 0) return [];
    const which = ids === undefined ? '' : ` AND e.eid IN (${ids.map((_, i) => `@id${i}`).join(', ')})`;
    const params = Object.fromEntries((ids ?? []).map((id, i) => [`id${i}`, id]));
    if (this.knownAt === undefined) {
      const decoded = decodedBodies(this.rm);
      return this.all<{ eid: string; pos: number; body: StoredBody }>(`SELECT e.eid, e.rec_from_pos AS pos, e.body FROM entity_rows e WHERE e.ekind = '${kind}'${which} AND ${visible('e', undefined)}`, params).map((r) =>
        decoded.body<V>(kind, r.eid, r.pos, r.body),
      );
    }
    // Superseded versions are stored as deltas: walked back from the current body (entity-history.ts).
    const versions = `SELECT e.eid, e.body, e.rec_from_at, e.rec_to_at FROM entity_rows e WHERE e.ekind = '${kind}'${which} AND (e.rec_to_at IS NULL OR e.rec_to_at > @T) ORDER BY e.eid, e.rec_from_pos DESC`;
    return bodiesKnownAt<V>(this.all<StoredVersion>(versions, params), this.knownAt);
  }

  private ref() {
    if (!this.reference) {
      const raw = this.knownAt === undefined ? this.currentReference() : this.readReference();
      this.reference = {
        administrations: administrationsAsOf(raw.administrations, this.asOf),
        forums: new Map(raw.forums.map((f) => [f.id, f])),
        themes: new Map(raw.themes.map((t) => [t.id, t])),
      };
    }
    return this.reference;
  }

  private readReference(): Reference {
    return { administrations: this.bodies<AdministrationView>('administration'), forums: this.bodies<ForumView>('forum'), themes: this.bodies<ThemeView>('theme') };
  }

  /** What is shared at the read models' position, looked up once per answer (a source answers one question). */
  private shared(): Shared {
    if (!this.sharedNow) {
      const position = this.rm.checkpoint().position;
      let kept = sharedAt.get(this.rm);
      if (!kept || kept.position !== position) sharedAt.set(this.rm, (kept = { position }));
      this.sharedNow = kept;
    }
    return this.sharedNow;
  }

  /** Reference data as known now is read once per projected position, not once per answer (answers never change it). */
  private currentReference(): Reference {
    return (this.shared().reference ??= this.readReference());
  }

  administrations() {
    return this.ref().administrations;
  }

  forums() {
    return sortBy([...this.ref().forums.values()].filter((f) => forumEstablishedBy(f, this.asOf)), (f) => f.id);
  }

  forum(id: string) {
    return this.ref().forums.get(id);
  }

  themes() {
    return sortBy([...this.ref().themes.values()], (t) => t.id);
  }

  themeName(id: string) {
    return this.ref().themes.get(id)?.name ?? null;
  }

  coverage(forum?: string): Coverage {
    // Several reports (and the choice of a ready tally) ask the overall coverage of one answer.
    const all: RunQuery = (sql, params) => this.all(sql, params);
    if (forum === undefined) return (this.overall ??= this.knownAt === undefined ? this.coverageNow(all) : readCoverage(all, this.knownAt));
    return readCoverage(all, this.knownAt, forum);
  }

  /**
   * As of a day on or after the record's last fact, the coverage is the whole record's span, read
   * once per position (an answer as of another day is then not two more queries); before it, read.
   */
  private coverageNow(all: RunQuery): Coverage {
    const shared = this.shared();
    const span = (shared.span ??= Object.freeze(readCoverage((sql, params) => all(sql, { ...params, D: END_OF_TIME }), undefined)));
    return span.to === null || span.to <= this.asOf ? span : readCoverage(all, undefined);
  }

  meeting(id: string) {
    return this.meetings([id]).get(id);
  }

  meetings(ids: readonly string[]) {
    return this.held(this.bodies<MeetingView>('meeting', [...new Set(ids)]));
  }

  private held(meetings: MeetingView[]) {
    return new Map(meetings.filter((m) => endOf(m.heldOn) <= this.asOf).map((m) => [m.id, m]));
  }

  /** The current bodies of a page's rows: those kept decoded under the version the page read beside them, the rest read. */
  private pageBodies<V extends EntityView>(kind: EntityKind, found: { ids: string[]; versions?: (number | null)[] }): V[] {
    const versions = found.versions;
    if (versions === undefined) return this.bodies<V>(kind, found.ids);
    const decoded = decodedBodies(this.rm);
    const kept = found.ids.map((id, i) => (versions[i] === null ? undefined : decoded.peek<V>(kind, id, versions[i]!)));
    const missing = found.ids.filter((_, i) => kept[i] === undefined);
    return [...kept.filter((b): b is V => b !== undefined), ...this.bodies<V>(kind, missing)];
  }

  pledge(id: string) {
    return this.pledges([id]).get(id);
  }

  pledges(ids: readonly string[]) {
    return this.made(this.bodies<PledgeView>('pledge', [...new Set(ids)]));
  }

  private made(pledges: PledgeView[]) {
    return new Map(pledges.filter((p) => endOf(p.madeOn) <= this.asOf).map((p) => [p.id, effectivePledge(p, this.asOf)]));
  }

  /**
   * As known now: the few fields from the pledge's row (its themes kept in the body's order) and
   * the status from its interval on asOf, so no pledge body is read here; a pledge whose interval
   * is not found, and every answer as known at an instant (superseded bodies are deltas), read whole.
   */
  pledgeStates(ids: readonly string[]) {
    const unique = [...new Set(ids)];
    const out = new Map<string, PledgeState>();
    if (unique.length === 0) return out;
    const whole = (which: readonly string[]) => {
      for (const [id, p] of this.pledges(which)) out.set(id, { description: p.pledge.description, themes: p.pledge.themes, status: p.status, retracted: p.pledge.retraction !== null });
      return out;
    };
    if (this.knownAt !== undefined) return whole(unique);
    const params = Object.fromEntries(unique.map((id, i) => [`id${i}`, id]));
    const rows = this.all<{ eid: string; description: string; themes: string; retracted: number; status: PledgeStatus | null }>(
      `SELECT x.eid, x.description, x.themes, x.retracted,
         (SELECT s.status FROM status_rows s WHERE s.eid = x.eid AND s.eff_from <= @D AND s.eff_to > @D AND s.rec_to_pos IS NULL LIMIT 1) AS status
       FROM pledge_rows x
       WHERE x.eid IN (${unique.map((_, i) => `@id${i}`).join(', ')}) AND x.made_end <= @D AND x.rec_to_pos IS NULL`,
      params,
    );
    const missing: string[] = [];
    for (const r of rows) {
      if (r.status === null) missing.push(r.eid);
      else out.set(r.eid, { description: r.description, themes: fromOrderedListColumn(r.themes), status: r.status, retracted: r.retracted === 1 });
    }
    return whole(missing);
  }

  /** Conditions of an administration filter (ids joined by commas, all must hold): country and term. */
  private termConditions(ids: string | undefined, alias: string, from: string, to: string, certain: boolean, params: Params): string[] | null {
    if (ids === undefined) return [];
    const out: string[] = [];
    for (const [i, id] of ids.split(',').entries()) {
      const a = this.administrations().find((x) => x.id === id);
      if (!a) return null;
      const t = termInterval(a);
      Object.assign(params, { [`tc${i}`]: inList(a.country), [`tf${i}`]: t.from, [`tt${i}`]: t.to });
      out.push(`${alias}.countries LIKE @tc${i}`, certain ? `${alias}.${from} >= @tf${i} AND ${alias}.${to} <= @tt${i}` : `${alias}.${from} <= @tt${i} AND ${alias}.${to} >= @tf${i}`);
    }
    return out;
  }

  /**
   * One page in `orderBy` order, and the total counted up to the cap. `byEnd`: the clause uses
   * asOf (@D) only as `<end column> <= @D`, the end column being `orderBy`'s first, so the rows
   * counted are those up to the last matching row's end `b` (found by one step down the index),
   * and the total for any asOf is the total for `b`: counted once per read-model position (a
   * question as of another day after the same row reuses it; one before it counts afresh).
   */
  private page<R extends { eid: string; k: string }>(
    table: string,
    where: string[],
    params: Params,
    page: PageRequest,
    orderBy: string,
    byEnd = false,
    counted?: number,
    kind?: EntityKind,
  ): { ids: string[]; versions?: (number | null)[]; total: number; totalExact: boolean; nextKey: string | null } {
    if (page.cursor !== undefined) {
      const [end, id] = decodeCursor(page.cursor).split('\u0000');
      Object.assign(params, { cEnd: end, cId: id ?? '' });
      where.push(`(${orderBy}) > (@cEnd, @cId)`);
    }
    const clause = where.join(' AND ');
    const offset = page.offset ?? 0;
    const n = counted ?? (byEnd ? this.countByEnd(table, clause, params, orderBy.split(', ')[0]) : this.count(table, clause, params));
    // As known now, each row's current version beside it: a body kept decoded is then not read again (`pageBodies`).
    const version = kind !== undefined && this.knownAt === undefined ? `, (SELECT e.rec_from_pos FROM entity_rows e WHERE e.ekind = '${kind}' AND e.eid = x.eid AND e.rec_to_pos IS NULL) AS v` : '';
    const rows = this.all<R & { v?: number | null }>(
      `SELECT x.eid AS eid, x.${orderBy.split(', ')[0].split('.')[1]} || char(0) || x.eid AS k${version} FROM ${table} WHERE ${clause} ORDER BY ${orderBy} LIMIT @lim OFFSET @off`,
      { ...params, lim: Math.min(page.limit, 1_000_000_000), off: offset },
    );
    const more = offset + page.limit < n;
    const versions = version === '' ? undefined : rows.map((r) => r.v ?? null);
    return { ids: rows.map((r) => r.eid), versions, total: Math.min(n, TOTAL_CAP), totalExact: n <= TOTAL_CAP, nextKey: more && rows.length > 0 ? rows[rows.length - 1].k : null };
  }

  /** Counted up to the cap only: a page costs the same whatever the length of the history. */
  private count(table: string, clause: string, params: Params): number {
    return this.all<{ n: number }>(`SELECT COUNT(*) AS n FROM (SELECT 1 FROM ${table} WHERE ${clause} LIMIT @cap)`, { ...params, cap: TOTAL_CAP + 1 })[0].n;
  }

  private countByEnd(table: string, clause: string, params: Params, end: string): number {
    const [last] = this.all<{ b: string }>(`SELECT ${end} AS b FROM ${table} WHERE ${clause} ORDER BY ${end} DESC LIMIT 1`, params);
    if (!last) return 0;
    const position = this.shared().position;
    let kept = countsAt.get(this.rm);
    if (!kept || kept.position !== position) countsAt.set(this.rm, (kept = { position, counts: new Map() }));
    const at = { ...this.params, ...params, D: last.b };
    const key = `${table}|${clause}|${JSON.stringify(Object.entries(at).sort(([a], [b]) => (a < b ? -1 : 1)))}`;
    const known = kept.counts.get(key);
    if (known !== undefined) return known;
    const n = this.all<{ n: number }>(`SELECT COUNT(*) AS n FROM (SELECT 1 FROM ${table} WHERE ${clause} LIMIT @cap)`, { ...params, D: last.b, cap: TOTAL_CAP + 1 })[0].n;
    if (kept.counts.size >= COUNTS_KEPT) kept.counts.delete(kept.counts.keys().next().value!);
    kept.counts.set(key, n);
    return n;
  }

  meetingsPage(f: MeetingFilters, page: PageRequest): SourcePage<MeetingView> {
    const params: Params = {};
    const where = [visible('x', this.knownAt), 'x.retracted = 0', 'x.held_end <= @D'];
    if (f.forum) where.push('x.forum = @forum'), (params.forum = f.forum);
    if (f.theme) where.push('x.themes LIKE @theme'), (params.theme = inList(f.theme));
    if (f.country) where.push('x.countries LIKE @country'), (params.country = inList(f.country));
    if (f.from) where.push('x.held_end >= @from'), (params.from = f.from);
    if (f.to) where.push('x.held_end <= @to'), (params.to = f.to);
    const terms = this.termConditions(f.administration, 'x', 'held_from', 'held_to', f.attribution === 'certain', params);
    if (terms === null) return { rows: [], total: 0, totalExact: true, nextKey: null };
    where.push(...terms);
    // asOf appears only as `x.held_end <= @D`.
    const found = this.page('meeting_rows x', where, params, page, 'x.held_end, x.eid', true, undefined, 'meeting');
    const bodies = this.held(this.pageBodies<MeetingView>('meeting', found));
    return { rows: found.ids.map((id) => bodies.get(id)!), total: found.total, totalExact: found.totalExact, nextKey: found.nextKey };
  }

  pledgesPage(f: PledgeFilters, page: PageRequest): SourcePage<EffectivePledge> {
    const params: Params = {};
    // One status: the status intervals kept ready in the board's order (`status-board-rows.ts`), by theme when one is asked.
    const ready = f.status?.length === 1;
    const where = ready ? ['x.status = @st0', 'x.theme = @bt', 'x.made_end <= @D', 'x.eff_from <= @D', 'x.eff_to > @D', visible('x', this.knownAt)] : [visible('x', this.knownAt), 'x.retracted = 0', 'x.made_end <= @D'];
    if (ready) Object.assign(params, { st0: f.status![0], bt: f.theme ?? ANY_THEME });
    else if (f.status) {
      f.status.forEach((s, i) => (params[`st${i}`] = s));
      where.push(
        `EXISTS (SELECT 1 FROM status_rows s WHERE s.eid = x.eid AND s.eff_from <= @D AND s.eff_to > @D AND ${visible('s', this.knownAt)} AND s.status IN (${f.status.map((_, i) => `@st${i}`).join(', ')}))`,
      );
    }
    if (f.theme && !ready) where.push('x.themes LIKE @theme'), (params.theme = inList(f.theme));
    if (f.party) where.push('x.parties LIKE @party'), (params.party = inList(f.party));
    if (f.country) where.push('x.countries LIKE @country'), (params.country = inList(f.country));
    if (f.forum) where.push('x.forum = @forum'), (params.forum = f.forum);
    if (f.madeFrom) where.push('x.made_end >= @madeFrom'), (params.madeFrom = f.madeFrom);
    if (f.madeTo) where.push('x.made_end <= @madeTo'), (params.madeTo = f.madeTo);
    const terms = this.termConditions(f.administration, 'x', 'made_from', 'made_to', f.attribution === 'certain', params);
    if (terms === null) return { rows: [], total: 0, totalExact: true, nextKey: null };
    where.push(...terms);
    // One status and at most a theme, from the first row: the total is kept ready with the board. Without a status, asOf appears only as `x.made_end <= @D`.
    const counted = ready && page.cursor === undefined && !f.party && !f.country && !f.forum && !f.madeFrom && !f.madeTo && !f.administration ? this.boardCount(f.status![0], f.theme ?? ANY_THEME) : undefined;
    const found = this.page(ready ? 'status_board x' : 'pledge_rows x', where, params, page, 'x.made_end, x.eid', f.status === undefined, counted, 'pledge');
    const bodies = this.made(this.pageBodies<PledgeView>('pledge', found));
    return { rows: found.ids.map((id) => bodies.get(id)!), total: found.total, totalExact: found.totalExact, nextKey: found.nextKey };
  }

  /** The pledges in a status on asOf (on a theme, or any), now or as known at T: a sum of a few dozen calendar buckets (`status-board-rows.ts`). */
  private boardCount(status: string, theme: string): number {
    const params = { st: status, bt: theme, ...countsOnParams(this.asOf), ...(this.knownAt === undefined ? {} : { Tms: instantMs(this.knownAt) }) };
    return this.all<{ n: number | null }>(this.knownAt === undefined ? BOARD_COUNT_ON : BOARD_COUNT_AT, params).reduce((n, r) => n + (r.n ?? 0), 0);
  }

  /**
   * The tallies of `theme-tally.ts`, from the scope's tally kept ready by the projection (as known
   * now or at T: the scope's definition in force then) when the request is that scope's term, cut
   * at asOf or the record's end, which no counted agreement passes. Anything else (a period that
   * is no scope's term as known then, an instant before the scope was kept) is counted from the
   * period's agreement rows.
   */
  themeTallies(request: TallyRequest, options: TallyOptions): ThemeTally[] {
    const ready = this.readyScope(request);
    if (ready) {
      // Theme ids are never renumbered: read once per answer.
      this.tallyThemes ??= this.all<{ id: number; theme: string }>('SELECT id, theme FROM tally_themes ORDER BY theme');
      return readyTallies((sql, params) => this.all(sql, params), ready.id, this.tallyThemes, this.asOf, this.knownAt, options);
    }
    return rangeTallies((sql, params) => this.all(sql, params), request, this.rm.agreementMaxSpanDays, visible('a', this.knownAt), options);
  }

  private readyScope({ scope, countries, period }: TallyRequest): ScopeInstance | undefined {
    if (this.scopes === undefined) {
      // Every scope in force (a few dozen rows) in one read, in key order (the latest per key wins): a report asks for most of them.
      const inForce = this.knownAt === undefined ? 'to_at IS NULL' : 'from_at <= @Tms AND (to_at IS NULL OR to_at > @Tms)';
      const params: Params = this.knownAt === undefined ? {} : { Tms: instantMs(this.knownAt) };
      this.scopes = new Map();
      for (const row of this.all<{ id: number; body: string }>(`SELECT id, body FROM tally_scopes WHERE ${inForce} ORDER BY scope, from_at`, params)) {
        const s = JSON.parse(row.body) as TallyScope;
        this.scopes.set(s.key, { id: row.id, scope: s });
      }
    }
    const ready = this.scopes.get(scope);
    const s = ready?.scope;
    if (!s || s.countries.join() !== countries.join() || s.term.from !== period.from || period.to > s.term.to) return undefined;
    if (period.to === s.term.to) return ready;
    const recordEnds = this.coverage().to;
    return recordEnds === null || period.to >= recordEnds ? ready : undefined;
  }

  /** From the forum rows kept ready (`forum-rows.ts`), now or as known at an instant (the rows in force then). */
  forumMeetings(forum: string): ForumMeetings {
    return readyForumMeetings((sql, params) => this.all(sql, params), forum, this.asOf, this.knownAt === undefined ? undefined : instantMs(this.knownAt));
  }

  /** From the handover kept ready, or counted from the status intervals (`inheritance-query.ts`). */
  inheritance(country: string, day: string, outcomeOn: string): Inheritance {
    return readInheritance((sql, params) => this.all(sql, params), this.asOf, this.knownAt, country, day, outcomeOn);
  }
}
