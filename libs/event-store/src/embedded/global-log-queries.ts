import type Database from 'better-sqlite3';
import type { GlobalLogFilter } from '../event-store.port';

/** One row of the events table. */
export interface EventRow {
  position: number;
  event_id: string;
  stream_id: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
  recorded_at: string;
}

/** Reads of the global log, with prepared statements cached per filter shape. */
export class GlobalLogQueries {
  private readonly cache = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {}

  /** Events with `after < position <= upTo`, in position order, at most `maxCount`. */
  read(after: bigint, maxCount: number, filter?: GlobalLogFilter, upTo?: bigint): EventRow[] {
    const prefixes = filter?.streamPrefixes ?? [];
    const types = filter?.eventTypes ?? [];
    const statement = this.statementFor(prefixes.length, types.length);
    const params: unknown[] = [after, upTo ?? BigInt(Number.MAX_SAFE_INTEGER)];
    for (const p of prefixes) params.push(p, p);
    params.push(...types, maxCount);
    return statement.all(...params) as EventRow[];
  }

  private statementFor(prefixCount: number, typeCount: number): Database.Statement {
    const key = `${prefixCount}:${typeCount}`;
    let statement = this.cache.get(key);
    if (!statement) {
      const where = ['position > ?', 'position <= ?'];
      // substr comparison rather than LIKE: stream ids may contain % or _.
      if (prefixCount > 0) where.push(`(${Array(prefixCount).fill('substr(stream_id, 1, length(?)) = ?').join(' OR ')})`);
      if (typeCount > 0) where.push(`type IN (${Array(typeCount).fill('?').join(', ')})`);
      statement = this.db.prepare(`SELECT * FROM events WHERE ${where.join(' AND ')} ORDER BY position ASC LIMIT ?`);
      this.cache.set(key, statement);
    }
    return statement;
  }
}
