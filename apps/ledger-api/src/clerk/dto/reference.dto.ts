import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { ADMINISTRATION_ID_PATTERN, type ForumKind } from '@concordat/domain';
import { IsCountry, IsNotFuture, IsPartialDate, IsSlug, PartialDateDto, SingleLine, SourceDto } from './common.dto';

const FULL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const FORUM_KINDS: ForumKind[] = ['standing-group', 'working-group', 'dialogue', 'initiative', 'agreement', 'conference', 'network', 'summit', 'proposed-mechanism'];

export class RegisterAdministrationDto {
  @ApiProperty({ example: 'US-obama', description: '`<COUNTRY>-<slug>`' })
  @IsString() @Matches(ADMINISTRATION_ID_PATTERN, { message: 'id must look like US-obama: country code, hyphen, lower-kebab slug' })
  id!: string;

  @ApiProperty({ example: 'US' })
  @IsString() @IsCountry()
  country!: string;

  @ApiProperty({ example: 'Barack Obama' })
  @IsString() @IsNotEmpty() @MaxLength(200) @SingleLine()
  leader!: string;

  @ApiProperty({ example: '2009-01-20', description: 'First day in office' })
  @IsString() @Matches(FULL_DATE, { message: 'startedOn must be a full date YYYY-MM-DD' }) @IsPartialDate() @IsNotFuture()
  startedOn!: string;

  @ApiPropertyOptional({ example: '2017-01-19', description: 'Last day in office; omit for the incumbent' })
  @IsOptional() @IsString() @Matches(FULL_DATE, { message: 'endedOn must be a full date YYYY-MM-DD' }) @IsPartialDate()
  endedOn?: string;

  @ApiProperty({ type: SourceDto, example: { document: 'public-record', note: 'Inauguration dates from the public record' } })
  @ValidateNested() @Type(() => SourceDto)
  source!: SourceDto;
}

export class RegisterForumDto {
  @ApiProperty({ example: 'us-mx-security-cooperation-group' })
  @IsString() @IsSlug()
  id!: string;

  @ApiProperty({ example: 'U.S.-Mexico Security Cooperation Group' })
  @IsString() @IsNotEmpty() @MaxLength(300) @SingleLine()
  name!: string;

  @ApiPropertyOptional({ example: ['SCG', 'Security Coordination Group'] })
  @IsOptional() @IsArray() @ArrayMaxSize(30) @IsString({ each: true }) @IsNotEmpty({ each: true }) @MaxLength(300, { each: true }) @SingleLine(true)
  aliases?: string[];

  @ApiProperty({ enum: FORUM_KINDS, example: 'standing-group' })
  @IsIn(FORUM_KINDS)
  kind!: ForumKind;

  @ApiProperty({ example: ['US', 'MX'] })
  @IsArray() @ArrayMaxSize(100) @IsString({ each: true }) @IsNotEmpty({ each: true }) @MaxLength(200, { each: true }) @SingleLine(true)
  parties!: string[];

  @ApiPropertyOptional({ example: 'Bilateral group that coordinates security programming' })
  @IsOptional() @IsString() @MaxLength(5000)
  description?: string;

  @ApiPropertyOptional({ example: 'us-mx-security-cooperation-group' })
  @IsOptional() @IsString() @IsSlug('parentForum')
  parentForum?: string;

  @ApiPropertyOptional({ type: PartialDateDto })
  @IsOptional() @ValidateNested() @Type(() => PartialDateDto)
  establishedOn?: PartialDateDto;

  @ApiProperty({ type: SourceDto })
  @ValidateNested() @Type(() => SourceDto)
  source!: SourceDto;
}

export class DefineThemeDto {
  @ApiProperty({ example: 'counter-narcotics' })
  @IsString() @IsSlug()
  id!: string;

  @ApiProperty({ example: 'Counter-narcotics' })
  @IsString() @IsNotEmpty() @MaxLength(200) @SingleLine()
  name!: string;

  @ApiProperty({ example: 'Reducing the production, trafficking and use of illicit drugs' })
  @IsString() @IsNotEmpty() @MaxLength(1000)
  definition!: string;

  @ApiPropertyOptional({ type: SourceDto })
  @IsOptional() @ValidateNested() @Type(() => SourceDto)
  source?: SourceDto;
}

export class AdministrationChangesDto extends PartialType(OmitType(RegisterAdministrationDto, ['id', 'country'] as const)) {}
export class ForumChangesDto extends PartialType(OmitType(RegisterForumDto, ['id'] as const)) {}
export class ThemeChangesDto extends PartialType(OmitType(DefineThemeDto, ['id'] as const)) {}

function correction<T>(changes: new () => T) {
  class CorrectionDto {
    @ApiProperty({ example: 'The public record gives a different date' })
    @IsString() @IsNotEmpty() @MaxLength(5000)
    reason!: string;

    @ApiProperty({ type: changes })
    @ValidateNested() @Type(() => changes)
    changes!: T;
  }
  return CorrectionDto;
}

export class CorrectAdministrationDto extends correction(AdministrationChangesDto) {}
export class CorrectForumDto extends correction(ForumChangesDto) {}
export class CorrectThemeDto extends correction(ThemeChangesDto) {}
