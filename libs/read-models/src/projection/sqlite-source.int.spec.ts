import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pledgeMade, statusChanged, PLEDGE_ID } from '@concordat/domain/testing/pledge-fixtures';
import { RecordedLog } from '../testing/recorded-events';
import { ProjectionWriter } from './projection-writer';
import { ReadModelDb } from './read-model-db';
import { SqliteSource } from './sqlite-source';

const T1 = '2025-01-01T10:00:00.000Z';
const T2 = '2025-02-01T10:00:00.000Z';
/** As known at an instant after every event: the same facts as now, by the knownAt path's own queries. */
const LATER = '2099-01-01T00:00:00Z';

describe('a SQLite source shares what answers as known now have in common, per read-model position', () => {
  let dir: string;
  let db: ReadModelDb;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'concordat-sqlite-source-'));
    db = ReadModelDb.open(join(dir, 'read-models.sqlite'));
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const days = ['2013-12-31', '2014-01-10', '2015-06-30', '2015-12-31', '2016-12-30', '2016-12-31', '2017-01-01', '2020-01-01', '2031-12-31'];
  const coverageNow = (asOf: string) => new SqliteSource(db, asOf).coverage();
  const coverageLater = (asOf: string) => new SqliteSource(db, asOf, LATER).coverage();

  it('gives each asOf the coverage of the facts by then, before the record ends as after it, and a new event moves the end', () => {
    const log = new RecordedLog();
    log.record('pledge', PLEDGE_ID, pledgeMade(), T1);
    log.record('pledge', PLEDGE_ID, statusChanged('entry-1', 'agreed', 'in_progress', '2015'), T1);
    log.record('pledge', PLEDGE_ID, statusChanged('entry-2', 'in_progress', 'stalled', '2016'), T1);
    log.record('pledge', PLEDGE_ID, statusChanged('entry-3', 'stalled', 'in_progress', '2018'), T2);
    const writer = new ProjectionWriter(db);
    writer.apply(log.events.slice(0, 3));
    // After the record's end first (the span is kept), then days inside it: each is its own.
    for (const asOf of ['2020-01-01', ...days]) expect(coverageNow(asOf)).toEqual(coverageLater(asOf));
    expect(coverageNow('2020-01-01')).toEqual({ from: '2014-01-10', to: '2016-12-31' });
    expect(coverageNow('2015-06-30').to).toBe('2014-01-10');
    writer.apply(log.events.slice(3));
    expect(coverageNow('2020-01-01')).toEqual({ from: '2014-01-10', to: '2018-12-31' });
    for (const asOf of days) expect(coverageNow(asOf)).toEqual(coverageLater(asOf));
  });

  it('pages the bodies kept decoded by version: a new version of a pledge on the page is read afresh, now and as known then', () => {
    const log = new RecordedLog();
    log.record('pledge', PLEDGE_ID, pledgeMade(), T1);
    log.record('pledge', PLEDGE_ID, statusChanged('entry-1', 'agreed', 'in_progress', '2015'), T2);
    const writer = new ProjectionWriter(db);
    writer.apply(log.events.slice(0, 1));
    const entries = (knownAt?: string) => new SqliteSource(db, '2020-01-01', knownAt).pledgesPage({}, { limit: 20 }).rows.map((p) => p.pledge.statusEntries.map((e) => e.entryId));
    expect(entries()).toEqual([[]]);
    expect(entries()).toEqual([[]]); // from the body kept
    writer.apply(log.events.slice(1));
    expect(entries()).toEqual([['entry-1']]);
    expect(entries(T1)).toEqual([[]]);
    expect(new SqliteSource(db, '2020-01-01').pledgesPage({}, { limit: 20 }).rows[0].status).toBe('in_progress');
  });
});
