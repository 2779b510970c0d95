import Database from 'better-sqlite3';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import type { RecordedEvent } from '@concordat/shared-kernel';
import { entityKeyOf, evolveEntity, type EntityKind, type EntityView } from '../ledger-view/ledger-view';
import { normalizeInstant } from '../ledger-view/provenance';
import type { ForumView } from '../ledger-view/reference.views';
import { CurrentEntities, diffRows, sameRows, type CurrentEntity, type HeldRow } from './current-rows';
import { deriveRows, type DerivedTable, type RowValues } from './derived-rows';
import { versionDelta } from './entity-history';
import { decodeBody, encodeBody, type StoredBody } from './entity-bodies';
import { removeDbFiles } from './read-model-files';
import { TallyRows } from './tally-rows';
import { HandoverRows } from './handover-rows';
import { StatusBoardRows } from './status-board-rows';
import { AgreementSources, SOURCE_OF } from './agreement-sources';
import { ForumRows } from './forum-rows';
import { DERIVED_TABLES, PROJECTION_NAME, READ_MODEL_READ_INDEXES, READ_MODEL_SCHEMA, READ_MODEL_SCHEMA_VERSION, TABLE_COLUMNS } from './read-model-schema';

export type Checkpoint = { position: bigint; eventsProjected: number };
/** The log a read-model file was built from: its first event. Another log (a restored or swapped store) means rebuild. */
export type LogIdentity = { eventId: string; position: string };

type Stamp = { position: bigint; recordedAt: string };

/** Where an agreement row's source is among its content columns (derived as JSON, stored by number). */
const SOURCE_AT = TABLE_COLUMNS.agreement_rows.indexOf('source_id');

/**
 * The read models' SQLite file: events in, system-versioned rows out. Synchronous, so a swap is
 * never seen half done. `open` starts a file afresh when it holds another schema version.
 */
export class ReadModelDb {
  private readonly insert: Record<DerivedTable, Database.Statement>;
  private readonly currentRows: Record<DerivedTable, Database.Statement>;
  private readonly close_: Record<DerivedTable, Database.Statement>;
  private readonly statements;
  private maxSpan: number;
  /** Forum parties by forum id, as stored: every meeting's rows read them. */
  private readonly parties = new Map<string, readonly string[]>();
  private readonly held = new CurrentEntities();
  private tallies: TallyRows;
  private handovers: HandoverRows;
  private statusBoard: StatusBoardRows;
  private readonly forumRows: ForumRows;
  private readonly sources: AgreementSources;

