import Database from 'better-sqlite3';
import { TABLES } from '@concordat/read-models';

/** The read-model file's rows, table by table in a total order (to compare two files, or a file with its checkpoint). */
export function dumpReadModels(file: string) {
  const db = new Database(file, { readonly: true });
  db.defaultSafeIntegers(true);
  try {
    const tables = Object.fromEntries(TABLES.map((t) => [t, db.prepare(`SELECT * FROM ${t} ORDER BY ekind, eid, rec_from_pos, rowid`).all()]));
    return { tables, checkpoint: db.prepare('SELECT position, events_projected FROM checkpoints').get() as { position: bigint; events_projected: bigint } | undefined };
  } finally {
    db.close();
  }
}
