/**
 * Paging over a report's rows. Rows are ordered by a string sort key, and a cursor is that key
 * of the last row served (base64url), so the next page starts strictly after it even if rows
 * were added or removed meanwhile. `offset` skips rows after the cursor (or from the start).
 */
export interface PageRequest {
  limit: number;
  offset?: number;
  cursor?: string;
}

/**
 * `total` counts the rows after the cursor up to `TOTAL_CAP`; beyond it `totalExact` is false and
 * the total reads as "at least". Counting every row of a long history would make each page cost
 * as much as the whole list.
 */
export type PageInfo = { limit: number; offset: number; total: number; totalExact: boolean; nextCursor: string | null };

export const TOTAL_CAP = 1_000;
export type Page<T> = { items: T[]; page: PageInfo };

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 500;

export class InvalidCursorError extends Error {
  constructor(readonly cursor: string) {
    super(`cursor ${cursor} is not a cursor this API issued`);
  }
}

export function encodeCursor(key: string): string {
  return Buffer.from(`k:${key}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): string {
  const text = /^[A-Za-z0-9_-]+$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  if (!text.startsWith('k:')) throw new InvalidCursorError(cursor);
  return text.slice(2);
}

/** `rows` must already be in `keyOf` order (every report returns them so). */
export function paginate<T>(rows: readonly T[], keyOf: (row: T) => string, request: PageRequest): Page<T> {
  const after = request.cursor === undefined ? undefined : decodeCursor(request.cursor);
  const remaining = after === undefined ? rows : rows.filter((row) => keyOf(row) > after);
  const offset = request.offset ?? 0;
  const items = remaining.slice(offset, offset + request.limit);
  const more = offset + request.limit < remaining.length;
  return {
    items,
    page: {
      limit: request.limit,
      offset,
      total: Math.min(remaining.length, TOTAL_CAP),
      totalExact: remaining.length <= TOTAL_CAP,
      nextCursor: more && items.length > 0 ? encodeCursor(keyOf(items[items.length - 1])) : null,
    },
  };
}
