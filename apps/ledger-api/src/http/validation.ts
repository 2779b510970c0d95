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

/** Accepted query strings remembered per DTO class; beyond this the oldest is forgotten. */
export const QUERY_CACHE_ENTRIES = 512;
/** A longer query string is validated every time (and never held in memory). */
const QUERY_CACHE_KEY_LIMIT = 1024;

type Dto = Record<string, unknown>;

/**
 * The same rules as ValidationPipe, but a query string that passed once is not transformed and
 * validated again: readers ask the same few questions many times, and class-transformer and
 * class-validator cost more per request than the read itself. The rules are pure functions of
 * the string, so the remembered DTO is what validating again would give; each request gets its
 * own copy. Refused queries are always validated afresh (their 400 names the field), and bodies
 * are never cached.
 */
export class QueryCachingValidationPipe extends ValidationPipe {
  private readonly accepted = new WeakMap<object, Map<string, Dto>>();

  constructor(options: ValidationPipeOptions) {
    super(options);
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const metatype = metadata.metatype;
    if (metadata.type !== 'query' || !metatype || !this.toValidate(metadata) || typeof value !== 'object' || value === null) return super.transform(value, metadata);
    const key = JSON.stringify(value);
    if (key.length > QUERY_CACHE_KEY_LIMIT) return super.transform(value, metadata);
    let byQuery = this.accepted.get(metatype);
    const known = byQuery?.get(key);
    if (known) return copyOf(known);
    const dto = (await super.transform(value, metadata)) as unknown;
    if (!isFlatDto(dto)) return dto;
    if (!byQuery) this.accepted.set(metatype, (byQuery = new Map()));
    if (byQuery.size >= QUERY_CACHE_ENTRIES) byQuery.delete(byQuery.keys().next().value!);
    byQuery.set(key, copyOf(dto));
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
