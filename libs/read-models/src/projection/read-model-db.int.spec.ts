import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pledgeMade, statusChanged, PLEDGE_ID } from '@concordat/domain/testing/pledge-fixtures';
import { RecordedLog } from '../testing/recorded-events';
import { ProjectionWriter } from './projection-writer';
import { ReadModelDb } from './read-model-db';
import { TABLES } from './read-model-schema';
import { SqliteSource } from './sqlite-source';

const T1 = '2025-01-01T10:00:00.000Z';
const T2 = '2025-02-01T10:00:00.000Z';

describe('the read-model database (SQLite, system-versioned rows)', () => {
  let dir: string;
  let file: string;
  let db: ReadModelDb;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'concordat-read-models-'));
    file = join(dir, 'read-models.sqlite');
    db = ReadModelDb.open(file);
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function given(): RecordedLog {
    const log = new RecordedLog();
    log.record('pledge', PLEDGE_ID, pledgeMade(), T1);
    log.record('pledge', PLEDGE_ID, statusChanged('entry-1', 'agreed', 'in_progress', '2015'), T1);
    log.record('pledge', PLEDGE_ID, statusChanged('entry-2', 'in_progress', 'stalled', '2016'), T2);
    log.recordIn('idempotency-key-1', 'IdempotentResponse', { status: 201 }, T2);
    return log;
  }

  it('answers "as known at" from the rows in force then (boundary included), and now from the rows not superseded', () => {
    new ProjectionWriter(db).apply(given().events);
    const entries = (knownAt?: string) => new SqliteSource(db, '2020-01-01', knownAt).pledge(PLEDGE_ID)?.pledge.statusEntries.map((e) => e.entryId);
    expect(entries('2024-12-31T23:59:59.999Z')).toBeUndefined();
    expect(entries(T1)).toEqual(['entry-1']);
    expect(entries('2025-01-31T00:00:00+01:00')).toEqual(['entry-1']);
    expect(entries(T2)).toEqual(['entry-1', 'entry-2']);
    expect(entries()).toEqual(['entry-1', 'entry-2']);
    expect(db.checkpoint()).toEqual({ position: 4n, eventsProjected: 4 });
  });

  it('a new event closes only the rows whose content it changes', () => {
    new ProjectionWriter(db).apply(given().events);
    const raw = new Database(file, { readonly: true });
    try {
      // The pledge's board row never changed (its status lives in status_rows): one row, never superseded.
      expect(raw.prepare('SELECT rec_from_pos, rec_to_pos FROM pledge_rows').all()).toEqual([{ rec_from_pos: 1, rec_to_pos: null }]);
      // Status intervals: agreed until 2015 ends, then in progress until 2016 ends, then stalled; each change closed one interval.
      const statuses = raw.prepare('SELECT status, eff_from, eff_to, rec_from_pos, rec_to_pos FROM status_rows ORDER BY rowid').all();
      expect(statuses).toEqual([
        { status: 'agreed', eff_from: '0000-01-01', eff_to: '9999-12-31~', rec_from_pos: 1, rec_to_pos: 2 },
        { status: 'agreed', eff_from: '0000-01-01', eff_to: '2015-12-31', rec_from_pos: 2, rec_to_pos: null },
        { status: 'in_progress', eff_from: '2015-12-31', eff_to: '9999-12-31~', rec_from_pos: 2, rec_to_pos: 3 },
        { status: 'in_progress', eff_from: '2015-12-31', eff_to: '2016-12-31', rec_from_pos: 3, rec_to_pos: null },
        { status: 'stalled', eff_from: '2016-12-31', eff_to: '9999-12-31~', rec_from_pos: 3, rec_to_pos: null },
      ]);
    } finally {
      raw.close();
    }
  });

  it('applies a batch and its checkpoint together or not at all', () => {
    const [made, changed] = given().events;
    const writer = new ProjectionWriter(db);
    writer.apply([made]);
    // An event already applied breaks the batch it is in: nothing of the batch lands.
    expect(() => db.apply([changed, made], db.checkpoint())).toThrow(/not after checkpoint/);
    expect(db.checkpoint()).toEqual({ position: 1n, eventsProjected: 1 });
    expect(new SqliteSource(db, '2020-01-01').pledge(PLEDGE_ID)?.pledge.revision).toBe(0);
    writer.apply([changed]);
    expect(db.checkpoint().position).toBe(2n);
  });

  it('holds the same rows whether each event finds its entity in memory or reads it back from the file, and whether the file is built whole or live', () => {
    const log = given();
    log.record('pledge', PLEDGE_ID, { type: 'PledgeEntryCorrected', data: { pledgeId: PLEDGE_ID, entryId: 'entry-1', reason: 'clerical', entryKind: 'status_change', changes: { reason: 'the source says otherwise' } } } as never, T2);
    log.record('pledge', PLEDGE_ID, statusChanged('entry-3', 'stalled', 'in_progress', '2017'), T2);
    // one event per opening: nothing is held in memory between events
    for (const event of log.events) {
      const reopened = ReadModelDb.open(file);
      new ProjectionWriter(reopened).apply([event]);
      reopened.close();
    }
    const built = ReadModelDb.open(join(dir, 'built.sqlite'), { build: true });
    new ProjectionWriter(built).apply(log.events);
    built.seal();
    const rows = (path: string) => {
      const raw = new Database(path, { readonly: true });
      try {
        const tables = Object.fromEntries(TABLES.map((t) => [t, raw.prepare(`SELECT * FROM ${t} ORDER BY ekind, eid, rec_from_pos, rowid`).all()]));
        const indexes = raw.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' ORDER BY name").all();
        return { tables, indexes };
      } finally {
        raw.close();
      }
    };
    expect(rows(join(dir, 'built.sqlite'))).toEqual(rows(file));
    // every version is there, and each as known at its instant
    expect((rows(file).tables.entity_rows as unknown[]).length).toBe(5);
    const reason = (knownAt?: string) => new SqliteSource(db, '2020-01-01', knownAt).pledge(PLEDGE_ID)?.pledge.statusEntries.map((e) => `${e.entryId}:${e.reason}`);
    db.close();
    db = ReadModelDb.open(file);
    expect(reason(T1)).toEqual(['entry-1:the evidence says so']);
    expect(reason()).toEqual(['entry-1:the source says otherwise', 'entry-2:the evidence says so', 'entry-3:the evidence says so']);
  });

  it('rolls a failed batch back in a file being built whole, too', () => {
    db.close();
    db = ReadModelDb.open(join(dir, 'built.sqlite'), { build: true });
    const [made, changed] = given().events;
    new ProjectionWriter(db).apply([made]);
    expect(() => db.apply([changed, made], db.checkpoint())).toThrow(/not after checkpoint/);
    expect(db.checkpoint()).toEqual({ position: 1n, eventsProjected: 1 });
    expect(new SqliteSource(db, '2020-01-01').pledge(PLEDGE_ID)?.pledge.revision).toBe(0);
    new ProjectionWriter(db).apply([changed]);
    expect(new SqliteSource(db, '2020-01-01').pledge(PLEDGE_ID)?.pledge.revision).toBe(1);
  });

  it('starts afresh when the file holds another schema version (read models are rebuilt, never migrated)', () => {
    new ProjectionWriter(db).apply(given().events);
    db.close();
    const raw = new Database(file);
    raw.prepare("UPDATE meta SET value = '1' WHERE key = 'schema_version'").run();
    raw.close();
    db = ReadModelDb.open(file);
    expect(db.fresh).toBe(true);
    expect(db.checkpoint()).toEqual({ position: 0n, eventsProjected: 0 });
  });
});
