/**
 * How `entity_rows` keeps an entity's versions small: the current version holds its whole JSON
 * body; a superseded version holds only what it takes to get it back from the version after it
 * (a reverse delta, as RCS keeps files). Versions mostly differ in a few top-level fields and in
 * lists that grew at the end (a pledge's status entries), so a delta is a few hundred bytes where
 * a body is kilobytes, and the file no longer grows with versions × body size.
 *
 * A body as known at T is then the current body walked back, version by version, to the one in
 * force at T: the versions recorded after T, a handful for one entity whatever the length of the
 * history.
 */

import { decodeBody, type StoredBody } from './entity-bodies';

/** The fields of the older version that differ (`s`), lists it holds a prefix of (`t`: length), fields it lacks (`d`), and its field order when it differs (`k`). */
export type VersionDelta = { s?: Record<string, unknown>; t?: Record<string, number>; d?: string[]; k?: string[] };

type Fields = Record<string, unknown>;

/** Keys JSON keeps (a field holding `undefined` is not written). */
function keysOf(o: Fields): string[] {
  return Object.keys(o).filter((k) => o[k] !== undefined);
}

function sameJson(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/** True when `shorter` is, element by element, the start of `longer`. Versions share unchanged elements, so `===` mostly decides. */
function isPrefix(shorter: unknown[], longer: unknown[]): boolean {
  for (let i = 0; i < shorter.length; i++) if (!sameJson(shorter[i], longer[i])) return false;
  return true;
}

/** What turns `newer` (as stored, JSON) back into `older`. */
export function versionDelta(newer: object, older: object): VersionDelta {
  const n = newer as Fields;
  const o = older as Fields;
  const delta: VersionDelta = {};
  const olderKeys = keysOf(o);
  for (const k of olderKeys) {
    const ov = o[k];
    const nv = n[k];
    if (ov === nv) continue;
    if (Array.isArray(ov) && Array.isArray(nv) && ov.length < nv.length && isPrefix(ov, nv)) (delta.t ??= {})[k] = ov.length;
    else if (nv === undefined || !sameJson(ov, nv)) (delta.s ??= {})[k] = ov;
  }
  const newerKeys = keysOf(n);
  // Mostly the same fields in the same order: nothing to drop, nothing to reorder.
  if (newerKeys.length === olderKeys.length && newerKeys.every((k, i) => k === olderKeys[i])) return delta;
  const dropped = newerKeys.filter((k) => o[k] === undefined);
  if (dropped.length > 0) delta.d = dropped;
  const order = defaultOrder(newerKeys, delta);
  if (order.length !== olderKeys.length || order.some((k, i) => k !== olderKeys[i])) delta.k = olderKeys;
  return delta;
}

function defaultOrder(newerKeys: readonly string[], delta: VersionDelta): string[] {
  const dropped = new Set(delta.d ?? []);
  const present = new Set(newerKeys);
  return [...newerKeys.filter((k) => !dropped.has(k)), ...Object.keys(delta.s ?? {}).filter((k) => !present.has(k))];
}

/** The older version from the newer one (parsed from JSON) and the delta between them. */
export function olderVersion(newer: object, delta: VersionDelta): object {
  const n = newer as Fields;
  const out: Fields = {};
  for (const k of delta.k ?? defaultOrder(Object.keys(n), delta)) {
    if (delta.s !== undefined && k in delta.s) out[k] = delta.s[k];
    else if (delta.t !== undefined && k in delta.t) out[k] = (n[k] as unknown[]).slice(0, delta.t[k]);
    else out[k] = n[k];
  }
  return out;
}

/** One `entity_rows` row as the knownAt read takes it: an entity's versions newest first. */
export type StoredVersion = { eid: string; body: StoredBody; rec_from_at: string; rec_to_at: string | null };

/**
 * The bodies in force at `knownAt` from the rows of the versions not superseded by then (the
 * current one, full, then the older ones, each a delta), grouped by entity, newest first. An
 * entity whose oldest such version was recorded after `knownAt` did not exist yet.
 */
export function bodiesKnownAt<V>(rows: readonly StoredVersion[], knownAt: string): V[] {
  const out: V[] = [];
  let eid: string | undefined;
  let body: object | undefined;
  let done = false;
  for (const row of rows) {
    if (row.eid !== eid) {
      eid = row.eid;
      done = false;
      body = undefined;
    }
    if (done) continue;
    const text = decodeBody(row.body);
    body = body === undefined ? (JSON.parse(text) as object) : olderVersion(body, JSON.parse(text) as VersionDelta);
    if (row.rec_from_at <= knownAt && (row.rec_to_at === null || row.rec_to_at > knownAt)) {
      out.push(body as V);
      done = true;
    }
  }
  return out;
}
