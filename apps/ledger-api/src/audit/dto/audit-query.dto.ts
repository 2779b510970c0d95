import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, IsString, Matches, Max, MaxLength, Min, registerDecorator } from 'class-validator';
import { PARTIAL_DATE_PATTERN } from '@concordat/shared-kernel';

const PARTIAL_DATE = { message: '$property must be a date YYYY, YYYY-MM or YYYY-MM-DD' };

/** Store positions are signed 64-bit integers: a cursor beyond that names nothing. */
const MAX_POSITION = 9223372036854775807n;
function IsPosition() {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isPosition',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must be a nextCursor from an earlier page (decimal digits, at most ${MAX_POSITION})` },
      validator: { validate: (value: unknown) => typeof value === 'string' && /^\d{1,19}$/.test(value) && BigInt(value) <= MAX_POSITION },
    });
}

/** Ledger sequences and tree sizes: far beyond any ledger, well inside a safe integer. */
const MAX_SEQUENCE = 1_000_000_000_000;

export class AuditEventsQuery {
  @ApiPropertyOptional({ example: '118', description: 'Continue after this store position (the previous page\'s nextCursor)' })
  @IsOptional() @IsPosition()
  cursor?: string;

  @ApiPropertyOptional({ example: 100, minimum: 1, maximum: 1000, default: 100 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000)
  limit?: number;

  @ApiPropertyOptional({ example: 'pledge-us-mx-security-cooperation-group-5-pledge-1', description: 'Exactly this stream' })
  @IsOptional() @IsString() @MaxLength(500)
  stream?: string;

  @ApiPropertyOptional({ example: 'pledge-', description: 'Streams whose id starts with this (e.g. a category: `pledge-`)' })
  @IsOptional() @IsString() @MaxLength(500)
  streamPrefix?: string;

  @ApiPropertyOptional({ example: 'PledgeStatusChanged', description: 'Exactly this event type' })
  @IsOptional() @IsString() @MaxLength(200)
  type?: string;

  @ApiPropertyOptional({ example: 'clerk-ana', description: 'metadata.recordedBy equals this principal' })
  @IsOptional() @IsString() @MaxLength(200)
  recordedBy?: string;

  @ApiPropertyOptional({ example: '2025-01-01T00:00:00Z', description: 'recordedAt >= this instant' })
  @IsOptional() @IsISO8601({ strict: true })
  recordedFrom?: string;

  @ApiPropertyOptional({ example: '2025-12-31T23:59:59Z', description: 'recordedAt <= this instant' })
  @IsOptional() @IsISO8601({ strict: true })
  recordedTo?: string;

  @ApiPropertyOptional({ example: '2016', description: 'effectiveOn, counted at the END of its period (2016-10 counts as 2016-10-31), is on or after the start of this (partial) date. Events without effectiveOn are left out' })
  @IsOptional() @Matches(PARTIAL_DATE_PATTERN, PARTIAL_DATE)
  effectiveFrom?: string;

  @ApiPropertyOptional({ example: '2016-12', description: 'effectiveOn, counted at the END of its period, is on or before the end of this (partial) date' })
  @IsOptional() @Matches(PARTIAL_DATE_PATTERN, PARTIAL_DATE)
  effectiveTo?: string;
}

export class ExportQuery {
  @ApiPropertyOptional({ example: 1, minimum: 1, maximum: MAX_SEQUENCE, description: 'First ledger sequence (default 1)' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_SEQUENCE)
  from?: number;

  @ApiPropertyOptional({ example: 240, minimum: 0, maximum: MAX_SEQUENCE, description: 'Last ledger sequence (default: the current tree size)' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(MAX_SEQUENCE)
  to?: number;
}

export class InclusionQuery {
  @ApiProperty({ example: 17, minimum: 1, maximum: MAX_SEQUENCE, description: 'Ledger sequence of the entry' })
  @Type(() => Number) @IsInt() @Min(1) @Max(MAX_SEQUENCE)
  seq!: number;

  @ApiPropertyOptional({ example: 240, minimum: 1, maximum: MAX_SEQUENCE, description: 'Tree size to prove against (default: the latest checkpoint, issued on demand)' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_SEQUENCE)
  treeSize?: number;
}

export class ConsistencyQuery {
  @ApiProperty({ example: 100, minimum: 1, maximum: MAX_SEQUENCE, description: 'The older tree size (e.g. your trusted checkpoint)' })
  @Type(() => Number) @IsInt() @Min(1) @Max(MAX_SEQUENCE)
  from!: number;

  @ApiPropertyOptional({ example: 240, minimum: 1, maximum: MAX_SEQUENCE, description: 'The newer tree size (default: the latest checkpoint, issued on demand)' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_SEQUENCE)
  to?: number;
}

export class VerifyQuery {
  @ApiPropertyOptional({ example: 'pledge-us-mx-security-cooperation-group-5-pledge-1', description: 'Verify only this stream (default: the whole log)' })
  @IsOptional() @IsString() @MaxLength(500)
  stream?: string;
}
