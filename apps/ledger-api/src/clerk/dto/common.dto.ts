import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
  registerDecorator,
  type ValidationOptions,
} from 'class-validator';
import { isPartialDate } from '@concordat/shared-kernel';
import {
  EARLIEST_YEAR,
  LATEST_YEAR,
  yearInRange,
  COUNTRY_PATTERN,
  CURRENCY_PATTERN,
  DECIMAL_PATTERN,
  MONEY_PERIOD_KINDS,
  SLUG_PATTERN,
  type MoneyFactInput,
  type MoneyFirmness,
  type MoneyPeriodInput,
  type MoneyPeriodKind,
  type PartialDateInput,
  type SourceInput,
} from '@concordat/domain';

/** `YYYY`, `YYYY-MM` or a real calendar day `YYYY-MM-DD`, in a plausible year. */
export function IsPartialDate(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isPartialDate',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must be a date as YYYY, YYYY-MM or YYYY-MM-DD, year ${EARLIEST_YEAR}-${LATEST_YEAR}`, ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && isPartialDate(value) && yearInRange(value) },
    });
}

/** A date of something that already happened: not after today (a partial date counts from its first day). */
export function IsNotFuture(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isNotFuture',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must not be in the future`, ...options },
      validator: { validate: (value: unknown) => typeof value !== 'string' || value.slice(0, 10) <= new Date().toISOString().slice(0, 10) },
    });
}

/** Names, titles, places, document names: one line, no control characters (long text may hold line breaks and tabs). */
// eslint-disable-next-line no-control-regex
const ONE_LINE = /^[^\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]*$/;
export const SingleLine = (each = false) => Matches(ONE_LINE, { each, message: '$property must be a single line without control characters' });

export const IsSlug = (field = 'id', each = false) =>
  Matches(SLUG_PATTERN, { each, message: `${field} must be ${each ? 'lower-kebab slugs' : 'a lower-kebab slug'} such as us-mx-security-cooperation-group` });
export const IsCountry = (field = 'country') => Matches(COUNTRY_PATTERN, { message: `${field} must be an ISO 3166-1 alpha-2 code such as US or MX` });

export class SourceDto implements SourceInput {
  @ApiProperty({ example: '000_3fdbd5733350c650.txt', description: 'Seed document file name, a URL, or `public-record`' })
  @IsString() @IsNotEmpty() @MaxLength(500) @SingleLine()
  document!: string;

  @ApiPropertyOptional({ example: 'paragraph 1', description: 'Where in the document: page, paragraph, slide' })
  @IsOptional() @IsString() @MaxLength(500) @SingleLine()
  locator?: string;

  @ApiPropertyOptional({
    example: "Last Friday I hosted the Administration's fifth meeting of the U.S.-Mexico Security Cooperation Group (SCG) in Washington",
    description: 'The exact words quoted; required unless document is `public-record`',
  })
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(5000)
  quote?: string;

  @ApiPropertyOptional({ example: 'Dates of office from the public record, not from the documents' })
  @IsOptional() @IsString() @MaxLength(2000)
  note?: string;
}

export class PartialDateDto implements PartialDateInput {
  @ApiProperty({ example: '2016', description: '`YYYY`, `YYYY-MM` or `YYYY-MM-DD`; for "as of" questions it counts at the END of its period' })
  @IsPartialDate()
  date!: string;

  @ApiPropertyOptional({ example: true, description: 'The date was inferred, not stated' })
  @IsOptional() @IsBoolean()
  approximate?: boolean;

  @ApiPropertyOptional({ example: 'sets key priorities for 2017; follows the July 2016 presidential meeting' })
  @IsOptional() @IsString() @MaxLength(2000)
  reasoning?: string;
}

/** The span an amount covers; the domain checks that the ends fit the kind and are in order. */
export class MoneyPeriodDto implements MoneyPeriodInput {
  @ApiProperty({
    enum: MONEY_PERIOD_KINDS,
    example: 'fiscal-years',
    description:
      '`fiscal-years`: U.S. fiscal years from..to as YYYY (FY N runs N-1-10-01..N-09-30); `span`: dates from..to; ' +
      '`to-date`: cumulative up to `to` (the source\'s date), since `from` when the source says; `unstated`: the source gives no period (no from/to)',
  })
  @IsIn([...MONEY_PERIOD_KINDS])
  kind!: MoneyPeriodKind;

  @ApiPropertyOptional({ example: '2008', description: 'First fiscal year (YYYY) or first date (YYYY, YYYY-MM, YYYY-MM-DD); optional for `to-date`' })
  @IsOptional() @IsString() @MaxLength(10)
  from?: string;

  @ApiPropertyOptional({ example: '2017', description: 'Last fiscal year or last date; required except for `unstated`' })
  @IsOptional() @IsString() @MaxLength(10)
  to?: string;
}

export class MoneyFactDto implements MoneyFactInput {
  @ApiProperty({ enum: ['pledged', 'committed', 'allocated', 'disbursed'], example: 'allocated' })
  @IsIn(['pledged', 'committed', 'allocated', 'disbursed'])
  firmness!: MoneyFirmness;

  @ApiProperty({ example: '2800000000', description: 'Decimal string: digits, optional fraction, no exponent or separators' })
  @IsString() @MaxLength(40) @Matches(DECIMAL_PATTERN, { message: 'amount must be a decimal string such as 2800000000 or 1250.50' })
  amount!: string;

  @ApiProperty({ example: 'USD', description: 'ISO 4217 currency code' })
  @IsString() @Matches(CURRENCY_PATTERN, { message: 'currency must be an ISO 4217 code such as USD' })
  currency!: string;

  @ApiProperty({ type: PartialDateDto, example: { date: '2017' } })
  @ValidateNested() @Type(() => PartialDateDto)
  asOf!: PartialDateDto;

  @ApiPropertyOptional({
    type: MoneyPeriodDto,
    example: { kind: 'fiscal-years', from: '2008', to: '2017' },
    description: 'The period the amount covers, so a cumulative total is never added to the single-year amounts inside it',
  })
  @IsOptional() @ValidateNested() @Type(() => MoneyPeriodDto)
  period?: MoneyPeriodDto;

  @ApiPropertyOptional({ example: 'FY2008-FY2017 appropriations' })
  @IsOptional() @IsString() @MaxLength(2000)
  note?: string;

  @ApiPropertyOptional({ type: SourceDto })
  @IsOptional() @ValidateNested() @Type(() => SourceDto)
  source?: SourceDto;
}

