/**
 * The read-model database, separate from the event store. Every table is system-versioned in the
 * manner of SQL:2011 and XTDB: a row carries its recorded interval (`rec_from_*` when the event
 * that produced it was recorded, `rec_to_*` when a later event superseded it; by position and by
 * instant) and, where it states a fact of the world, its effective interval (`*_from`, `*_to`,
 * and `*_end`/`counts_from`, the day it counts for asOf). "As of D, as known at T" is then a
 * range query on both; "now" reads the rows not superseded (`rec_to_pos IS NULL`, partial
 * indexes). A new event closes and inserts only the rows whose content it changes.
 *
 * Tables are shaped for the questions: entity bodies for details (the current version whole, each
 * superseded one as the delta back to it: `entity-history.ts`), pledge and meeting rows for the
 * board and the meetings list, status intervals, agreement occurrences by country and theme, and
 * the dates of facts for coverage. `ekind`/`eid` name the entity a row derives from.
 *
 * The `tally_*` tables are the priorities reports kept ready (`tally-rows.ts`): for each scope
 * (an administration, or a pair in office together) the agreement rows that fall in it, each
 * flagged when it is its occasion's first (or first certain) item, and per theme the counts of
 * the items by the year, month and day they count. Items are ordered by the day they count, so
 * what counts by D is a prefix of every order here. They are system-versioned too, by recorded
 * instant only (integer ms, no positions: every version row small): scopes per definition, items
 * per (flags, first certain day), buckets one version per instant they changed. "As of D, as
 * known at T" is a sum of a few dozen buckets per theme, each the version in force at T.
 */
export const READ_MODEL_SCHEMA_VERSION = 8;

export const PROJECTION_NAME = 'ledger-view';

const REC = 'rec_from_pos INTEGER NOT NULL, rec_from_at TEXT NOT NULL, rec_to_pos INTEGER, rec_to_at TEXT';

/** Each table's content columns (besides ekind, eid and the recorded interval), in insert order. */
export const TABLE_COLUMNS = {
  entity_rows: ['revision', 'body'],
  pledge_rows: ['made_end', 'made_from', 'made_to', 'forum', 'retracted', 'countries', 'parties', 'themes', 'description', 'made_on'],
  status_rows: ['status', 'eff_from', 'eff_to'],
  meeting_rows: ['held_end', 'held_from', 'held_to', 'forum', 'retracted', 'countries', 'themes', 'sequence', 'title', 'held_on'],
  agreement_rows: ['country', 'theme', 'occasion', 'kind', 'meeting_id', 'pledge_id', 'date', 'date_from', 'date_to', 'counts_from', 'countries', 'ord', 'words', 'source_id', 'label', 'made_on'],
  fact_rows: ['forum', 'date_from', 'date_end'],
} as const;

export type TableName = keyof typeof TABLE_COLUMNS;
export const TABLES = Object.keys(TABLE_COLUMNS) as TableName[];
/** The tables derived from an entity's body (every one but `entity_rows`). */
export const DERIVED_TABLES = TABLES.filter((t): t is Exclude<TableName, 'entity_rows'> => t !== 'entity_rows');

export const READ_MODEL_SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE IF NOT EXISTS entity_rows (ekind TEXT NOT NULL, eid TEXT NOT NULL, revision INTEGER NOT NULL, body BLOB NOT NULL, ${REC});
CREATE UNIQUE INDEX IF NOT EXISTS entity_rows_now ON entity_rows (ekind, eid) WHERE rec_to_pos IS NULL;

CREATE TABLE IF NOT EXISTS pledge_rows (ekind TEXT NOT NULL, eid TEXT NOT NULL, made_end TEXT NOT NULL, made_from TEXT NOT NULL, made_to TEXT NOT NULL, forum TEXT,
  retracted INTEGER NOT NULL, countries TEXT NOT NULL, parties TEXT NOT NULL, themes TEXT NOT NULL, description TEXT NOT NULL, made_on TEXT NOT NULL, ${REC});
CREATE INDEX IF NOT EXISTS pledge_rows_entity ON pledge_rows (eid) WHERE rec_to_pos IS NULL;

CREATE TABLE IF NOT EXISTS status_rows (ekind TEXT NOT NULL, eid TEXT NOT NULL, status TEXT NOT NULL, eff_from TEXT NOT NULL, eff_to TEXT NOT NULL, ${REC});
-- Status on a day, as known now, without reading the table.
CREATE INDEX IF NOT EXISTS status_rows_now ON status_rows (eid, eff_from, eff_to, status) WHERE rec_to_pos IS NULL;

