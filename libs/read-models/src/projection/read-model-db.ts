import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { emptyView, putEntity, type EntityKind, type EntityView, type LedgerView } from '../ledger-view/ledger-view';
import { normalizeInstant } from '../ledger-view/provenance';
import { PROJECTION_NAME, READ_MODEL_SCHEMA } from './read-model-schema';

const VERSION_OF = 'JOIN entity_versions v ON v.kind = c.kind AND v.id = c.id AND v.position = c.position';

export type VersionRow = { kind: EntityKind; id: string; position: bigint; recordedAt: string; revision: number; body: string };
export type Checkpoint = { position: bigint; eventsProjected: number };

/** The read models' SQLite file: snapshots in, views out. Synchronous, so a swap is never seen half done. */
export class ReadModelDb {
  private readonly statements;

  private constructor(
    readonly file: string,
    private readonly db: Database.Database,
  ) {
    this.statements = {
      checkpoint: db.prepare<[string], { position: bigint; events_projected: bigint }>('SELECT position, events_projected FROM checkpoints WHERE projection = ?').safeIntegers(true),
      current: db.prepare<[string, string], { body: string }>(`SELECT v.body FROM entity_current c ${VERSION_OF} WHERE c.kind = ? AND c.id = ?`),
      insertVersion: db.prepare('INSERT INTO entity_versions (kind, id, position, recorded_at, revision, body) VALUES (?, ?, ?, ?, ?, ?)'),
      upsertCurrent: db.prepare('INSERT INTO entity_current (kind, id, position) VALUES (?, ?, ?) ON CONFLICT (kind, id) DO UPDATE SET position = excluded.position'),
      saveCheckpoint: db.prepare(
        `INSERT INTO checkpoints (projection, position, events_projected, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (projection) DO UPDATE SET position = excluded.position, events_projected = excluded.events_projected, updated_at = excluded.updated_at`,
      ),
      live: db.prepare<[], { body: string }>(`SELECT v.body FROM entity_current c ${VERSION_OF}`),
      // The newest version of each entity recorded by then, found in the covering index; only those bodies are read.
      knownAt: db.prepare<[string], { body: string }>(
        `SELECT v.body FROM (SELECT kind, id, MAX(position) AS position FROM entity_versions WHERE recorded_at <= ? GROUP BY kind, id) c ${VERSION_OF}`,
      ),
    };
  }

  static open(file: string): ReadModelDb {
    mkdirSync(dirname(file), { recursive: true });
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    // Read models are rebuildable; NORMAL keeps every commit atomic (a crash loses a suffix, never a half).
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    db.exec(READ_MODEL_SCHEMA);
    return new ReadModelDb(file, db);
  }

  get isOpen(): boolean {
    return this.db.open;
  }

  checkpoint(): Checkpoint {
    const row = this.statements.checkpoint.get(PROJECTION_NAME);
    return row ? { position: row.position, eventsProjected: Number(row.events_projected) } : { position: 0n, eventsProjected: 0 };
  }

  current(kind: EntityKind, id: string): EntityView | undefined {
    const row = this.statements.current.get(kind, id);
    return row ? (JSON.parse(row.body) as EntityView) : undefined;
  }

  /** The versions of a batch of events and the checkpoint after them: all of it, or none. */
  commit(rows: readonly VersionRow[], checkpoint: Checkpoint): void {
    this.db.transaction(() => {
      for (const r of rows) {
        this.statements.insertVersion.run(r.kind, r.id, r.position, r.recordedAt, r.revision, r.body);
        this.statements.upsertCurrent.run(r.kind, r.id, r.position);
      }
      this.statements.saveCheckpoint.run(PROJECTION_NAME, checkpoint.position, checkpoint.eventsProjected, new Date().toISOString());
    })();
  }

  /** Every entity as the ledger knew it at `knownAt` (or now): the input of every report. */
  loadView(knownAt?: string): LedgerView {
    const rows = knownAt === undefined ? this.statements.live.all() : this.statements.knownAt.all(normalizeInstant(knownAt));
    const view = emptyView();
    for (const row of rows) putEntity(view, JSON.parse(row.body) as EntityView);
    return view;
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
