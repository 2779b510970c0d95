import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { RecordedEvent } from '@concordat/shared-kernel';
import { entityKeyOf, evolveEntity, type EntityKind, type EntityView } from '../ledger-view/ledger-view';
import { normalizeInstant } from '../ledger-view/provenance';
import type { ForumView } from '../ledger-view/reference.views';
import { deriveRows, type RowValues } from './derived-rows';
import { removeDbFiles } from './read-model-files';
import { TallyRows } from './tally-rows';
import { HandoverRows } from './handover-rows';
import { StatusBoardRows } from './status-board-rows';
import { ForumRows } from './forum-rows';
import { PROJECTION_NAME, READ_MODEL_SCHEMA, READ_MODEL_SCHEMA_VERSION, TABLE_COLUMNS, TABLES, type TableName } from './read-model-schema';

export type Checkpoint = { position: bigint; eventsProjected: number };
/** The log a read-model file was built from: its first event. Another log (a restored or swapped store) means rebuild. */
export type LogIdentity = { eventId: string; position: string };

type Stamp = { position: bigint; recordedAt: string };

/**
 * The read models' SQLite file: events in, system-versioned rows out. Synchronous, so a swap is
 * never seen half done. `open` starts a file afresh when it holds another schema version.
 */
export class ReadModelDb {
  private readonly insert: Record<TableName, Database.Statement>;
  private readonly current: Record<TableName, Database.Statement>;
  private readonly close_: Record<TableName, Database.Statement>;
  private readonly statements;
  private maxSpan: number;
  /** Forum parties by forum id, as stored: every meeting's rows read them. */
  private readonly parties = new Map<string, readonly string[]>();
  private tallies: TallyRows;
  private readonly handovers: HandoverRows;
  private readonly statusBoard: StatusBoardRows;
  private readonly forumRows: ForumRows;

