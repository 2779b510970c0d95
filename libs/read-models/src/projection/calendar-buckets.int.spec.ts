import Database from 'better-sqlite3';
import { VersionedCounts } from './calendar-buckets';

/** The counts as an upsert per change would leave them: the value now, and per instant the value after its last change. */
function naive(changes: Array<{ key: [string, number]; at: number; d: number }>) {
  const now = new Map<string, number>();
  const versions = new Map<string, number>();
  for (const { key, at, d } of changes) {
    if (d === 0) continue;
    const k = key.join(' ');
    const n = (now.get(k) ?? 0) + d;
    now.set(k, n);
    versions.set(`${k} ${at}`, n);
  }
  return { now, versions };
}

function lcg(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

describe('bucket counts written once per batch (VersionedCounts)', () => {
  it('leaves the same values and versions as an upsert per change, whatever the batches', () => {
    const random = lcg(7);
    // Instants mostly rising, some repeated, and one seen again later in a batch (an event recorded out of order).
    const changes = Array.from({ length: 600 }, (_, i) => ({
      key: [random() < 0.5 ? 'a' : 'b', 1 + Math.floor(random() * 4)] as [string, number],
      at: i % 50 === 49 ? Math.floor(i / 2) : Math.floor(i / 3),
      d: Math.floor(random() * 5) - 2,
    }));
    for (const batch of [1, 7, 100, 600]) {
      const db = new Database(':memory:');
      db.exec('CREATE TABLE c (k TEXT, b INTEGER, n INTEGER NOT NULL, PRIMARY KEY (k, b)); CREATE TABLE v (k TEXT, b INTEGER, from_at INTEGER, n INTEGER NOT NULL, PRIMARY KEY (k, b, from_at))');
      const counts = new VersionedCounts({
        move: db.prepare('INSERT INTO c (k, b, n) VALUES (?, ?, ?) ON CONFLICT (k, b) DO UPDATE SET n = n + excluded.n RETURNING n'),
        version: db.prepare('INSERT INTO v (k, b, from_at, n) VALUES (?, ?, ?, ?) ON CONFLICT (k, b, from_at) DO UPDATE SET n = excluded.n'),
      });
      changes.forEach((c, i) => {
        counts.add(c.key, c.at, c.d);
        if ((i + 1) % batch === 0) counts.settle();
      });
      counts.settle();
      const expected = naive(changes);
      const now = db.prepare('SELECT k, b, n FROM c').all() as Array<{ k: string; b: number; n: number }>;
      expect(new Map(now.map((r) => [`${r.k} ${r.b}`, r.n]))).toEqual(expected.now);
      const versions = db.prepare('SELECT k, b, from_at, n FROM v').all() as Array<{ k: string; b: number; from_at: number; n: number }>;
      expect(new Map(versions.map((r) => [`${r.k} ${r.b} ${r.from_at}`, r.n]))).toEqual(expected.versions);
      db.close();
    }
  });
});

describe('bucket counts numbered by the caller (VersionedCounts.addPacked)', () => {
  it('leaves the same values and versions as an upsert per change, in batches larger than the arrays it starts with', () => {
    const random = lcg(11);
    // 900 buckets and 5000 changes: more buckets and steps in one batch than the first arrays hold.
    const changes = Array.from({ length: 5000 }, (_, i) => {
      const h = 1 + Math.floor(random() * 3);
      const b = 2016 + Math.floor(random() * 300);
      return { key: [String(h), b] as [string, number], packed: h * 10000 + b, at: i % 40 === 39 ? Math.floor(i / 2) : Math.floor(i / 4), d: Math.floor(random() * 5) - 2 };
    });
    for (const batch of [3, 5000]) {
      const db = new Database(':memory:');
      db.exec('CREATE TABLE c (k TEXT, b INTEGER, n INTEGER NOT NULL, PRIMARY KEY (k, b)); CREATE TABLE v (k TEXT, b INTEGER, from_at INTEGER, n INTEGER NOT NULL, PRIMARY KEY (k, b, from_at))');
      const counts = new VersionedCounts(
        {
          move: db.prepare('INSERT INTO c (k, b, n) VALUES (?, ?, ?) ON CONFLICT (k, b) DO UPDATE SET n = n + excluded.n RETURNING n'),
          version: db.prepare('INSERT INTO v (k, b, from_at, n) VALUES (?, ?, ?, ?) ON CONFLICT (k, b, from_at) DO UPDATE SET n = excluded.n'),
        },
        (packed) => [String(Math.floor(packed / 10000)), packed % 10000],
      );
      changes.forEach((c, i) => {
        counts.addPacked(c.packed, c.at, c.d);
        if ((i + 1) % batch === 0) counts.settle();
      });
      counts.settle();
      const expected = naive(changes);
      const now = db.prepare('SELECT k, b, n FROM c').all() as Array<{ k: string; b: number; n: number }>;
      expect(new Map(now.map((r) => [`${r.k} ${r.b}`, r.n]))).toEqual(expected.now);
      const versions = db.prepare('SELECT k, b, from_at, n FROM v').all() as Array<{ k: string; b: number; from_at: number; n: number }>;
      expect(new Map(versions.map((r) => [`${r.k} ${r.b} ${r.from_at}`, r.n]))).toEqual(expected.versions);
      db.close();
    }
  });
});
