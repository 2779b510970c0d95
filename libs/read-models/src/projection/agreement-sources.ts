import type Database from 'better-sqlite3';

/**
 * The sources agreement rows cite, each stored once (`agreement_sources`) and referenced by
 * number from the rows (`agreement_rows.source_id`): an occurrence's source is the same JSON on
 * its row for every country, and on every version of it (a status change re-derives the rows).
 * Held by text while the file holds them; a rolled-back batch must `forget`.
 */
export class AgreementSources {
  private readonly ids = new Map<string, number>();
  private readonly sql;

  constructor(
    db: Database.Database,
    private readonly capacity = 10_000,
  ) {
    this.sql = {
      find: db.prepare<[string], { id: number }>('SELECT id FROM agreement_sources WHERE source = ?'),
      add: db.prepare('INSERT INTO agreement_sources (source) VALUES (?)'),
    };
  }

  /** The number of a source (its JSON), stored on first use. */
  idOf(source: string): number {
    let id = this.ids.get(source);
    if (id !== undefined) return id;
    id = this.sql.find.get(source)?.id ?? Number(this.sql.add.run(source).lastInsertRowid);
    if (this.ids.size >= this.capacity) this.ids.clear();
    this.ids.set(source, id);
    return id;
  }

  forget(): void {
    this.ids.clear();
  }
}

/** A source's JSON, on alias `a` of `agreement_rows`, for a select list. */
export const SOURCE_OF = (a: string): string => `(SELECT s.source FROM agreement_sources s WHERE s.id = ${a}.source_id)`;
