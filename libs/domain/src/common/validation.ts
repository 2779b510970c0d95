import { PARTIAL_DATE_FORMS, effectiveStart, isFullDate, partialDateProblem, type JsonObject } from '@concordat/shared-kernel';
import { DomainError, type AggregateName } from '../domain-error';
import { SLUG_PATTERN } from '../ledger-inputs';
import type { PartialDate, SourceRef } from './values';

/** The one document that may be cited without a quote: dates and facts of the public record. */
export const PUBLIC_RECORD = 'public-record';

/** `past`: a fact that already happened (not after today); `any`: e.g. a due date. */
export type DateRule = 'past' | 'any';

/** Plausible years for any date of the record: no year 0000, no due date centuries ahead. */
export const EARLIEST_YEAR = 1800;
export const LATEST_YEAR = 2200;

/** C0 controls except tab, line feed and carriage return; DEL; C1 controls; bidi overrides. */
// eslint-disable-next-line no-control-regex
export const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

/** Every year a date names (both ends of an interval) lies in the plausible range. */
export function yearInRange(date: string): boolean {
  return date.split('/').every((end) => {
    const year = Number(end.slice(0, 4));
    return year >= EARLIEST_YEAR && year <= LATEST_YEAR;
  });
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isAbsent(value: unknown): value is undefined | null {
  return value === undefined || value === null;
}

/**
 * Checks clerk input field by field and returns it normalized for events. Inputs are checked
 * at run time even though they are typed: seeds and process managers reach the deciders
 * without passing through HTTP validation. Errors name the field by its path in the input.
 */
export class InputValidator {
  private constructor(
    readonly aggregate: AggregateName,
    /** YYYY-MM-DD of the ledger's clock, or null when no clock was given. */
    private readonly today: string | null,
  ) {}

  static for(aggregate: AggregateName, context?: { now: string }): InputValidator {
    return new InputValidator(aggregate, context ? context.now.slice(0, 10) : null);
  }

  error(field: string, problem: string, details: JsonObject = {}): DomainError {
    return DomainError.invalid(this.aggregate, field, problem, details);
  }

  text(field: string, value: unknown): string {
    if (typeof value !== 'string' || value.trim() === '') throw this.error(field, 'must be a non-empty string');
    if (CONTROL_CHARACTERS.test(value)) throw this.error(field, 'must not contain control characters (tab and line breaks are allowed)');
    return value;
  }

  optionalText(field: string, value: unknown): string | null {
    return isAbsent(value) ? null : this.text(field, value);
  }

  pattern(field: string, value: unknown, pattern: RegExp, what: string): string {
    if (typeof value !== 'string' || !pattern.test(value)) {
      throw this.error(field, `must be ${what}`, typeof value === 'string' ? { value } : {});
    }
    return value;
  }

  slug(field: string, value: unknown): string {
    return this.pattern(field, value, SLUG_PATTERN, 'a lower-kebab id');
  }

  oneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): T {
    if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
      throw this.error(field, `must be one of ${allowed.join(', ')}`, { allowed: [...allowed] });
    }
    return value as T;
  }

  positiveInteger(field: string, value: unknown): number {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) throw this.error(field, 'must be a positive integer');
    return value;
  }

  list<T>(field: string, value: unknown, item: (field: string, value: unknown, index: number) => T, min = 0): T[] {
    if (isAbsent(value) && min === 0) return [];
    if (!Array.isArray(value)) throw this.error(field, 'must be a list');
    if (value.length < min) throw this.error(field, `must list at least ${min}`);
    return value.map((entry, i) => item(`${field}[${i}]`, entry, i));
  }

  texts(field: string, value: unknown, min = 0): string[] {
    return this.list(field, value, (f, x) => this.text(f, x), min);
  }

  /** Theme lists: slugs, each once (a theme counted twice would skew the reports). */
  slugSet(field: string, value: unknown, min = 0): string[] {
    const slugs = this.list(field, value, (f, x) => this.slug(f, x), min);
    const twice = slugs.findIndex((slug, i) => slugs.indexOf(slug) !== i);
    if (twice >= 0) throw this.error(`${field}[${twice}]`, `lists ${slugs[twice]} twice`, { value: slugs[twice] });
    return slugs;
  }

  fullDate(field: string, value: unknown): string {
    if (typeof value !== 'string' || !isFullDate(value)) throw this.error(field, 'must be a full date YYYY-MM-DD');
    if (!yearInRange(value)) throw this.error(field, `must be a year from ${EARLIEST_YEAR} to ${LATEST_YEAR}`, { value });
    return value;
  }

  partialDate(field: string, value: unknown, rule: DateRule = 'past'): PartialDate {
    if (!isRecord(value)) throw this.error(field, 'must be a partial date object');
    const { date, approximate } = value;
    if (typeof date !== 'string') throw this.error(`${field}.date`, `must be ${PARTIAL_DATE_FORMS}`);
    const problem = partialDateProblem(date);
    if (problem !== null) throw this.error(`${field}.date`, problem, { value: date });
    if (!yearInRange(date)) throw this.error(`${field}.date`, `must be a year from ${EARLIEST_YEAR} to ${LATEST_YEAR}`, { value: date });
    if (!isAbsent(approximate) && typeof approximate !== 'boolean') throw this.error(`${field}.approximate`, 'must be true or false');
    const reasoning = this.optionalText(`${field}.reasoning`, value.reasoning);
    if (approximate === true && reasoning === null) {
      throw this.error(`${field}.reasoning`, 'is required: an approximate date needs the reasoning that inferred it');
    }
    // A partial date counts from its first day, so "2025" is not in the future during 2025.
    if (rule === 'past' && this.today !== null && effectiveStart(date) > this.today) {
      throw this.error(`${field}.date`, `is in the future (today is ${this.today})`, { value: date });
    }
    return { date, approximate: approximate === true, reasoning };
  }

  optionalPartialDate(field: string, value: unknown, rule: DateRule = 'past'): PartialDate | null {
    return isAbsent(value) ? null : this.partialDate(field, value, rule);
  }

  source(field: string, value: unknown): SourceRef {
    if (!isRecord(value)) throw this.error(field, 'must be a source object');
    const document = this.text(`${field}.document`, value.document);
    const quote = this.optionalText(`${field}.quote`, value.quote);
    if (quote === null && document !== PUBLIC_RECORD) {
      throw this.error(`${field}.quote`, `is required: the document's exact words (only ${PUBLIC_RECORD} may omit it)`);
    }
    return {
      document,
      locator: this.optionalText(`${field}.locator`, value.locator),
      quote,
      note: this.optionalText(`${field}.note`, value.note),
    };
  }

  optionalSource(field: string, value: unknown): SourceRef | null {
    return isAbsent(value) ? null : this.source(field, value);
  }
}
