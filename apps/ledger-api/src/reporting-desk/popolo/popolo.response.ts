import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { PopoloEvent, PopoloMembership, PopoloOrganization, PopoloPerson, PopoloSource } from './popolo';

/** Popolo's own field names (snake_case), as open-data tools expect them. */
export class PopoloSourceView implements PopoloSource {
  @ApiPropertyOptional({ example: 'https://obamawhitehouse.archives.gov/blog/2016/11/07/partnering-mexico-combat-crime-and-secure-our-borders' })
  url?: string;
  @ApiProperty({ example: '000_3fdbd5733350c650.txt | paragraph 1 | Last Friday I hosted ...' })
  note!: string;
}

export class PopoloNameView {
  @ApiProperty({ example: 'SCG' })
  name!: string;
}

export class PopoloIdentifierView {
  @ApiProperty({ example: 'sequence' })
  scheme!: string;
  @ApiProperty({ example: '5' })
  identifier!: string;
}

export class PopoloOrganizationView implements PopoloOrganization {
  @ApiProperty({ example: 'us-mx-security-cooperation-group' })
  id!: string;
  @ApiProperty({ example: 'U.S.-Mexico Security Cooperation Group' })
  name!: string;
  @ApiProperty({ example: 'standing-group', description: 'A forum kind, or delegation, or agency' })
  classification!: string;
  @ApiPropertyOptional({ type: [PopoloNameView] })
  other_names?: PopoloNameView[];
  @ApiPropertyOptional({ example: 'delegation-mx', description: 'A parent forum, or an agency\'s delegation' })
  parent_id?: string;
  @ApiPropertyOptional({ example: '2015', description: 'ISO 8601, possibly a year or a month' })
  founding_date?: string;
  @ApiPropertyOptional({ example: 'MX', description: 'Country of a delegation or agency' })
  area_id?: string;
  @ApiProperty({ type: [PopoloSourceView] })
  sources!: PopoloSourceView[];
}

export class PopoloPersonView implements PopoloPerson {
  @ApiProperty({ example: 'amy-pope' })
  id!: string;
  @ApiProperty({ example: 'Amy Pope' })
  name!: string;
  @ApiProperty({ type: [PopoloSourceView] })
  sources!: PopoloSourceView[];
}

export class PopoloMembershipView implements PopoloMembership {
  @ApiProperty({ example: 'scg-5-co-chair-amy-pope' })
  id!: string;
  @ApiProperty({ example: 'amy-pope' })
  person_id!: string;
  @ApiProperty({ example: 'us-mx-security-cooperation-group', description: 'The forum' })
  organization_id!: string;
  @ApiProperty({ example: 'delegation-us' })
  on_behalf_of_id!: string;
  @ApiProperty({ example: 'co-chair' })
  role!: string;
  @ApiPropertyOptional({ example: 'Deputy Homeland Security Advisor, National Security Council' })
  label?: string;
  @ApiProperty({ example: '2016-11-04', description: 'The meeting\'s date, as recorded' })
  start_date!: string;
  @ApiProperty({ example: '2016-11-04' })
  end_date!: string;
}

export class PopoloEventView implements PopoloEvent {
  @ApiProperty({ example: 'scg-5' })
  id!: string;
  @ApiProperty({ example: 'Fifth meeting of the U.S.-Mexico Security Cooperation Group' })
  name!: string;
  @ApiProperty({ example: 'meeting' })
  classification!: string;
  @ApiProperty({ example: '2016-11-04' })
  start_date!: string;
  @ApiProperty({ example: 'us-mx-security-cooperation-group' })
  organization_id!: string;
  @ApiPropertyOptional({ example: 'Washington' })
  location?: string;
  @ApiPropertyOptional({ type: [PopoloIdentifierView] })
  identifiers?: PopoloIdentifierView[];
  @ApiProperty({ type: [PopoloSourceView] })
  sources!: PopoloSourceView[];
}

export class PopoloView {
  @ApiProperty({ example: '2019-06-30', format: 'date' })
  asOf!: string;
  @ApiProperty({ type: String, nullable: true, example: null, format: 'date-time' })
  knownAt!: string | null;
  @ApiProperty({ type: [PopoloOrganizationView], description: 'Forums (classification = forum kind), delegations and their agencies' })
  organizations!: PopoloOrganizationView[];
  @ApiProperty({ type: [PopoloPersonView], description: 'Co-chairs' })
  persons!: PopoloPersonView[];
  @ApiProperty({ type: [PopoloMembershipView], description: 'A co-chair\'s seat at one meeting: a membership of the forum on behalf of a delegation' })
  memberships!: PopoloMembershipView[];
  @ApiProperty({ type: [PopoloEventView], description: 'Meetings' })
  events!: PopoloEventView[];
}
