import { ApiProperty, ApiPropertyOptional, IntersectionType, PartialType, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateNested } from 'class-validator';
import { CURRENCY_PATTERN, DECIMAL_PATTERN, PLEDGE_STATUSES, type MoneyFirmness, type PledgeStatus } from '@concordat/domain';
import { MoneyPeriodDto, PartialDateDto } from './common.dto';
import { RecordMinutesDto } from './meeting.dto';
import { PledgeDto } from './pledge.dto';

export class MeetingChangesDto extends PartialType(
  PickType(RecordMinutesDto, ['title', 'sequence', 'heldOn', 'place', 'hostCountry', 'coChairs', 'delegations', 'summary', 'priorities', 'source'] as const),
) {}

class MadeOnDto {
  @ApiPropertyOptional({ type: PartialDateDto })
  @IsOptional() @ValidateNested() @Type(() => PartialDateDto)
  madeOn?: PartialDateDto;
}

export class PledgeChangesDto extends IntersectionType(
  PartialType(PickType(PledgeDto, ['by', 'accountable', 'implementers', 'beneficiaries', 'description', 'themes', 'dueDate', 'source'] as const)),
  MadeOnDto,
) {}

const REASON = { example: 'The minutes give 14 October 2016; the date was entered as 2015 by mistake' };

export class CorrectMeetingDto {
  @ApiProperty(REASON)
  @IsString() @IsNotEmpty() @MaxLength(5000)
  reason!: string;

  @ApiPropertyOptional({ type: MeetingChangesDto, description: 'Replace these fields (whole values). Give exactly one of changes and retract.' })
  @IsOptional() @ValidateNested() @Type(() => MeetingChangesDto)
  changes?: MeetingChangesDto;

  @ApiPropertyOptional({ example: false, description: 'The whole entry was made in error' })
  @IsOptional() @IsBoolean()
  retract?: boolean;
}

/** Fix (or void) one status change or money fact, named by the entry id the ledger gave it. */
export class EntryCorrectionDto {
  @ApiProperty({ example: '8c0c7f4e-2f0e-8a1b-9c3d-5e6f7a8b9c0d' })
  @IsUUID('all')
  id!: string;

  @ApiPropertyOptional({ example: false })
  @IsOptional() @IsBoolean()
  retract?: boolean;

  @ApiPropertyOptional({ enum: PLEDGE_STATUSES })
  @IsOptional() @IsIn([...PLEDGE_STATUSES])
  status?: PledgeStatus;

  @ApiPropertyOptional({ type: PartialDateDto })
  @IsOptional() @ValidateNested() @Type(() => PartialDateDto)
  effectiveOn?: PartialDateDto;

  @ApiPropertyOptional({ example: '1600000000' })
  @IsOptional() @IsString() @MaxLength(40) @Matches(DECIMAL_PATTERN, { message: 'amount must be a decimal string such as 1600000000' })
  amount?: string;

  @ApiPropertyOptional({ example: 'USD' })
  @IsOptional() @IsString() @Matches(CURRENCY_PATTERN, { message: 'currency must be an ISO 4217 code such as USD' })
  currency?: string;

  @ApiPropertyOptional({ enum: ['pledged', 'committed', 'allocated', 'disbursed'] })
  @IsOptional() @IsIn(['pledged', 'committed', 'allocated', 'disbursed'])
  firmness?: MoneyFirmness;

  @ApiPropertyOptional({ type: PartialDateDto })
  @IsOptional() @ValidateNested() @Type(() => PartialDateDto)
  asOf?: PartialDateDto;

  @ApiPropertyOptional({
    type: MoneyPeriodDto,
    description: 'Replace the span of money the fact covers (whole value), so a cumulative total is never added to the single-year amounts inside it',
  })
  @IsOptional() @ValidateNested() @Type(() => MoneyPeriodDto)
  period?: MoneyPeriodDto;
}

export class CorrectPledgeDto {
  @ApiProperty(REASON)
  @IsString() @IsNotEmpty() @MaxLength(5000)
  reason!: string;

  @ApiPropertyOptional({ type: PledgeChangesDto, description: 'Replace these fields of the pledge itself' })
  @IsOptional() @ValidateNested() @Type(() => PledgeChangesDto)
  changes?: PledgeChangesDto;

  @ApiPropertyOptional({ type: EntryCorrectionDto, description: 'Fix or void a status change or money fact entered wrongly' })
  @IsOptional() @ValidateNested() @Type(() => EntryCorrectionDto)
  entry?: EntryCorrectionDto;

  @ApiPropertyOptional({ example: false, description: 'The whole pledge was recorded in error' })
  @IsOptional() @IsBoolean()
  retract?: boolean;
}
