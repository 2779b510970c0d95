import type { JsonObject } from '@concordat/shared-kernel';

type Primitive = string | number | boolean | null;
type NotJson = undefined | bigint | symbol | Date | ((...args: never[]) => unknown);

/** Distributes over unions; yields `false` somewhere if any member is not plain JSON. */
type Check<T> = T extends Primitive
  ? true
  : T extends NotJson
    ? false
    : T extends readonly (infer U)[]
      ? Check<U>
      : T extends object
        ? { [K in keyof T]-?: Check<Exclude<T[K], undefined>> }[keyof T]
        : false;

/**
 * Compile-time proof that event data is plain JSON (no Date, no bigint). Optional keys are
 * allowed only because decide never emits them with an undefined value — the given/when/then
 * helper checks every emitted event by JSON round-trip.
 */
export type IsPlainJson<T> = false extends Check<T> ? false : true;

/**
 * Event data as the store's envelope type. Correction events carry `changes` with optional
 * keys, which TypeScript cannot prove JSON under `strict`; IsPlainJson above is that proof.
 */
export function toEventData<E extends { data: object }>(event: E): JsonObject {
  return event.data as unknown as JsonObject;
}
