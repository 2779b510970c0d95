import { BadRequestException, ValidationPipe, type ArgumentMetadata, type ValidationError, type ValidationPipeOptions } from '@nestjs/common';
import type { ApiErrorDetail } from './api-error';

/** Flattens class-validator's tree into `{ field: 'a.b.0.c', rule, message }` entries. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): ApiErrorDetail[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([rule, message]) => ({
      field,
      rule: rule === 'whitelistValidation' ? 'unknownField' : rule,
      message: rule === 'whitelistValidation' ? `${field} is not a known field` : message,
    }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/** At most this many broken rules are listed: enough to fix a request, bounded for any request. */
export const MAX_REPORTED_ERRORS = 20;

/**
 * Request shape violations (including unknown fields) are 400 listing the broken rules (one per
 * field, at most MAX_REPORTED_ERRORS); domain refusals are 4xx from the filter. The body's size
 * and shape were bounded before this pipe runs (json-shape.ts), so validation work is bounded too.
 */
export function ledgerValidationPipe(): ValidationPipe {
  return new QueryCachingValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    stopAtFirstError: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const all = flattenValidationErrors(errors);
      const details = all.slice(0, MAX_REPORTED_ERRORS);
      const more = all.length > details.length ? ` (the first ${details.length} of ${all.length} broken rules are listed)` : '';
      return new BadRequestException({ code: 'REQUEST.INVALID', message: `The request does not follow the documented schema${more}`, details });
    },
  });
}

/** Accepted query shapes remembered per DTO class; beyond this the oldest is forgotten. */
export const QUERY_CACHE_ENTRIES = 512;
/** A longer query string is validated every time (and never held in memory). */
const QUERY_CACHE_KEY_LIMIT = 1024;

type Dto = Record<string, unknown>;
/** The value the DTO holds when the field's own rules pass, else undefined. */
export type AcceptAlone = (value: unknown) => unknown;

const judgedAlone = new WeakMap<object, Map<string, AcceptAlone>>();

/**
 * Marks a query field whose rules look at its own value only (no rule of another field reads
 * it), as a date or a cursor: `accept` must give exactly what the field's transform and rules
 * give when they pass (share the functions with them), and undefined when they refuse. A query
 * differing from one accepted before only in such fields is then not validated again
 * (asOf differs between otherwise equal questions, and each value is asked about once).
 */
export function JudgedAlone(accept: AcceptAlone): PropertyDecorator {
  return (target, key) => {
    let fields = judgedAlone.get(target);
    if (!fields) judgedAlone.set(target, (fields = new Map()));
    fields.set(String(key), accept);
  };
}

/** The fields judged alone of a DTO class, its parents' included. */
function fieldsJudgedAlone(metatype: object): Map<string, AcceptAlone> {
  const fields = new Map<string, AcceptAlone>();
  for (let proto = (metatype as { prototype?: object }).prototype; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto) as object) {
    for (const [k, accept] of judgedAlone.get(proto) ?? []) if (!fields.has(k)) fields.set(k, accept);
  }
  return fields;
}

/**
 * The same rules as ValidationPipe, but a query shape that passed once is not transformed and
 * validated again: readers ask the same few questions many times, and class-transformer and
 * class-validator cost more per request than the read itself. The shape is the query with the
 * values of its fields judged alone (see `JudgedAlone`) left out: those are checked by their
 * own functions, and the rest's rules are pure functions of the rest, so the remembered DTO with
 * this request's values of those fields is what validating again would give; each request gets
 * its own copy. A value its function refuses, and any refused query, is validated afresh by
 * ValidationPipe (its 400 names the field and rule), and bodies are never cached.
 */
export class QueryCachingValidationPipe extends ValidationPipe {
  private readonly accepted = new WeakMap<object, { alone: Map<string, AcceptAlone>; shapes: Map<string, Dto> }>();

  constructor(options: ValidationPipeOptions) {
    super(options);
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const metatype = metadata.metatype;
    if (metadata.type !== 'query' || !metatype || !this.toValidate(metadata) || typeof value !== 'object' || value === null) return super.transform(value, metadata);
    let byClass = this.accepted.get(metatype);
    if (!byClass) this.accepted.set(metatype, (byClass = { alone: fieldsJudgedAlone(metatype), shapes: new Map() }));
    const rest: Dto = {};
    const own: [string, unknown][] = [];
    for (const [k, v] of Object.entries(value)) {
      const accept = byClass.alone.get(k);
      const accepted = accept?.(v);
      if (accepted !== undefined) own.push([k, accepted]);
      else rest[k] = v;
    }
    // The fields left out are named, so that the remembered DTO has exactly them to overwrite.
    const key = JSON.stringify([rest, own.map(([k]) => k)]);
    if (key.length > QUERY_CACHE_KEY_LIMIT) return super.transform(value, metadata);
    const known = byClass.shapes.get(key);
    if (known) {
      const dto = copyOf(known);
      for (const [k, v] of own) dto[k] = v;
      return dto;
    }
    const dto = (await super.transform(value, metadata)) as unknown;
    if (!isFlatDto(dto)) return dto;
    if (byClass.shapes.size >= QUERY_CACHE_ENTRIES) byClass.shapes.delete(byClass.shapes.keys().next().value!);
    byClass.shapes.set(key, copyOf(dto));
    return dto;
  }
}

/** Only DTOs of primitive fields are remembered, so that a shallow copy is a whole copy. */
function isFlatDto(dto: unknown): dto is Dto {
  if (typeof dto !== 'object' || dto === null) return false;
  return Object.values(dto).every((v) => v === null || (typeof v !== 'object' && typeof v !== 'function'));
}

function copyOf(dto: Dto): Dto {
  return Object.assign(Object.create(Object.getPrototypeOf(dto) as object) as Dto, dto);
}