  private constructor(
    readonly file: string,
    readonly db: Database.Database,
    /** True when the file was (re)created: the runner then projects the whole log, with progress. */
    readonly fresh: boolean,
  ) {
    const each = <T>(make: (t: TableName, cols: readonly string[]) => T) => Object.fromEntries(TABLES.map((t) => [t, make(t, TABLE_COLUMNS[t])])) as Record<TableName, T>;
    this.insert = each((t, cols) => db.prepare(`INSERT INTO ${t} (ekind, eid, ${cols.join(', ')}, rec_from_pos, rec_from_at) VALUES (?, ?, ${cols.map(() => '?').join(', ')}, ?, ?)`));
    this.current = each((t, cols) => db.prepare(`SELECT rowid AS rid, ${cols.join(', ')} FROM ${t} WHERE ekind = ? AND eid = ? AND rec_to_pos IS NULL`).raw(true));
    this.close_ = each((t) => db.prepare(`UPDATE ${t} SET rec_to_pos = ?, rec_to_at = ? WHERE rowid = ?`));
    this.statements = {
      checkpoint: db.prepare<[string], { position: bigint; events_projected: bigint }>('SELECT position, events_projected FROM checkpoints WHERE projection = ?').safeIntegers(true),
      body: db.prepare<[string, string], { body: string }>('SELECT body FROM entity_rows WHERE ekind = ? AND eid = ? AND rec_to_pos IS NULL'),
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
  }

  /**
   * The longest date interval among agreement rows, in days (it only grows). A period query then
   * reads the index from `period.from - maxSpan`, not from the beginning of time.
   */
  get agreementMaxSpanDays(): number {
    return this.maxSpan;
  }

  static open(file: string): ReadModelDb {
    mkdirSync(dirname(file), { recursive: true });
    let fresh = !existsSync(file);
    if (!fresh && schemaVersionOf(file) !== READ_MODEL_SCHEMA_VERSION) {
      // Read models are disposable: another schema version is rebuilt from the log, never migrated.
      removeDbFiles(file);
      fresh = true;
    }
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    // Read models are rebuildable; NORMAL keeps every commit atomic (a crash loses a suffix, never a half).
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    db.pragma('cache_size = -65536');
    db.exec(READ_MODEL_SCHEMA);
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

  entity<V extends EntityView>(kind: EntityKind, id: string): V | undefined {
    const row = this.statements.body.get(kind, id);
    return row ? (JSON.parse(row.body) as V) : undefined;
  }

  /** Applies a batch of events and the checkpoint after them in one transaction: all of it, or none. */
  apply(events: readonly RecordedEvent[], from: Checkpoint): Checkpoint {
    let checkpoint = from;
    try {
      this.applyBatch(events, from, (reached) => (checkpoint = reached));
    } catch (error) {
      // The batch rolled back: what was cached of forums and scopes may not be in the file.
      this.parties.clear();
      this.tallies = new TallyRows(this.db);
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
      this.statements.saveCheckpoint.run(PROJECTION_NAME, checkpoint.position, checkpoint.eventsProjected, new Date().toISOString());
    })();
    reached(checkpoint);
  }

  private applyOne(event: RecordedEvent): void {
    const key = entityKeyOf(event);
    if (!key) return;
    const before = this.entity(key.kind, key.id);
    const next = evolveEntity(key.kind, before, event);
    if (next === undefined || next === before) return;
    const stamp = { position: event.position, recordedAt: normalizeInstant(event.recordedAt) };
    this.store(next, stamp, undefined, before === undefined);
    // A meeting's countries include its forum's parties: a forum's change re-derives its meetings.
    if (next.entityKind === 'forum') {
      for (const { eid } of this.statements.meetingsOfForum.all(next.id)) {
        const meeting = this.entity('meeting', eid);
        if (meeting) this.store(meeting, stamp, ['meeting_rows', 'agreement_rows']);
      }
    }
  }

  /** Closes the entity's rows whose content changed and inserts the new ones; unchanged rows stay as they are. */
  private forumParties(forum: string): readonly string[] {
    let parties = this.parties.get(forum);
    if (parties === undefined) this.parties.set(forum, (parties = this.entity<ForumView>('forum', forum)?.parties ?? []));
    return parties;
  }

  private store(entity: EntityView, stamp: Stamp, only?: readonly TableName[], isNew = false): void {
    if (entity.entityKind === 'forum') this.parties.set(entity.id, entity.parties);
    if (entity.entityKind === 'administration') this.tallies.administrationsChanged();
    const derived = deriveRows(entity, (forum) => this.forumParties(forum));
    // Every kind derives the same tables at every version, so the tables it never derives hold nothing of it.
    for (const table of only ?? (Object.keys(derived) as TableName[])) {
      const wanted = derived[table] ?? [];
      const existing = (isNew ? [] : this.current[table].all(entity.entityKind, entity.id)) as RowValues[];
      const pending = new Map<string, number>();
      for (const row of wanted) {
        const k = JSON.stringify(row);
        pending.set(k, (pending.get(k) ?? 0) + 1);
      }
      for (const [rid, ...values] of existing) {
        const k = JSON.stringify(values);
        const left = pending.get(k) ?? 0;
        if (left > 0) pending.set(k, left - 1);
        else {
          this.close_[table].run(stamp.position, stamp.recordedAt, rid);
          if (table === 'agreement_rows') this.tallies.removed(Number(rid), values);
        }
      }
      for (const row of wanted) {
        const k = JSON.stringify(row);
        const left = pending.get(k) ?? 0;
        if (left === 0) continue;
        pending.set(k, left - 1);
        const { lastInsertRowid } = this.insert[table].run(entity.entityKind, entity.id, ...row, stamp.position, stamp.recordedAt);
        if (table === 'agreement_rows') {
          this.noteSpan(String(row[7]), String(row[8]));
          this.tallies.added(Number(lastInsertRowid), row);
        }
      }
    }
    this.handovers.stored(entity, stamp);
    this.statusBoard.stored(entity, stamp);
    this.forumRows.stored(entity);
  }

  private noteSpan(from: string, to: string): void {
    const days = Math.ceil((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
    if (days <= this.maxSpan) return;
    this.maxSpan = days;
    this.statements.setMeta.run('agreement_max_span_days', String(days));
  }

  /** Leaves a self-contained file (no WAL beside it) so it can be renamed into place, and closes it. */
  seal(): void {
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    this.db.pragma('journal_mode = DELETE');
    this.db.close();
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
