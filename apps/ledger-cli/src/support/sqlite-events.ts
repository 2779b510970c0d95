import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import type { EventRow } from '@concordat/event-store';
import type { EventMetadata, JsonObject, RecordedEvent } from '@concordat/shared-kernel';

/**
 * Every event of an embedded store file, in position order, opened read-only so that it can run
 * beside a live service (WAL readers never block the writer). A row whose JSON no longer parses
 * is kept, with the raw text as its data, so that verification fails at that very entry.
 */
export function readSqliteEvents(file: string): RecordedEvent[] {
  if (!existsSync(file)) throw new Error(`No such store file: ${file}`);
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('SELECT * FROM events ORDER BY position ASC').all() as EventRow[];
    return rows.map((row) => ({
      id: row.event_id,
      type: row.type,
      streamId: row.stream_id,
      revision: row.revision,
      position: BigInt(row.position),
      recordedAt: row.recorded_at,
      data: parseOr(row.data, { unparseableStoredData: row.data }),
      metadata: parseOr(row.metadata, { unparseableStoredMetadata: row.metadata }) as EventMetadata,
    }));
  } finally {
    db.close();
  }
}

function parseOr(text: string, fallback: JsonObject): JsonObject {
  try {
    return JSON.parse(text) as JsonObject;
  } catch {
    return fallback;
  }
}
