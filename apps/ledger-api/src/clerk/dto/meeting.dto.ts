import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import type { CoChairInput, DelegationInput, PriorityInput, RecordMinutesInput } from '@concordat/domain';
import { IsCountry, IsSlug, PartialDateDto, SingleLine, SourceDto } from './common.dto';
import { PledgeDto } from './pledge.dto';

export class CoChairDto implements CoChairInput {
  @ApiProperty({ example: 'Amy Pope' })
  @IsString() @IsNotEmpty() @MaxLength(200) @SingleLine()
  name!: string;

  @ApiPropertyOptional({ example: 'Deputy Homeland Security Advisor' })
  @IsOptional() @IsString() @MaxLength(300) @SingleLine()
  title?: string;

  @ApiProperty({ example: 'US' })
  @IsString() @IsCountry()
  country!: string;

  @ApiPropertyOptional({ example: 'National Security Council' })
  @IsOptional() @IsString() @MaxLength(300) @SingleLine()
  organization?: string;
}

export class DelegationDto implements DelegationInput {
  @ApiProperty({ example: 'US' })
  @IsString() @IsCountry()
  country!: string;

  @ApiPropertyOptional({ example: ['Department of Homeland Security', 'Department of Justice'] })
  @IsOptional() @IsArray() @ArrayMaxSize(100) @IsString({ each: true }) @IsNotEmpty({ each: true }) @MaxLength(300, { each: true }) @SingleLine(true)
  agencies?: string[];

  @ApiPropertyOptional({ example: 'eleven departments and agencies' })
  @IsOptional() @IsString() @MaxLength(2000)
  note?: string;
}

export class PriorityDto implements PriorityInput {
  @ApiProperty({ example: 'counter-narcotics', description: 'Theme id' })
  @IsString() @IsSlug('theme')
  theme!: string;

  @ApiProperty({ example: 'stem heroin production and reduce demand for illicit opioids', description: "The parties' own words" })
  @IsString() @IsNotEmpty() @MaxLength(5000)
  statement!: string;

  @ApiPropertyOptional({ type: SourceDto })
  @IsOptional() @ValidateNested() @Type(() => SourceDto)
  source?: SourceDto;
}

/** The minutes of one meeting: everything agreed at it, recorded in one atomic request. */
export class RecordMinutesDto implements RecordMinutesInput {
  @ApiPropertyOptional({ example: 'us-mx-security-cooperation-group-5', description: 'Defaults to `<forum>-<sequence>`, else `<forum>-<date>`' })
  @IsOptional() @IsString() @IsSlug()
  id?: string;

  @ApiProperty({ example: 'us-mx-security-cooperation-group', description: 'Forum id (see GET /v1/forums)' })
  @IsString() @IsSlug('forum')
  forum!: string;

  @ApiProperty({ example: 'Fifth meeting of the U.S.-Mexico Security Cooperation Group' })
  @IsString() @IsNotEmpty() @MaxLength(500) @SingleLine()
  title!: string;

  @ApiPropertyOptional({ example: 5, minimum: 1, maximum: 10000, description: 'The meeting\'s number in its forum\'s series' })
  @IsOptional() @IsInt() @Min(1) @Max(10000)
  sequence?: number;

  @ApiProperty({ type: PartialDateDto, example: { date: '2016', approximate: true, reasoning: 'sets key priorities for 2017; follows the July 2016 presidential meeting' } })
  @ValidateNested() @Type(() => PartialDateDto)
  heldOn!: PartialDateDto;

  @ApiPropertyOptional({ example: 'Washington, D.C.' })
  @IsOptional() @IsString() @MaxLength(300) @SingleLine()
  place?: string;

  @ApiPropertyOptional({ example: 'US' })
  @IsOptional() @IsString() @IsCountry('hostCountry')
  hostCountry?: string;

  @ApiPropertyOptional({ type: [CoChairDto] })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => CoChairDto)
  coChairs?: CoChairDto[];

  @ApiPropertyOptional({ type: [DelegationDto] })
  @IsOptional() @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => DelegationDto)
  delegations?: DelegationDto[];

  @ApiPropertyOptional({ example: 'The SCG set key priorities for 2017.' })
  @IsOptional() @IsString() @MaxLength(20000)
  summary?: string;

  @ApiPropertyOptional({ type: [PriorityDto] })
  @IsOptional() @IsArray() @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => PriorityDto)
  priorities?: PriorityDto[];

  @ApiPropertyOptional({ type: [PledgeDto] })
  @IsOptional() @IsArray() @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => PledgeDto)
  pledges?: PledgeDto[];

  @ApiProperty({ type: SourceDto })
  @ValidateNested() @Type(() => SourceDto)
  source!: SourceDto;
}
