/**
 * Schema of the embedded event store. Uniqueness of (stream, revision) and of (stream, event id)
 * is enforced here, not only in code. `position` is SQLite's rowid: SQLite has one writer at a
 * time, so positions become visible strictly in order (no gaps that fill in later).
 */
export const EMBEDDED_SCHEMA_VERSION = 1;

export const EMBEDDED_SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  position    INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id    TEXT    NOT NULL,
  stream_id   TEXT    NOT NULL,
  revision    INTEGER NOT NULL CHECK (revision >= 0),
  type        TEXT    NOT NULL,
  data        TEXT    NOT NULL,
  metadata    TEXT    NOT NULL,
  recorded_at TEXT    NOT NULL,
  UNIQUE (stream_id, revision),
  UNIQUE (stream_id, event_id)
);
CREATE INDEX IF NOT EXISTS events_by_type ON events (type, position);

-- Bookkeeping beside the log, never ledger entries: ids records hold (taken in the same
-- transaction as the append that claims them) and the stored answers of idempotent writes.
CREATE TABLE IF NOT EXISTS id_claims (
  key         TEXT    PRIMARY KEY,
  holder      TEXT    NOT NULL,
  claimed_at  TEXT    NOT NULL
);
CREATE TABLE IF NOT EXISTS write_records (
  scope        TEXT    PRIMARY KEY,
  request_hash TEXT    NOT NULL,
  method       TEXT    NOT NULL,
  path         TEXT    NOT NULL,
  status       INTEGER NOT NULL,
  body         TEXT    NOT NULL,
  recorded_at  TEXT    NOT NULL
);

-- A guard against bugs, not attackers (the hash chain is the guard against attackers).
CREATE TRIGGER IF NOT EXISTS events_append_only_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only: UPDATE refused'); END;
CREATE TRIGGER IF NOT EXISTS events_append_only_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only: DELETE refused'); END;
`;
