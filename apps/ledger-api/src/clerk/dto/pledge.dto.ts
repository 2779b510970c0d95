import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { PLEDGE_STATUSES, type InitialPledgeStatus, type PledgeInput, type PledgeStatus, type RecordPledgeInput } from '@concordat/domain';
import { IsSlug, MoneyFactDto, PartialDateDto, SingleLine, SourceDto } from './common.dto';

const PARTIES = { each: true } as const;

/** A pledge as made at a meeting: who pledged, who answers for it, who does it, who benefits. */
export class PledgeDto implements PledgeInput {
  @ApiPropertyOptional({ example: 'scg-5-keep-meeting', description: 'Defaults to `<meeting id>-pledge-<n>`' })
  @IsOptional() @IsString() @IsSlug()
  id?: string;

  @ApiProperty({ example: ['US', 'MX'], description: 'Who pledged: country codes or organization names' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @IsString(PARTIES) @IsNotEmpty(PARTIES) @MaxLength(200, PARTIES) @SingleLine(true)
  by!: string[];

  @ApiPropertyOptional({ example: ['US', 'MX'] })
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString(PARTIES) @IsNotEmpty(PARTIES) @MaxLength(200, PARTIES) @SingleLine(true)
  accountable?: string[];

  @ApiPropertyOptional({ example: ['U.S. Department of Homeland Security'] })
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString(PARTIES) @IsNotEmpty(PARTIES) @MaxLength(200, PARTIES) @SingleLine(true)
  implementers?: string[];

  @ApiPropertyOptional({ example: ['GT', 'HN', 'SV'] })
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString(PARTIES) @IsNotEmpty(PARTIES) @MaxLength(200, PARTIES) @SingleLine(true)
  beneficiaries?: string[];

  @ApiProperty({ example: 'continue holding the SCG to coordinate security programming' })
  @IsString() @IsNotEmpty() @MaxLength(5000)
  description!: string;

  @ApiProperty({ example: ['security-coordination'], description: 'Theme ids (see GET /v1/themes)' })
  @IsArray() @ArrayMaxSize(30) @IsString({ each: true }) @IsSlug('themes', true)
  themes!: string[];

  @ApiPropertyOptional({ type: PartialDateDto })
  @IsOptional() @ValidateNested() @Type(() => PartialDateDto)
  dueDate?: PartialDateDto;

  @ApiProperty({ enum: ['proposed', 'agreed', 'not_yet_assessed'], example: 'agreed', description: 'Initial status' })
  @IsIn(['proposed', 'agreed', 'not_yet_assessed'], { message: 'status must be proposed, agreed or not_yet_assessed for a new pledge' })
  status!: InitialPledgeStatus;

  @ApiPropertyOptional({ type: [MoneyFactDto] })
  @IsOptional() @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => MoneyFactDto)
  money?: MoneyFactDto[];

  @ApiPropertyOptional({ type: SourceDto, description: "Defaults to the meeting's source" })
  @IsOptional() @ValidateNested() @Type(() => SourceDto)
  source?: SourceDto;
}

/** A pledge recorded from a document, outside any meeting (e.g. a white paper's recommendation, status `proposed`). */
export class RecordPledgeDto extends OmitType(PledgeDto, ['id', 'source'] as const) implements RecordPledgeInput {
  @ApiProperty({ example: 'white-paper-2019-recommendation-1' })
  @IsString() @IsSlug()
  id!: string;

  @ApiPropertyOptional({ example: 'proposed-bilateral-coordination-group' })
  @IsOptional() @IsString() @IsSlug('forum')
  forum?: string;

  @ApiProperty({ type: PartialDateDto, example: { date: '2019' } })
  @ValidateNested() @Type(() => PartialDateDto)
  madeOn!: PartialDateDto;

  @ApiProperty({ type: SourceDto })
  @ValidateNested() @Type(() => SourceDto)
  source!: SourceDto;
}

export class ChangePledgeStatusDto {
  @ApiProperty({ enum: PLEDGE_STATUSES, example: 'in_progress' })
  @IsIn([...PLEDGE_STATUSES])
  status!: PledgeStatus;

  @ApiProperty({ type: PartialDateDto, example: { date: '2016' } })
  @ValidateNested() @Type(() => PartialDateDto)
  effectiveOn!: PartialDateDto;

  @ApiProperty({ example: 'GC-Armas revived after a three-year suspension' })
  @IsString() @IsNotEmpty() @MaxLength(5000)
  reason!: string;

  @ApiProperty({ type: SourceDto })
  @ValidateNested() @Type(() => SourceDto)
  evidence!: SourceDto;
}

export class RecordMoneyFactDto extends MoneyFactDto {
  @ApiProperty({ type: SourceDto })
  @ValidateNested() @Type(() => SourceDto)
  evidence!: SourceDto;
}
