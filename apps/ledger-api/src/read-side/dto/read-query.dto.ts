import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min, ValidateBy, buildMessage, type ValidationOptions } from 'class-validator';
import { effectiveEnd, isFullDate, partialDateProblem } from '@concordat/shared-kernel';
import { DEFAULT_LIMIT, MAX_LIMIT } from '@concordat/read-models';
import { JudgedAlone } from '../../http/validation';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const POSITION = /^\d{1,19}$/;
const CURSOR = /^[A-Za-z0-9_-]{1,2000}$/;

const isFullDateValue = (value: unknown) => typeof value === 'string' && isFullDate(value);
const isInstant = (value: unknown) => typeof value === 'string' && INSTANT.test(value) && !Number.isNaN(Date.parse(value));
/** The one imprecise-date rule: a partial date means the last day of its period (answers and ETags see that day). */
const lastDayOf = (value: unknown) => (typeof value === 'string' && !isFullDate(value) && partialDateProblem(value) === null ? effectiveEnd(value) : value);
/** What the field holds when `valid(value)`, else undefined: for `JudgedAlone`, from the functions the decorators use. */
const acceptedWhen =
  (valid: (value: unknown) => boolean, transform: (value: unknown) => unknown = (v) => v) =>
  (value: unknown) => {
    const held = transform(value);
    return valid(held) ? held : undefined;
  };

/** A calendar date `YYYY-MM-DD` that exists (2016-02-30 does not). */
export function IsFullDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isFullDate',
      validator: {
        validate: isFullDateValue,
        defaultMessage: buildMessage((each) => `${each}$property must be a full date YYYY-MM-DD`, options),
      },
    },
    options,
  );
}

/** An ISO 8601 instant with its zone (`2025-01-01T00:00:00Z`): without one it would mean different instants on different servers. */
export function IsInstant(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isInstant',
      validator: {
        validate: isInstant,
        defaultMessage: buildMessage((each) => `${each}$property must be an ISO 8601 instant with a zone, e.g. 2025-01-01T00:00:00Z`, options),
      },
    },
    options,
  );
}

/** The two clocks, and read-your-writes: every read endpoint takes these. */
export class BitemporalQueryDto {
  @ApiPropertyOptional({
    example: '2016-12-31',
    format: 'date',
    description:
      'Effective time: only what was effective on or before this date counts (default: today, UTC). A year, a month or an interval is accepted wherever the domain accepts one, and counts at the END of its period: "2016" is read as 2016-12-31, "2016-10" as 2016-10-31; answers echo the full date.',
  })
  @IsOptional()
  @Transform(({ value }) => lastDayOf(value))
  @JudgedAlone(acceptedWhen(isFullDateValue, lastDayOf))
  @IsFullDate({ message: 'asOf must be a date YYYY, YYYY-MM or YYYY-MM-DD (or an interval such as 2012/2016)' })
  asOf?: string;

  @ApiPropertyOptional({ example: '2025-01-01T00:00:00Z', format: 'date-time', description: 'Recorded time: only what the ledger had recorded by this instant counts (default: everything)' })
  @IsOptional()
  @IsInstant()
  @JudgedAlone(acceptedWhen(isInstant))
  knownAt?: string;

  @ApiPropertyOptional({
    example: '42',
    pattern: '^\\d{1,19}$',
    description: 'Wait (at most 5 s) until the read models have reached this global log position — the `position` a write answered with — else 503',
  })
  @IsOptional()
  @JudgedAlone(acceptedWhen((v) => typeof v === 'string' && POSITION.test(v)))
  @Matches(POSITION, { message: 'minPosition must be a global log position (a non-negative integer)' })
  minPosition?: string;
}

export class PagedQueryDto extends BitemporalQueryDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT, example: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_LIMIT)
  limit?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, default: 0, example: 0, description: 'Rows to skip (after the cursor, if one is given)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset?: number;

  @ApiPropertyOptional({ example: 'azoyMDE2LTEyLTMxAHVzLW14LXNlY3VyaXR5LWNvb3BlcmF0aW9uLWdyb3VwLTU', description: 'Opaque: the `nextCursor` of the previous page' })
  @IsOptional()
  @JudgedAlone(acceptedWhen((v) => typeof v === 'string' && CURSOR.test(v)))
  @Matches(CURSOR, { message: 'cursor must be a nextCursor value this API returned' })
  cursor?: string;
}