CREATE TABLE IF NOT EXISTS meeting_rows (ekind TEXT NOT NULL, eid TEXT NOT NULL, held_end TEXT NOT NULL, held_from TEXT NOT NULL, held_to TEXT NOT NULL, forum TEXT NOT NULL,
  retracted INTEGER NOT NULL, countries TEXT NOT NULL, themes TEXT NOT NULL, sequence INTEGER, title TEXT NOT NULL, held_on TEXT NOT NULL, ${REC});
CREATE INDEX IF NOT EXISTS meeting_rows_entity ON meeting_rows (eid) WHERE rec_to_pos IS NULL;

CREATE TABLE IF NOT EXISTS agreement_rows (ekind TEXT NOT NULL, eid TEXT NOT NULL, country TEXT NOT NULL, theme TEXT NOT NULL, occasion TEXT NOT NULL, kind TEXT NOT NULL,
  meeting_id TEXT, pledge_id TEXT, date TEXT NOT NULL, date_from TEXT NOT NULL, date_to TEXT NOT NULL, counts_from TEXT NOT NULL, countries TEXT NOT NULL,
  ord TEXT NOT NULL, words TEXT NOT NULL, source_id INTEGER NOT NULL, label TEXT NOT NULL, made_on TEXT NOT NULL, ${REC});
CREATE INDEX IF NOT EXISTS agreement_rows_entity ON agreement_rows (ekind, eid) WHERE rec_to_pos IS NULL;
-- The sources agreement rows cite (agreement-sources.ts), each once.
CREATE TABLE IF NOT EXISTS agreement_sources (id INTEGER PRIMARY KEY, source TEXT NOT NULL);
CREATE UNIQUE INDEX IF NOT EXISTS agreement_sources_text ON agreement_sources (source);

CREATE TABLE IF NOT EXISTS fact_rows (ekind TEXT NOT NULL, eid TEXT NOT NULL, forum TEXT, date_from TEXT NOT NULL, date_end TEXT NOT NULL, ${REC});
CREATE INDEX IF NOT EXISTS fact_rows_entity ON fact_rows (ekind, eid) WHERE rec_to_pos IS NULL;

