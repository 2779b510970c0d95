import { BadRequestException } from '@nestjs/common';
import { CONTROL_CHARACTERS } from '@concordat/domain';

/**
 * Bounds on any JSON body, checked in one pass before class-transformer or class-validator
 * touch it, so their per-element work is bounded too. The DTOs' own limits are tighter; these
 * only make sure no body can cost more than a legitimate one.
 */
export const JSON_LIMITS = {
  /** The deepest DTO (minutes → pledges → money → asOf) is 6 levels. */
  depth: 12,
  /** The longest DTO list is a meeting's 200 pledges. */
  arrayItems: 200,
  /** The widest DTO has 13 fields. */
  objectKeys: 40,
  /** Every object, array and value in the body. */
  nodes: 20_000,
};

/** Keys that name prototype machinery: refused by name rather than dropped silently. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);


function refuse(field: string, rule: string, message: string): never {
  throw new BadRequestException({
    code: 'REQUEST.INVALID',
    message: 'The request does not follow the documented schema',
    details: [{ field, rule, message }],
  });
}

const join = (path: string, key: string | number) => (path === '' ? String(key) : `${path}.${key}`);

/** Walks the parsed body without recursion; throws a 400 naming the first offending field. */
export function checkJsonShape(body: unknown, limits = JSON_LIMITS): void {
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value: body, path: '', depth: 0 }];
  let nodes = 0;
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    if (++nodes > limits.nodes) refuse(path || 'body', 'maxNodes', `the body may hold at most ${limits.nodes} values`);
    if (typeof value === 'string') {
      if (CONTROL_CHARACTERS.test(value)) refuse(path || 'body', 'noControlCharacters', `${path || 'body'} contains a control character`);
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= limits.depth) refuse(path || 'body', 'maxDepth', `JSON may nest at most ${limits.depth} levels`);
    if (Array.isArray(value)) {
      if (value.length > limits.arrayItems) refuse(path || 'body', 'maxItems', `${path || 'body'} may list at most ${limits.arrayItems} items`);
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: join(path, i), depth: depth + 1 });
      continue;
    }
    const keys = Object.keys(value);
    if (keys.length > limits.objectKeys) refuse(path || 'body', 'maxKeys', `${path || 'body'} may have at most ${limits.objectKeys} fields`);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i];
      const field = join(path, key);
      if (FORBIDDEN_KEYS.has(key)) refuse(field, 'unknownField', `${field} is not a known field`);
      if (CONTROL_CHARACTERS.test(key)) refuse(path || 'body', 'noControlCharacters', 'a field name contains a control character');
      stack.push({ value: (value as Record<string, unknown>)[key], path: field, depth: depth + 1 });
    }
  }
}
