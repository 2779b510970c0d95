import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { JsonObject, NewEvent, RecordedEvent } from '@concordat/shared-kernel';
import { EventStoreUnavailableError, IdClaimedError, StoredEventCorruptError, StreamNotFoundError, WrongExpectedRevisionError } from '../event-store.errors';
import type {
  AppendOptions,
  AppendResult,
  EventHandler,
  EventStore,
  ExpectedRevision,
  IdClaim,
  ReadAllOptions,
  ReadStreamOptions,
  SubscribeOptions,
  Subscription,
  WriteRecord,
} from '../event-store.port';
import { EMBEDDED_SCHEMA } from './embedded-schema';
import { EmbeddedSubscription } from './embedded-subscription';
import { GlobalLogQueries, type EventRow } from './global-log-queries';

/** Streams per query of readFirstEvents (well under SQLite's bound-parameter limit). */
const FIRST_EVENTS_BATCH = 500;

export interface EmbeddedEventStoreOptions {
  /** Path of the SQLite file; its directory is created if missing. */
  file: string;
  /** The store's clock (recorded-at). Injectable for tests; callers never set recorded-at. */
  clock?: () => Date;
  /** How often subscriptions look for events appended by other processes on the same file. */
  crossProcessPollMs?: number;
}

interface PendingAppend {
  streamId: string;
  events: NewEvent[];
  expected: ExpectedRevision;
  claims: IdClaim[];
  releases: IdClaim[];
}

/** One unit of work in a group commit: an append, or a stored answer. */
interface PendingWrite {
  run: (recordedAt: string) => unknown;
  /** Writes more than one row: needs its own savepoint so that its failure undoes only itself. */
  compound: boolean;
  resolve: (result: any) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; result: unknown } | { ok: false; error: unknown };


/**
 * The default event store: one SQLite file, WAL mode, `synchronous=FULL` so that a commit is on
 * disk before it is acknowledged. Appends arriving in the same event-loop turn are committed in
 * one transaction (group commit: many clerks, one fsync); each multi-event append has its own
 * savepoint, so one append's conflict does not fail its neighbours (a single-event append needs
 * none: its checks write nothing and SQLite undoes a failed INSERT statement by itself).
 */
export class EmbeddedEventStore implements EventStore {
  readonly kind = 'embedded' as const;
  readonly atomicClaims = true;
  private readonly db: Database.Database;
  private readonly clock: () => Date;
  private readonly queries: GlobalLogQueries;
  private readonly firstEventsStatements = new Map<number, Database.Statement<string[], EventRow>>();
  private readonly pollMs: number;
  private pending: PendingWrite[] = [];
  private flushScheduled = false;
  private closed = false;
  private readonly subscriptions = new Set<EmbeddedSubscription>();
  private readonly statements;
  /** Built once: better-sqlite3's transaction() builds its wrappers per call, too dear per flush. */
  private readonly commitBatch: Database.Transaction<(batch: PendingWrite[], outcomes: Outcome[]) => void>;
  private readonly inSavepoint: Database.Transaction<(p: PendingWrite, recordedAt: string) => unknown>;