  private constructor(
    readonly file: string,
    readonly db: Database.Database,
    /** True when the file was (re)created: the runner then projects the whole log, with progress. */
    readonly fresh: boolean,
  ) {
    const each = <T>(make: (t: DerivedTable, cols: readonly string[]) => T) => Object.fromEntries(DERIVED_TABLES.map((t) => [t, make(t, TABLE_COLUMNS[t])])) as Record<DerivedTable, T>;
    this.insert = each((t, cols) => db.prepare(`INSERT INTO ${t} (ekind, eid, ${cols.join(', ')}, rec_from_pos, rec_from_at) VALUES (?, ?, ${cols.map(() => '?').join(', ')}, ?, ?)`));
    // In rowid order, the order the rows held in memory keep: the same pairing either way.
    // An agreement row's source reads back as the JSON its entity derives (the row holds its number).
    const read = (t: DerivedTable, c: string) => (t === 'agreement_rows' && c === 'source_id' ? SOURCE_OF(t) : c);
    this.currentRows = each((t, cols) => db.prepare(`SELECT rowid AS rid, ${cols.map((c) => read(t, c)).join(', ')} FROM ${t} WHERE ekind = ? AND eid = ? AND rec_to_pos IS NULL ORDER BY rowid`).raw(true));
    this.close_ = each((t) => db.prepare(`UPDATE ${t} SET rec_to_pos = ?, rec_to_at = ? WHERE rowid = ?`));
    this.statements = {
      checkpoint: db.prepare<[string], { position: bigint; events_projected: bigint }>('SELECT position, events_projected FROM checkpoints WHERE projection = ?').safeIntegers(true),
      body: db
        .prepare<[string, string], { rid: number; body: StoredBody; position: bigint; recordedAt: string }>('SELECT rowid AS rid, body, rec_from_pos AS position, rec_from_at AS recordedAt FROM entity_rows WHERE ekind = ? AND eid = ? AND rec_to_pos IS NULL')
        .safeIntegers(true),
      insertBody: db.prepare('INSERT INTO entity_rows (ekind, eid, revision, body, rec_from_pos, rec_from_at) VALUES (?, ?, ?, ?, ?, ?)'),
      keepVersion: db.prepare('INSERT INTO entity_rows (ekind, eid, revision, body, rec_from_pos, rec_from_at, rec_to_pos, rec_to_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
      replaceBody: db.prepare('UPDATE entity_rows SET revision = ?, body = ?, rec_from_pos = ?, rec_from_at = ? WHERE rowid = ?'),
      meetingsOfForum: db.prepare<[string], { eid: string }>('SELECT eid FROM meeting_rows WHERE forum = ? AND rec_to_pos IS NULL'),
      saveCheckpoint: db.prepare(
        `INSERT INTO checkpoints (projection, position, events_projected, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (projection) DO UPDATE SET position = excluded.position, events_projected = excluded.events_projected, updated_at = excluded.updated_at`,
      ),
      getMeta: db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?'),
      setMeta: db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
    };
    this.maxSpan = Number(this.statements.getMeta.get('agreement_max_span_days')?.value ?? 0);
    this.tallies = new TallyRows(db);
    this.handovers = new HandoverRows(db);
    this.statusBoard = new StatusBoardRows(db);
    this.forumRows = new ForumRows(db);
    this.sources = new AgreementSources(db);
  }

  /**
   * The longest date interval among agreement rows, in days (it only grows). A period query then
   * reads the index from `period.from - maxSpan`, not from the beginning of time.
   */
  get agreementMaxSpanDays(): number {
    return this.maxSpan;
  }

  /**
   * `build`: the file is being built whole from the log and is renamed into place only once it is
   * complete and sealed (a rebuild), so nothing in it is acknowledged before then and a crash only
   * loses the attempt. It is written without a WAL or syncs (the rollback journal, a file written
   * without syncs and kept between batches, still undoes a failed batch; kept in memory, it held a
   * copy of every page a batch touched, tens of MB of peak RSS deep in a long log), and the indexes
   * only reads use are made when it is sealed.
   */
  static open(file: string, options: { build?: boolean } = {}): ReadModelDb {
    mkdirSync(dirname(file), { recursive: true });
    let fresh = !existsSync(file);
    if (!fresh && schemaVersionOf(file) !== READ_MODEL_SCHEMA_VERSION) {
      // Read models are disposable: another schema version is rebuilt from the log, never migrated.
      removeDbFiles(file);
      fresh = true;
    }
    const db = new Database(file);
    if (options.build) {
      db.pragma('journal_mode = PERSIST');
      db.pragma('synchronous = OFF');
    } else {
      db.pragma('journal_mode = WAL');
      // Read models are rebuildable; NORMAL keeps every commit atomic (a crash loses a suffix, never a half).
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('busy_timeout = 5000');
    // A file being built answers no reads: its writes touch recent pages, and a smaller cache keeps a long rebuild's RSS down.
    db.pragma(options.build ? 'cache_size = -16384' : 'cache_size = -65536');
    db.exec(READ_MODEL_SCHEMA);
    if (!options.build) db.exec(READ_MODEL_READ_INDEXES);
    db.prepare("INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', ?)").run(String(READ_MODEL_SCHEMA_VERSION));
    return new ReadModelDb(file, db, fresh);
  }

  get isOpen(): boolean {
    return this.db.open;
  }

  checkpoint(): Checkpoint {
    const row = this.statements.checkpoint.get(PROJECTION_NAME);
    return row ? { position: row.position, eventsProjected: Number(row.events_projected) } : { position: 0n, eventsProjected: 0 };
  }

  logIdentity(): LogIdentity | null {
    const row = this.statements.getMeta.get('log_identity');
    return row ? (JSON.parse(row.value) as LogIdentity) : null;
  }

  /** Applies a batch of events and the checkpoint after them in one transaction: all of it, or none. */
  apply(events: readonly RecordedEvent[], from: Checkpoint): Checkpoint {
    let checkpoint = from;
    try {
      this.applyBatch(events, from, (reached) => (checkpoint = reached));
    } catch (error) {
      // The batch rolled back: what was cached of forums and scopes may not be in the file.
      this.parties.clear();
      this.held.clear();
      this.tallies = new TallyRows(this.db);
      this.handovers = new HandoverRows(this.db);
      this.statusBoard = new StatusBoardRows(this.db);
      this.sources.forget();
      throw error;
    }
    return checkpoint;
  }

  private applyBatch(events: readonly RecordedEvent[], from: Checkpoint, reached: (checkpoint: Checkpoint) => void): void {
    let checkpoint = from;
    this.db.transaction(() => {
      for (const event of events) {
        if (event.position <= checkpoint.position) throw new Error(`event at position ${event.position} is not after checkpoint ${checkpoint.position}`);
        if (checkpoint.position === 0n && this.logIdentity() === null) this.statements.setMeta.run('log_identity', JSON.stringify({ eventId: event.id, position: event.position.toString() }));
        this.applyOne(event);
        checkpoint = { position: event.position, eventsProjected: checkpoint.eventsProjected + 1 };
      }
      this.tallies.settle();
      this.handovers.settle();
      this.statusBoard.settle();
      this.statements.saveCheckpoint.run(PROJECTION_NAME, checkpoint.position, checkpoint.eventsProjected, new Date().toISOString());
    })();
    reached(checkpoint);
  }

  private applyOne(event: RecordedEvent): void {
    const key = entityKeyOf(event);
    if (!key) return;
    const held = this.current(key.kind, key.id);
    const before = held?.entity;
    const next = evolveEntity(key.kind, before, event);
    if (next === undefined || next === before) return;
    const stamp = { position: event.position, recordedAt: normalizeInstant(event.recordedAt) };
    let current: CurrentEntity;
    if (held) {
      // The new version takes the current row's place; the superseded one is kept as a new, small
      // row holding only the way back to it (entity-history.ts). Rows are never shrunk in place,
      // which would leave their pages part empty for good.
      const { entity: old, bodyRid, from } = held;
      this.statements.keepVersion.run(key.kind, key.id, old.revision, encodeBody(key.kind, JSON.stringify(versionDelta(next, old))), from.position, from.recordedAt, stamp.position, stamp.recordedAt);
      this.statements.replaceBody.run(next.revision, encodeBody(key.kind, JSON.stringify(next)), stamp.position, stamp.recordedAt, bodyRid);
      current = { entity: next, bodyRid, from: stamp, rows: held.rows };
    } else {
      const { lastInsertRowid } = this.statements.insertBody.run(key.kind, key.id, next.revision, encodeBody(key.kind, JSON.stringify(next)), stamp.position, stamp.recordedAt);
      current = { entity: next, bodyRid: Number(lastInsertRowid), from: stamp, rows: {} };
    }
    this.held.set(key.kind, key.id, current);
    this.store(current, stamp, before);
    // A meeting's countries include its forum's parties: a forum's change re-derives its meetings.
    if (next.entityKind === 'forum') {
      for (const { eid } of this.statements.meetingsOfForum.all(next.id)) {
        const meeting = this.current('meeting', eid);
        if (meeting) this.store(meeting, stamp, meeting.entity, ['meeting_rows', 'agreement_rows']);
      }
    }
  }

  /** The entity's current version, from memory when it was touched lately, else from the file. */
  private current(kind: EntityKind, id: string): CurrentEntity | undefined {
    const held = this.held.get(kind, id);
    if (held) return held;
    const row = this.statements.body.get(kind, id);
    if (!row) return undefined;
    const current: CurrentEntity = { entity: JSON.parse(decodeBody(row.body)) as EntityView, bodyRid: Number(row.rid), from: { position: row.position, recordedAt: row.recordedAt }, rows: {} };
    this.held.set(kind, id, current);
    return current;
  }

  /** Closes the entity's rows whose content changed and inserts the new ones; unchanged rows stay as they are. */
  private forumParties(forum: string): readonly string[] {
    let parties = this.parties.get(forum);
    if (parties === undefined) this.parties.set(forum, (parties = (this.current('forum', forum)?.entity as ForumView | undefined)?.parties ?? []));
    return parties;
  }

  /** `previous`: the entity's version before this one, none when it is new. */
  private store(current: CurrentEntity, stamp: Stamp, previous: EntityView | undefined, only?: readonly DerivedTable[]): void {
    const isNew = previous === undefined;
    const entity = current.entity;
    if (entity.entityKind === 'forum') this.parties.set(entity.id, entity.parties);
    if (entity.entityKind === 'administration') this.tallies.administrationsChanged();
    const derived = deriveRows(entity, (forum) => this.forumParties(forum));
    const tables = only ?? (Object.keys(derived) as DerivedTable[]);
    // An entity whose rows are not in memory (read back from the file, most are in a long log): its
    // current rows are those its previous version derives, so a table where the new version derives
    // the same (a status change leaves the pledge row and mostly its agreements as they were) is
    // neither read nor written. A forum's change re-derives its meetings (`only`) from the same version.
    const before = !isNew && !only && tables.some((t) => current.rows[t] === undefined) ? deriveRows(previous, (forum) => this.forumParties(forum)) : undefined;
    // Every kind derives the same tables at every version, so the tables it never derives hold nothing of it.
    for (const table of tables) {
      if (before && current.rows[table] === undefined && sameRows(before[table] ?? [], derived[table] ?? [])) continue;
      const existing = current.rows[table] ?? (isNew ? [] : this.readRows(table, entity.entityKind, entity.id));
      const { kept, closed, inserted } = diffRows(existing, derived[table] ?? []);
      for (const { rid, values } of closed) {
        this.close_[table].run(stamp.position, stamp.recordedAt, rid);
        if (table === 'agreement_rows') this.tallies.removed(rid, values, stamp.recordedAt);
      }
      for (const row of inserted) {
        const stored = table === 'agreement_rows' ? row.map((v, i) => (i === SOURCE_AT ? this.sources.idOf(String(v)) : v)) : row;
        const rid = Number(this.insert[table].run(entity.entityKind, entity.id, ...stored, stamp.position, stamp.recordedAt).lastInsertRowid);
        kept.push({ rid, values: row });
        if (table === 'agreement_rows') {
          this.noteSpan(String(row[7]), String(row[8]));
          this.tallies.added(rid, row, stamp.recordedAt);
        }
      }
      current.rows[table] = kept;
    }
    this.handovers.stored(entity, isNew, stamp);
    this.statusBoard.stored(entity, previous, stamp);
    this.forumRows.stored(entity, stamp);
  }

  private readRows(table: DerivedTable, kind: EntityKind, id: string): HeldRow[] {
    return (this.currentRows[table].all(kind, id) as RowValues[]).map(([rid, ...values]) => ({ rid: Number(rid), values }));
  }

  private noteSpan(from: string, to: string): void {
    const days = Math.ceil((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
    if (days <= this.maxSpan) return;
    this.maxSpan = days;
    this.statements.setMeta.run('agreement_max_span_days', String(days));
  }

  /**
   * Leaves a complete, self-contained file (every index, no WAL beside it, on disk) so it can be
   * renamed into place, and closes it.
   */
  seal(): void {
    this.db.exec(READ_MODEL_READ_INDEXES);
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    this.db.pragma('journal_mode = DELETE');
    this.db.close();
    // A file built without syncs reaches the disk before the rename makes it the live one.
    const fd = openSync(this.file, 'r+');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

function schemaVersionOf(file: string): number | null {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get() as { value: string } | undefined;
    return row ? Number(row.value) : null;
  } catch {
    return null;
  } finally {
    db.close();
  }
}
