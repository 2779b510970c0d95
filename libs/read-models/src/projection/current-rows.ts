import type { EntityKind, EntityView } from '../ledger-view/ledger-view';
import type { RowValues } from './derived-rows';
import type { TableName } from './read-model-schema';

/** A current (not superseded) row of a derived table: its rowid and content columns. */
export type HeldRow = { rid: number; values: RowValues };

/**
 * What the projection knows of one entity's current version: its body (the object, not its
 * JSON), the rowid of its `entity_rows` row and when that version was recorded, and its current rows per derived table in rowid
 * order (read from the file on first use when not known; the same order a read gives).
 */
export type CurrentEntity = { entity: EntityView; bodyRid: number; from: { position: bigint; recordedAt: string }; rows: Partial<Record<TableName, HeldRow[]>> };

/**
 * The entities the projection touched last, so that the next event on one of them neither reads
 * its rows back nor parses its body (events of one entity come close together in a log). Bounded:
 * a rebuild of a million events holds a few hundred entities, not all of them. It only ever holds
 * what the file holds after the last commit or within the open transaction; a rolled-back batch
 * clears it. A few hundred are enough: a log holds an entity's events close together (a meeting
 * and its pledges, a run of re-ratings), and each one held costs tens of KB of heap.
 */
export class CurrentEntities {
  private readonly held = new Map<string, CurrentEntity>();

  constructor(private readonly capacity = 256) {}

  get(kind: EntityKind, id: string): CurrentEntity | undefined {
    const key = `${kind}\u0000${id}`;
    const found = this.held.get(key);
    if (found) {
      // Most recently used last: the first key is the one to evict.
      this.held.delete(key);
      this.held.set(key, found);
    }
    return found;
  }

  set(kind: EntityKind, id: string, current: CurrentEntity): void {
    const key = `${kind}\u0000${id}`;
    this.held.delete(key);
    this.held.set(key, current);
    if (this.held.size > this.capacity) this.held.delete(this.held.keys().next().value as string);
  }

  clear(): void {
    this.held.clear();
  }
}

/** Equal as SQLite keeps them: a value bound to a column of another affinity reads back as that column's type. */
function sameValue(a: string | number | null, b: string | number | null): boolean {
  return a === b || (a !== null && b !== null && String(a) === String(b));
}

function sameRow(a: RowValues, b: RowValues): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!sameValue(a[i], b[i])) return false;
  return true;
}

/** The same rows in the same order. */
export function sameRows(a: readonly RowValues[], b: readonly RowValues[]): boolean {
  return a.length === b.length && a.every((row, i) => sameRow(row, b[i]));
}

/**
 * Pairs the rows an entity's new version derives with its current ones: those equal to a current
 * row stay as they are; the current rows left over are to be closed, the wanted ones left over to
 * be inserted. Rows mostly keep their place, so a pass by position settles most before the search.
 */
export function diffRows(existing: readonly HeldRow[], wanted: readonly RowValues[]): { kept: HeldRow[]; closed: HeldRow[]; inserted: RowValues[] } {
  const taken = new Array<boolean>(existing.length).fill(false);
  const matched = new Array<boolean>(wanted.length).fill(false);
  const n = Math.min(existing.length, wanted.length);
  for (let i = 0; i < n; i++) if (sameRow(existing[i].values, wanted[i])) taken[i] = matched[i] = true;
  for (let j = 0; j < wanted.length; j++) {
    if (matched[j]) continue;
    for (let i = 0; i < existing.length; i++) {
      if (!taken[i] && sameRow(existing[i].values, wanted[j])) {
        taken[i] = matched[j] = true;
        break;
      }
    }
  }
  return {
    kept: existing.filter((_, i) => taken[i]),
    closed: existing.filter((_, i) => !taken[i]),
    inserted: wanted.filter((_, j) => !matched[j]),
  };
}