-- Tallies, system-versioned by recorded instant (integer ms, [from_at, to_at)): scopes, themes by number, items, totals per version.
CREATE TABLE IF NOT EXISTS tally_scopes (id INTEGER PRIMARY KEY, scope TEXT NOT NULL, body TEXT NOT NULL, from_at INTEGER NOT NULL, to_at INTEGER);
CREATE INDEX IF NOT EXISTS tally_scopes_key ON tally_scopes (scope, from_at);
CREATE TABLE IF NOT EXISTS tally_themes (id INTEGER PRIMARY KEY, theme TEXT NOT NULL);
CREATE UNIQUE INDEX IF NOT EXISTS tally_themes_name ON tally_themes (theme);
CREATE TABLE IF NOT EXISTS tally_items (scope INTEGER NOT NULL, theme INTEGER NOT NULL, day INTEGER NOT NULL, occasion TEXT NOT NULL, arow INTEGER NOT NULL, from_at INTEGER NOT NULL, to_at INTEGER,
  flags INTEGER NOT NULL, cday INTEGER, PRIMARY KEY (scope, theme, day, occasion, arow, from_at)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS tally_items_occasion ON tally_items (scope, theme, occasion) WHERE to_at IS NULL;
-- Counts per (scope, theme) of the items counting on a day, by its year (grain 0), month (1, yyyymm) and day (2, days since 1970): "counts by D" is
-- the years before D's, the months of D's year before D's and the days of D's month up to D. The current version here; the versions it superseded
-- in the log ([from_at, the next version's from_at)).
CREATE TABLE IF NOT EXISTS tally_buckets (scope INTEGER NOT NULL, theme INTEGER NOT NULL, grain INTEGER NOT NULL, bucket INTEGER NOT NULL, from_at INTEGER NOT NULL,
  o INTEGER NOT NULL, oc INTEGER NOT NULL, p INTEGER NOT NULL, pc INTEGER NOT NULL, PRIMARY KEY (scope, theme, grain, bucket)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS tally_bucket_log (scope INTEGER NOT NULL, theme INTEGER NOT NULL, grain INTEGER NOT NULL, bucket INTEGER NOT NULL, from_at INTEGER NOT NULL,
  o INTEGER NOT NULL, oc INTEGER NOT NULL, p INTEGER NOT NULL, pc INTEGER NOT NULL, PRIMARY KEY (scope, theme, grain, bucket, from_at)) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS checkpoints (projection TEXT PRIMARY KEY, position INTEGER NOT NULL, events_projected INTEGER NOT NULL, updated_at TEXT NOT NULL);

-- Inherited commitments kept ready (handover-rows.ts): per handover (country, an administration's last day; numbered) the pledges open then
-- (system-versioned), and per status (by number) the net changes of their status from then on, by year, month and day (bucket 2016, 201603,
-- 20160304): the value now, and one version per recorded instant (integer ms) it changed at.
CREATE TABLE IF NOT EXISTS handover_days (country TEXT NOT NULL, day TEXT NOT NULL, since_at TEXT NOT NULL, id INTEGER NOT NULL, PRIMARY KEY (country, day)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS handover_pledges (country TEXT NOT NULL, day TEXT NOT NULL, made_end TEXT NOT NULL, eid TEXT NOT NULL, at_handover TEXT NOT NULL, steps TEXT NOT NULL, ${REC},
  PRIMARY KEY (country, day, made_end, eid, rec_from_pos)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS handover_pledges_eid ON handover_pledges (eid) WHERE rec_to_pos IS NULL;
CREATE TABLE IF NOT EXISTS handover_counts (h INTEGER NOT NULL, b INTEGER NOT NULL, s INTEGER NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (h, b, s)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS handover_count_versions (h INTEGER NOT NULL, b INTEGER NOT NULL, s INTEGER NOT NULL, from_at INTEGER NOT NULL, n INTEGER NOT NULL,
  PRIMARY KEY (h, b, s, from_at)) WITHOUT ROWID;

-- The board's status filter kept ready (status-board-rows.ts): a counted pledge's status intervals, for any theme ('') and per theme; system-versioned.
CREATE TABLE IF NOT EXISTS status_board (status TEXT NOT NULL, theme TEXT NOT NULL, made_end TEXT NOT NULL, eid TEXT NOT NULL, eff_from TEXT NOT NULL, eff_to TEXT NOT NULL,
  made_from TEXT NOT NULL, made_to TEXT NOT NULL, forum TEXT, countries TEXT NOT NULL, parties TEXT NOT NULL, ${REC},
  PRIMARY KEY (status, theme, made_end, eid, eff_from, rec_from_pos)) WITHOUT ROWID;
-- Its totals: per status and theme, the net change of the pledges counted, by year, month and day (2016, 201603, 20160304); versions by recorded instant (ms).
CREATE TABLE IF NOT EXISTS status_board_counts (status TEXT NOT NULL, theme TEXT NOT NULL, b INTEGER NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (status, theme, b)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS status_board_count_versions (status TEXT NOT NULL, theme TEXT NOT NULL, b INTEGER NOT NULL, from_at INTEGER NOT NULL, n INTEGER NOT NULL,
  PRIMARY KEY (status, theme, b, from_at)) WITHOUT ROWID;

-- Forum activity kept ready (forum-rows.ts): counted meetings in order, the gap after each, and each sequence number with the first day a
-- meeting carrying it counts, both counted per year, month and day (with the longest gaps ending in each), and those first days per block of numbers.
-- System-versioned by recorded instant (integer ms, [from_at, to_at)); the counts and blocks keep one version per instant they changed at.
CREATE TABLE IF NOT EXISTS forum_marks (eid TEXT NOT NULL, from_at INTEGER NOT NULL, to_at INTEGER, forum TEXT NOT NULL, held_end TEXT NOT NULL, held_on TEXT NOT NULL, title TEXT NOT NULL, sequence INTEGER,
  PRIMARY KEY (eid, from_at)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS forum_marks_order ON forum_marks (forum, held_end, eid, to_at);
CREATE INDEX IF NOT EXISTS forum_marks_sequence ON forum_marks (forum, sequence, held_end) WHERE to_at IS NULL;
CREATE TABLE IF NOT EXISTS forum_gaps (forum TEXT NOT NULL, from_end TEXT NOT NULL, from_eid TEXT NOT NULL, from_at INTEGER NOT NULL, to_at INTEGER, to_end TEXT NOT NULL, to_eid TEXT NOT NULL, days INTEGER NOT NULL,
  PRIMARY KEY (forum, from_end, from_eid, from_at)) WITHOUT ROWID;
-- The current gaps by the day they end: a bucket's longest found again when one of them goes.
CREATE INDEX IF NOT EXISTS forum_gaps_ending ON forum_gaps (forum, to_end, days) WHERE to_at IS NULL;
CREATE TABLE IF NOT EXISTS forum_sequences (forum TEXT NOT NULL, sequence INTEGER NOT NULL, from_at INTEGER NOT NULL, to_at INTEGER, first_end TEXT NOT NULL, PRIMARY KEY (forum, sequence, from_at)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS forum_sequences_first ON forum_sequences (forum, first_end, to_at);
-- Per forum and calendar bucket (year 2016, month 201603, day 20160304): the meetings counting in it, the numbers first carried in it and the highest of those,
-- and the longest gaps ending in it (JSON: [days, from_end, from_eid, to_end, to_eid] each, longest first).
CREATE TABLE IF NOT EXISTS forum_buckets (forum TEXT NOT NULL, b INTEGER NOT NULL, meetings INTEGER NOT NULL, carried INTEGER NOT NULL, top INTEGER, longest TEXT NOT NULL DEFAULT '[]',
  PRIMARY KEY (forum, b)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS forum_bucket_versions (forum TEXT NOT NULL, b INTEGER NOT NULL, from_at INTEGER NOT NULL, meetings INTEGER NOT NULL, carried INTEGER NOT NULL, top INTEGER, longest TEXT NOT NULL,
  PRIMARY KEY (forum, b, from_at)) WITHOUT ROWID;
-- Per forum and block of sequence numbers (block k holds k*128 .. k*128+127): each number's first day as yyyymmdd, 0 when none carries it (int32 LE each).
CREATE TABLE IF NOT EXISTS forum_sequence_blocks (forum TEXT NOT NULL, block INTEGER NOT NULL, days BLOB NOT NULL, PRIMARY KEY (forum, block)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS forum_sequence_block_versions (forum TEXT NOT NULL, block INTEGER NOT NULL, from_at INTEGER NOT NULL, days BLOB NOT NULL, PRIMARY KEY (forum, block, from_at)) WITHOUT ROWID;
`;

/**
 * The indexes only reads use, or writes only rarely: a forum's change finds its meetings, and an
 * administration's change fills its tallies' scopes, without them by a scan. A file built whole
 * (a rebuild) gets them once its rows are in, in one sort each, instead of row by row; every
 * other file has them from the start.
 */
export const READ_MODEL_READ_INDEXES = `
-- A forum's meetings (and, by the writer, those a change of its parties re-derives).
CREATE INDEX IF NOT EXISTS meeting_rows_forum ON meeting_rows (forum, held_end, eid);
-- Agreements by country and period (and, by the tallies' writer, those a new scope starts with).
CREATE INDEX IF NOT EXISTS agreement_rows_period ON agreement_rows (country, date_from, date_to);
-- An entity's versions newest first: a body as known at T is walked back from the current one.
CREATE INDEX IF NOT EXISTS entity_rows_known ON entity_rows (ekind, eid, rec_from_pos);
-- Covers the filters every live board and inheritance query applies, in the board's order.
CREATE INDEX IF NOT EXISTS pledge_rows_board_now ON pledge_rows (made_end, eid, retracted, countries) WHERE rec_to_pos IS NULL;
CREATE INDEX IF NOT EXISTS pledge_rows_board ON pledge_rows (made_end, eid, rec_from_at);
CREATE INDEX IF NOT EXISTS status_rows_at ON status_rows (eid, eff_from, eff_to, rec_from_at);
CREATE INDEX IF NOT EXISTS meeting_rows_list_now ON meeting_rows (held_end, eid) WHERE rec_to_pos IS NULL;
CREATE INDEX IF NOT EXISTS meeting_rows_list ON meeting_rows (held_end, eid, rec_from_at);
-- The last fact's day as known at T: each day's facts by recorded instant, so those recorded after T are not walked.
CREATE INDEX IF NOT EXISTS fact_rows_end ON fact_rows (date_end, rec_from_at);
CREATE INDEX IF NOT EXISTS fact_rows_from ON fact_rows (date_from, date_end);
CREATE INDEX IF NOT EXISTS fact_rows_forum_end ON fact_rows (forum, date_end, rec_from_at);
CREATE INDEX IF NOT EXISTS fact_rows_forum_from ON fact_rows (forum, date_from, date_end);
`;
