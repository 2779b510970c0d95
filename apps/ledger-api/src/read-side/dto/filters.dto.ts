import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches, MaxLength } from 'class-validator';
import { PLEDGE_STATUSES } from '@concordat/domain';
import { IsFullDate, PagedQueryDto } from './read-query.dto';

const COUNTRY = /^[A-Z]{2}$/;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const ADMINISTRATION = /^[A-Z]{2}-[a-z0-9]+(?:-[a-z0-9]+)*(,[A-Z]{2}-[a-z0-9]+(?:-[a-z0-9]+)*)?$/;
const STATUS_LIST = new RegExp(`^(${PLEDGE_STATUSES.join('|')})(,(${PLEDGE_STATUSES.join('|')}))*$`);

function CountryFilter(): PropertyDecorator {
  return (target, key) => {
    ApiPropertyOptional({ example: 'MX', pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2' })(target, key);
    IsOptional()(target, key);
    Matches(COUNTRY, { message: `${String(key)} must be an ISO 3166-1 alpha-2 code such as US` })(target, key);
  };
}

function SlugFilter(example: string, description: string): PropertyDecorator {
  return (target, key) => {
    ApiPropertyOptional({ example, description })(target, key);
    IsOptional()(target, key);
    Matches(SLUG, { message: `${String(key)} must be a lower-kebab id` })(target, key);
  };
}

function AdministrationFilter(): PropertyDecorator {
  return (target, key) => {
    ApiPropertyOptional({
      example: 'US-obama',
      description:
        'Administration id: only what involves its country (through a party that is a country) and whose date interval overlaps its term ("2012" is 2012-01-01..2012-12-31, so it may fall in two). Two ids joined by a comma (a US×MX pair): both must hold.',
    })(target, key);
    IsOptional()(target, key);
    Matches(ADMINISTRATION, { message: `${String(key)} must be an administration id such as US-obama, or two joined by a comma` })(target, key);
  };
}

function AttributionFilter(): PropertyDecorator {
  return (target, key) => {
    ApiPropertyOptional({ enum: ['certain'], example: 'certain', description: 'certain: count only what lies wholly inside the term (or period); uncertain attributions (an imprecise date spanning a handover) are left out' })(target, key);
    IsOptional()(target, key);
    IsIn(['certain'], { message: `${String(key)} must be certain (or absent)` })(target, key);
  };
}

function DateFilter(example: string, description: string): PropertyDecorator {
  return (target, key) => {
    ApiPropertyOptional({ example, format: 'date', description })(target, key);
    IsOptional()(target, key);
    IsFullDate()(target, key);
  };
}

export class PledgesQueryDto extends PagedQueryDto {
  @ApiPropertyOptional({ example: 'in_progress,stalled', description: `Comma-separated statuses: ${PLEDGE_STATUSES.join(', ')}` })
  @IsOptional()
  @Matches(STATUS_LIST, { message: `status must be a comma-separated list of ${PLEDGE_STATUSES.join(', ')}` })
  status?: string;

  @SlugFilter('cybersecurity', 'Theme id') theme?: string;

  @ApiPropertyOptional({ example: 'MX', description: 'A party in any role (by, accountable, implementers, beneficiaries)' })
  @IsOptional()
  @MaxLength(200)
  @Matches(/\S/, { message: 'party must not be blank' })
  party?: string;

  @SlugFilter('us-mx-security-cooperation-group', 'Forum id') forum?: string;

  @ApiPropertyOptional({ example: 'MX', pattern: '^[A-Z]{2}$', description: 'A country among the pledge\'s country parties (by, accountable): the parties credit reaches governments through' })
  @IsOptional()
  @Matches(COUNTRY, { message: 'country must be an ISO 3166-1 alpha-2 code such as US' })
  country?: string;

  @AdministrationFilter() administration?: string;
  @AttributionFilter() attribution?: 'certain';
  @DateFilter('2013-01-01', 'Made on or after (end of an imprecise madeOn)') madeFrom?: string;
  @DateFilter('2018-12-31', 'Made on or before (end of an imprecise madeOn)') madeTo?: string;
}

export class MeetingsQueryDto extends PagedQueryDto {
  @SlugFilter('us-mx-security-cooperation-group', 'Forum id') forum?: string;
  @SlugFilter('counter-narcotics', 'Theme of a priority agreed') theme?: string;
  @CountryFilter() country?: string;
  @AdministrationFilter() administration?: string;
  @AttributionFilter() attribution?: 'certain';
  @DateFilter('2012-12-01', 'Held on or after (end of an imprecise heldOn)') from?: string;
  @DateFilter('2018-11-30', 'Held on or before (end of an imprecise heldOn)') to?: string;
}

export class PrioritiesQueryDto extends PagedQueryDto {
  @CountryFilter() country?: string;
  @AdministrationFilter() administration?: string;

  @ApiPropertyOptional({ enum: ['administration', 'pair'], example: 'pair', description: 'One country\'s administrations, or US×MX pairs in office together' })
  @IsOptional()
  @IsIn(['administration', 'pair'])
  kind?: 'administration' | 'pair';

  @SlugFilter('counter-narcotics', 'Only this theme') theme?: string;
  @AttributionFilter() attribution?: 'certain';
}

export class PriorityChangesQueryDto extends PagedQueryDto {
  @CountryFilter() country?: string;
  @SlugFilter('counter-narcotics', 'Only this theme') theme?: string;
  @AttributionFilter() attribution?: 'certain';
}

export class InheritedQueryDto extends PagedQueryDto {
  @CountryFilter() country?: string;
  @AdministrationFilter() administration?: string;
}

export class ForumActivityQueryDto extends PagedQueryDto {
  @SlugFilter('us-mx-security-cooperation-group', 'Forum id') forum?: string;
}

export class AdministrationsQueryDto extends PagedQueryDto {
  @CountryFilter() country?: string;
}

export class ForumsQueryDto extends PagedQueryDto {
  @ApiPropertyOptional({ example: 'MX', description: 'Forums this party takes part in' })
  @IsOptional()
  @MaxLength(200)
  party?: string;
}

export class ThemesQueryDto extends PagedQueryDto {}
