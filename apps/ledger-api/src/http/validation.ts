import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';
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
  return new ValidationPipe({
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
