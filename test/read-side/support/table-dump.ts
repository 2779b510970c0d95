import Database from 'better-sqlite3';

/** The read-model file's rows, in key order (to compare two files, or a file with its checkpoint). */
export function dumpReadModels(file: string) {
  const db = new Database(file, { readonly: true });
  db.defaultSafeIntegers(true);
  try {
    return {
      versions: db.prepare('SELECT kind, id, position, recorded_at, revision, body FROM entity_versions ORDER BY kind, id, position').all() as Array<{ kind: string; id: string; position: bigint; body: string }>,
      current: db.prepare('SELECT c.kind, c.id, c.position, v.body FROM entity_current c JOIN entity_versions v ON v.kind = c.kind AND v.id = c.id AND v.position = c.position ORDER BY c.kind, c.id').all() as Array<{ kind: string; id: string; position: bigint; body: string }>,
      checkpoint: db.prepare('SELECT position, events_projected FROM checkpoints').get() as { position: bigint; events_projected: bigint } | undefined,
    };
  } finally {
    db.close();
  }
}
