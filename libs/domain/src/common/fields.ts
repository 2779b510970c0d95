import type { InputValidator } from './validation';
import { isRecord } from './validation';

/** Normalizes one field of an input; `field` is its path for error messages. */
export type FieldRule<T> = (v: InputValidator, field: string, value: unknown) => T;

/**
 * One rule per field of an aggregate's facts. Registration applies all of them; a correction
 * applies those it names — so a corrected value passes exactly the checks the original did.
 */
export type FieldRules<T> = { [K in keyof T]-?: FieldRule<T[K]> };

/** `prefix.key`, or `key` at the top level of an input. */
export function fieldPath(prefix: string, key: string): string {
  return prefix === '' ? key : `${prefix}.${key}`;
}

export function normalizeAll<T>(v: InputValidator, rules: FieldRules<T>, input: unknown, prefix = ''): T {
  const source = isRecord(input) ? input : {};
  const out = {} as T;
  for (const key of Object.keys(rules) as (keyof T & string)[]) {
    out[key] = rules[key](v, fieldPath(prefix, key), source[key]);
  }
  return out;
}

/**
 * The fields a correction replaces, normalized. Rejects fields that cannot be corrected (ids
 * are permanent) and an empty correction: a correction with no change is noise on the record.
 */
export function normalizeChanges<T>(v: InputValidator, rules: FieldRules<T>, changes: unknown, field = 'changes'): Partial<T> {
  if (!isRecord(changes)) throw v.error(field, 'must be an object of the fields to replace');
  const out: Partial<T> = {};
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    if (!Object.prototype.hasOwnProperty.call(rules, key)) throw v.error(fieldPath(field, key), 'cannot be corrected');
    const k = key as keyof T & string;
    out[k] = rules[k](v, fieldPath(field, key), value);
  }
  if (Object.keys(out).length === 0) throw v.error(field, 'must name at least one change');
  return out;
}

/** Every correction and retraction says why: the reason is what an auditor reads first. */
export function requireReason(v: InputValidator, reason: unknown): string {
  return v.text('reason', reason);
}
