import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pledgeMade, statusChanged, PLEDGE_ID } from '@concordat/domain/testing/pledge-fixtures';
import { RecordedLog } from '../testing/recorded-events';
import { ProjectionWriter } from './projection-writer';
import { ReadModelDb } from './read-model-db';

const T1 = '2025-01-01T10:00:00.000Z';
const T2 = '2025-02-01T10:00:00.000Z';

describe('the read-model database (SQLite)', () => {
  let dir: string;
  let db: ReadModelDb;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'concordat-read-models-'));
    db = ReadModelDb.open(join(dir, 'read-models.sqlite'));
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

  it('answers "as known at" with the newest version recorded by then (boundary included), and live with the newest of all', () => {
    const writer = new ProjectionWriter(db);
    writer.apply(given().events);
    const entries = (knownAt?: string) => db.loadView(knownAt).pledge.get(PLEDGE_ID)?.statusEntries.map((e) => e.entryId);
    expect(entries('2024-12-31T23:59:59.999Z')).toBeUndefined();
    expect(entries(T1)).toEqual(['entry-1']);
    expect(entries('2025-01-31T00:00:00+01:00')).toEqual(['entry-1']);
    expect(entries(T2)).toEqual(['entry-1', 'entry-2']);
    expect(entries()).toEqual(['entry-1', 'entry-2']);
    expect(db.checkpoint()).toEqual({ position: 4n, eventsProjected: 4 });
  });

  it('writes a batch and its checkpoint together or not at all', () => {
    const [made, changed] = given().events;
    const writer = new ProjectionWriter(db);
    writer.apply([made]);
    // A version already stored (the same event applied twice) breaks the batch: nothing of it lands.
    expect(() => db.commit([{ kind: 'pledge', id: PLEDGE_ID, position: 2n, recordedAt: T1, revision: 1, body: '{}' }, { kind: 'pledge', id: PLEDGE_ID, position: 1n, recordedAt: T1, revision: 0, body: '{}' }], { position: 2n, eventsProjected: 2 })).toThrow();
    expect(db.checkpoint()).toEqual({ position: 1n, eventsProjected: 1 });
    expect(db.loadView().pledge.get(PLEDGE_ID)?.revision).toBe(0);
    expect(() => writer.apply([made])).toThrow(/not after checkpoint/);
    writer.apply([changed]);
    expect(db.checkpoint().position).toBe(2n);
  });
});
