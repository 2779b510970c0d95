import { decodeBody, type StoredBody } from './entity-bodies';
import type { ReadModelDb } from './read-model-db';

/** At most this many characters of JSON are kept decoded (parsed, they weigh a few times that). */
export const DECODED_BODY_CHARS = 8 * 1024 * 1024;

/**
 * Current entity bodies already inflated and parsed, by entity and version: a version's body
 * never changes (a new version has another `rec_from_pos`, see read-model-db.ts), so what was
 * decoded once is what decoding again would give, whatever the asOf asked. A page of 20 bodies
 * then costs no inflating and no parsing when its rows were read before. Bounded by the JSON's
 * length, the least recently used forgotten first. The bodies are frozen, deeply: every answer
 * shares them, so a report that changed one would throw rather than alter the next answer.
 */
export class DecodedBodies {
  private readonly kept = new Map<string, { body: unknown; chars: number }>();
  private chars = 0;

  constructor(private readonly limitChars = DECODED_BODY_CHARS) {}

  /** The parsed body of `eid`'s version recorded at `position`, decoded from `stored` when not kept. */
  body<V>(kind: string, eid: string, position: number | bigint, stored: StoredBody): V {
    const kept = this.peek<V>(kind, eid, position);
    if (kept !== undefined) return kept;
    const key = `${kind}\u0000${eid}\u0000${position}`;
    const json = decodeBody(stored);
    const body = deepFreeze(JSON.parse(json) as unknown);
    if (json.length <= this.limitChars / 16) this.keep(key, body, json.length);
    return body as V;
  }

  /** The parsed body of `eid`'s version recorded at `position` if kept, so that its stored form need not be read. */
  peek<V>(kind: string, eid: string, position: number | bigint): V | undefined {
    const key = `${kind}\u0000${eid}\u0000${position}`;
    const hit = this.kept.get(key);
    if (!hit) return undefined;
    // Map order is insertion order: re-inserting makes this the most recently used.
    this.kept.delete(key);
    this.kept.set(key, hit);
    return hit.body as V;
  }

  get size(): number {
    return this.kept.size;
  }

  private keep(key: string, body: unknown, chars: number): void {
    this.kept.set(key, { body, chars });
    this.chars += chars;
    for (const [oldest, old] of this.kept) {
      if (this.chars <= this.limitChars) break;
      this.kept.delete(oldest);
      this.chars -= old.chars;
    }
  }
}

const decodedAt = new WeakMap<ReadModelDb, DecodedBodies>();

/** The current bodies decoded from one read-model file (a rebuilt file is another ReadModelDb, with its own). */
export function decodedBodies(rm: ReadModelDb): DecodedBodies {
  let decoded = decodedAt.get(rm);
  if (!decoded) decodedAt.set(rm, (decoded = new DecodedBodies()));
  return decoded;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