  constructor(options: EmbeddedEventStoreOptions) {
    mkdirSync(dirname(options.file), { recursive: true });
    this.db = new Database(options.file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(EMBEDDED_SCHEMA);
    this.clock = options.clock ?? (() => new Date());
    this.pollMs = options.crossProcessPollMs ?? 200;
    this.queries = new GlobalLogQueries(this.db);
    this.statements = {
      currentRevision: this.db.prepare<[string], { rev: number | null }>(
        'SELECT MAX(revision) AS rev FROM events WHERE stream_id = ?',
      ),
      findEvent: this.db.prepare<[string, string], { position: number; revision: number }>(
        'SELECT position, revision FROM events WHERE stream_id = ? AND event_id = ?',
      ),
      lastRecordedAt: this.db.prepare<[], { recorded_at: string }>(
        'SELECT recorded_at FROM events ORDER BY position DESC LIMIT 1',
      ),
      insert: this.db.prepare<[string, string, number, string, string, string, string]>(
        `INSERT INTO events (event_id, stream_id, revision, type, data, metadata, recorded_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      readForwards: this.db.prepare<[string, number, number], EventRow>(
        'SELECT * FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision ASC LIMIT ?',
      ),
      readBackwards: this.db.prepare<[string, number, number], EventRow>(
        'SELECT * FROM events WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC LIMIT ?',
      ),
      head: this.db.prepare<[], { head: number | null }>('SELECT MAX(position) AS head FROM events'),
      claimHolder: this.db.prepare<[string], { holder: string }>('SELECT holder FROM id_claims WHERE key = ?'),
      claim: this.db.prepare<[string, string, string]>('INSERT OR IGNORE INTO id_claims (key, holder, claimed_at) VALUES (?, ?, ?)'),
      release: this.db.prepare<[string, string]>('DELETE FROM id_claims WHERE key = ? AND holder = ?'),
      readWriteRecord: this.db.prepare<[string], { scope: string; request_hash: string; method: string; path: string; status: number; body: string }>(
        'SELECT * FROM write_records WHERE scope = ?',
      ),
      saveWriteRecord: this.db.prepare<[string, string, string, string, number, string, string]>(
        'INSERT OR IGNORE INTO write_records (scope, request_hash, method, path, status, body, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
    };
    this.inSavepoint = this.db.transaction((p: PendingWrite, recordedAt: string) => p.run(recordedAt));
    this.commitBatch = this.db.transaction((batch: PendingWrite[], outcomes: Outcome[]) => {
      const recordedAt = this.nextRecordedAt();
      for (const p of batch) {
        try {
          const result = p.compound ? this.inSavepoint(p, recordedAt) : p.run(recordedAt);
          outcomes.push({ ok: true, result });
        } catch (error) {
          outcomes.push({ ok: false, error });
        }
      }
    });
  }

  append<D extends JsonObject>(streamId: string, events: NewEvent<D>[], options: AppendOptions): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new EventStoreUnavailableError('The embedded event store is closed'));
    if (events.length === 0) return Promise.reject(new TypeError('append needs at least one event'));
    const p: PendingAppend = { streamId, events, expected: options.expectedRevision, claims: options.claims ?? [], releases: options.releases ?? [] };
    // A single-event append needs no savepoint: its checks write nothing and SQLite undoes a failed INSERT by itself.
    const compound = events.length > 1 || p.claims.length > 0 || p.releases.length > 0;
    return this.enqueue<AppendResult>((recordedAt) => this.appendOne(p, recordedAt), compound);
  }

  async readWriteRecord(scope: string): Promise<WriteRecord | undefined> {
    this.assertOpen();
    const row = this.statements.readWriteRecord.get(scope);
    if (!row) return undefined;
    return { scope: row.scope, requestHash: row.request_hash, method: row.method, path: row.path, status: row.status, body: JSON.parse(row.body) as JsonObject };
  }

  /** Joins the next group commit like any append: durable when it resolves, one fsync shared with its neighbours. */
  saveWriteRecord(record: WriteRecord): Promise<void> {
    if (this.closed) return Promise.reject(new EventStoreUnavailableError('The embedded event store is closed'));
    return this.enqueue<void>((recordedAt) => {
      this.statements.saveWriteRecord.run(record.scope, record.requestHash, record.method, record.path, record.status, JSON.stringify(record.body), recordedAt);
    }, false);
  }

  private enqueue<R>(run: (recordedAt: string) => R, compound: boolean): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.pending.push({ run, compound, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Commits every queued append in one durable transaction, then acknowledges each. */
  private flush(): void {
    this.flushScheduled = false;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    const outcomes: Outcome[] = [];
    try {
      this.commitBatch.immediate(batch, outcomes);
    } catch (error) {
      // The commit itself failed: nothing in the batch is durable, so nothing is acknowledged.
      for (const p of batch) p.reject(new EventStoreUnavailableError('Commit failed', error));
      return;
    }
    batch.forEach((p, i) => {
      const outcome = outcomes[i];
      if (outcome.ok) p.resolve(outcome.result);
      else p.reject(outcome.error);
    });
    for (const s of this.subscriptions) s.notify();
  }

  private appendOne(p: PendingAppend, recordedAt: string): AppendResult {
    const replay = this.idempotentReplay(p);
    if (replay) return replay;
    const current = this.statements.currentRevision.get(p.streamId)?.rev ?? -1;
    if (!revisionMatches(p.expected, current)) throw new WrongExpectedRevisionError(p.streamId, p.expected, current);
    for (const release of p.releases) this.statements.release.run(release.key, release.holder);
    for (const claim of p.claims) {
      const holder = this.statements.claimHolder.get(claim.key)?.holder;
      if (holder !== undefined && holder !== claim.holder) throw new IdClaimedError(claim.key, holder);
      this.statements.claim.run(claim.key, claim.holder, recordedAt);
    }
    let position = 0;
    p.events.forEach((event, i) => {
      const info = this.statements.insert.run(
        event.id,
        p.streamId,
        current + 1 + i,
        event.type,
        JSON.stringify(event.data),
        JSON.stringify(event.metadata),
        recordedAt,
      );
      position = Number(info.lastInsertRowid);
    });
    return { streamId: p.streamId, nextExpectedRevision: current + p.events.length, position: BigInt(position) };
  }

  /** A retry of an append already in the stream returns the original result and writes nothing. */
  private idempotentReplay(p: PendingAppend): AppendResult | undefined {
    const first = this.statements.findEvent.get(p.streamId, p.events[0].id);
    if (!first) return undefined;
    let last = first;
    for (let i = 1; i < p.events.length; i++) {
      const found = this.statements.findEvent.get(p.streamId, p.events[i].id);
      if (!found || found.revision !== first.revision + i) {
        const current = this.statements.currentRevision.get(p.streamId)?.rev ?? -1;
        throw new WrongExpectedRevisionError(p.streamId, p.expected, current);
      }
      last = found;
    }
    return { streamId: p.streamId, nextExpectedRevision: last.revision, position: BigInt(last.position) };
  }

  /** The store's clock, never running backwards along the log (another process may have written later). */
  private nextRecordedAt(): string {
    const now = this.clock().toISOString();
    const last = this.statements.lastRecordedAt.get()?.recorded_at;
    return last && last > now ? last : now;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const backwards = options.direction === 'backwards';
    const limit = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    const from = options.fromRevision;
    const rows = backwards
      ? this.statements.readBackwards.all(streamId, from === undefined || from === 'end' ? Number.MAX_SAFE_INTEGER : from === 'start' ? 0 : from, limit)
      : this.statements.readForwards.all(streamId, from === undefined || from === 'start' ? 0 : from === 'end' ? Number.MAX_SAFE_INTEGER : from, limit);
    if (rows.length === 0 && (this.statements.currentRevision.get(streamId)?.rev ?? null) === null) {
      throw new StreamNotFoundError(streamId);
    }
    return rows.map(toRecordedEvent);
  }

  async readFirstEvents(streamIds: readonly string[]): Promise<Map<string, RecordedEvent>> {
    this.assertOpen();
    const first = new Map<string, RecordedEvent>();
    const unique = [...new Set(streamIds)];
    for (let from = 0; from < unique.length; from += FIRST_EVENTS_BATCH) {
      const batch = unique.slice(from, from + FIRST_EVENTS_BATCH);
      // Revision 0 is every embedded stream's first event (nothing is ever truncated here).
      for (const row of this.firstEventsStatement(batch.length).all(...batch)) first.set(row.stream_id, toRecordedEvent(row));
    }
    return first;
  }

  /** Prepared once per batch size (a full batch, and the last, shorter one). */
  private firstEventsStatement(count: number): Database.Statement<string[], EventRow> {
    let statement = this.firstEventsStatements.get(count);
    if (!statement) {
      statement = this.db.prepare<string[], EventRow>(`SELECT * FROM events WHERE revision = 0 AND stream_id IN (${Array(count).fill('?').join(', ')})`);
      if (this.firstEventsStatements.size > 8) this.firstEventsStatements.clear();
      this.firstEventsStatements.set(count, statement);
    }
    return statement;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    return this.queries.read(options.after ?? 0n, options.maxCount ?? Number.MAX_SAFE_INTEGER, options.filter).map(toRecordedEvent);
  }

  subscribeToAll(handler: EventHandler, options: SubscribeOptions = {}): Subscription {
    this.assertOpen();
    const subscription = new EmbeddedSubscription(
      (after, maxCount, upTo) => this.queries.read(after, maxCount, options.filter, upTo).map(toRecordedEvent),
      () => this.headPositionNow(),
      handler,
      options,
      this.pollMs,
      () => this.subscriptions.delete(subscription),
    );
    this.subscriptions.add(subscription);
    subscription.start();
    return subscription;
  }

  async headPosition(): Promise<bigint> {
    this.assertOpen();
    return this.headPositionNow();
  }

  private headPositionNow(): bigint {
    return BigInt(this.statements.head.get()?.head ?? 0);
  }

  async ping(): Promise<void> {
    this.assertOpen();
    this.db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    this.flush(); // acknowledge (or fail) whatever is queued before the file closes
    this.closed = true;
    this.db.close();
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreUnavailableError('The embedded event store is closed');
  }
}

function revisionMatches(expected: ExpectedRevision, current: number): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return current === -1;
    case 'stream_exists':
      return current >= 0;
    default:
      return expected === current;
  }
}

/** A row as an event; a row whose JSON no longer parses is named (stream, revision, position), never guessed at. */
function toRecordedEvent(row: EventRow): RecordedEvent {
  let data: JsonObject;
  let metadata: RecordedEvent['metadata'];
  try {
    data = JSON.parse(row.data) as JsonObject;
    metadata = JSON.parse(row.metadata) as RecordedEvent['metadata'];
  } catch (error) {
    throw new StoredEventCorruptError(row.stream_id, row.revision, BigInt(row.position), error);
  }
  return {
    id: row.event_id,
    type: row.type,
    streamId: row.stream_id,
    revision: row.revision,
    position: BigInt(row.position),
    recordedAt: row.recorded_at,
    data,
    metadata,
  };
}

