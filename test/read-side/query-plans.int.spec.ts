import type Database from 'better-sqlite3';
import { join } from 'node:path';
import { EmbeddedEventStore } from '@concordat/event-store';
import { ProjectionHost, REPORT_NAMES, answerReport, meetingDetail, pledgeDetail } from '@concordat/read-models';
import { tempDir } from '../support/temp-dir';
import { LedgerWriter } from './support/ledger-writer';
import { CYBER_PLEDGE, SCG3, writeScgDataset } from './support/scg-dataset';

type Seen = { sql: string; params: unknown };

/** Every statement the read models run for a question, and SQLite's plan for it. */
function recordQueries(db: Database.Database): { seen: Seen[]; stop: () => void } {
  const seen: Seen[] = [];
  const original = db.prepare;
  const prepare = db.prepare.bind(db);
  db.prepare = ((sql: string) => {
    const statement = prepare(sql);
    const all = statement.all.bind(statement);
    (statement as { all: unknown }).all = (params: unknown) => {
      seen.push({ sql, params });
      return all(params as never);
    };
    return statement;
  }) as typeof db.prepare;
  return { seen, stop: () => (db.prepare = original) };
}

/** The service never runs ANALYZE, so these are the plans it runs with. */
describe('every read is an indexed range query (EXPLAIN QUERY PLAN)', () => {
  it('no statement of any report, list or detail scans a table without an index, now or as known at an instant', async () => {
    const { dir, cleanup } = tempDir('plans');
    const store = new EmbeddedEventStore({ file: join(dir, 'events.sqlite') });
    const host = new ProjectionHost(store, join(dir, 'read-models.sqlite'));
    try {
      host.start();
      const marks = await writeScgDataset(new LedgerWriter(store));
      expect(await host.waitFor(marks.lastPosition, 10_000)).toBe(true);
      const db = (host as unknown as { db: { db: Database.Database } }).db.db;
      const { seen, stop } = recordQueries(db);
      for (const knownAt of [undefined, marks.beforeCorrection]) {
        const source = host.source('2019-12-31', knownAt);
        for (const name of REPORT_NAMES) answerReport(source, name, {}, { limit: 20 });
        answerReport(source, 'pledges', { status: ['in_progress'], theme: 'cybersecurity', administration: 'US-obama', country: 'US' }, { limit: 20 });
        answerReport(source, 'meetings', { forum: 'us-mx-security-cooperation-group', administration: 'US-obama,MX-pena-nieto', attribution: 'certain' }, { limit: 20 });
        pledgeDetail(source, CYBER_PLEDGE);
        meetingDetail(source, SCG3);
      }
      stop();
      expect(seen.length).toBeGreaterThan(20);
      const unindexed: string[] = [];
      for (const { sql, params } of seen) {
        let plan: Array<{ detail: string }>;
        try {
          plan = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params as never) as Array<{ detail: string }>;
        } catch (e) {
          throw new Error(`${String(e)} in ${sql}`);
        }
        // A scan of a subquery's or a common table expression's result reads what it (itself checked) produced.
        for (const { detail } of plan) if (/^SCAN (?!\(subquery|occ\b|occasions\b|CONSTANT ROW|json_each VIRTUAL TABLE)(?!.*USING (COVERING )?INDEX)/.test(detail)) unindexed.push(`${detail}  <=  ${sql.slice(0, 120)}`);
      }
      expect(unindexed).toEqual([]);
    } finally {
      await host.stop();
      await store.close();
      cleanup();
    }
  });
});
