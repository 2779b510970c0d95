/**
 * The read-model database, separate from the event store (whichever store is configured).
 * `entity_versions` keeps one snapshot per entity per event that changed it, with the event's
 * recorded-at, so "as known at T" is a query (the newest version recorded by T) rather than a
 * replay. `entity_current` points at the newest version of each entity, for live answers.
 * `checkpoints` is written in the same transaction as the versions it covers.
 * Versions are a rowid table (their bodies are kilobytes: WITHOUT ROWID suits small rows);
 * the covering index answers "newest version recorded by T" without reading any body.
 */
export const READ_MODEL_SCHEMA_VERSION = 1;

export const PROJECTION_NAME = 'ledger-view';

export const READ_MODEL_SCHEMA = `
CREATE TABLE IF NOT EXISTS entity_versions (
  kind        TEXT    NOT NULL,
  id          TEXT    NOT NULL,
  position    INTEGER NOT NULL,
  recorded_at TEXT    NOT NULL,
  revision    INTEGER NOT NULL,
  body        TEXT    NOT NULL,
  UNIQUE (kind, id, position)
);
CREATE INDEX IF NOT EXISTS entity_versions_known_at ON entity_versions (kind, id, recorded_at, position);

CREATE TABLE IF NOT EXISTS entity_current (
  kind     TEXT    NOT NULL,
  id       TEXT    NOT NULL,
  position INTEGER NOT NULL,
  PRIMARY KEY (kind, id)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS checkpoints (
  projection       TEXT    PRIMARY KEY,
  position         INTEGER NOT NULL,
  events_projected INTEGER NOT NULL,
  updated_at       TEXT    NOT NULL
);

CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', '${READ_MODEL_SCHEMA_VERSION}');
`;
