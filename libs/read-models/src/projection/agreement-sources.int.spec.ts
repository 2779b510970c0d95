import Database from 'better-sqlite3';
import { AgreementSources, SOURCE_OF } from './agreement-sources';
import { READ_MODEL_SCHEMA } from './read-model-schema';

describe('agreement sources, each stored once', () => {
  it('gives one number per source, found again from the file once forgotten, and reads back as the JSON', () => {
    const db = new Database(':memory:');
    db.exec(READ_MODEL_SCHEMA);
    const sources = new AgreementSources(db, 2);
    const a = JSON.stringify({ document: 'a.txt', locator: 'para 1', quote: 'q', note: null });
    const b = JSON.stringify({ document: 'b.txt', locator: 'para 2', quote: 'q', note: null });
    const c = JSON.stringify({ document: 'c.txt', locator: 'para 3', quote: 'q', note: null });
    const ids = [a, b, a, c, a, b].map((s) => sources.idOf(s));
    sources.forget();
    expect([a, b, c].map((s) => sources.idOf(s))).toEqual([ids[0], ids[1], ids[3]]);
    expect(new Set(ids).size).toBe(3);
    expect(db.prepare('SELECT count(*) AS n FROM agreement_sources').get()).toEqual({ n: 3 });
    const read = db.prepare(`SELECT ${SOURCE_OF('x')} AS source FROM (SELECT ? AS source_id) x`).pluck();
    expect(read.get(ids[1])).toBe(b);
    db.close();
  });
});
