import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { PLEDGE_STATUSES, type PledgeStatus } from '@concordat/domain';
import type { MeetingDetail, MeetingItem, MeetingPledge, PriorityItem } from '@concordat/read-models';
import { CorrectionNoteView, PageInfoView, PartialDateView, ReadContextView, RetractionNoteView, SourceRefView } from './common.response';

export class CoChairView {
  @ApiProperty({ example: 'Amy Pope' })
  name!: string;
  @ApiProperty({ type: String, nullable: true, example: 'Deputy Homeland Security Advisor' })
  title!: string | null;
  @ApiProperty({ example: 'US' })
  country!: string;
  @ApiProperty({ type: String, nullable: true, example: 'National Security Council' })
  organization!: string | null;
}

export class DelegationView {
  @ApiProperty({ example: 'US' })
  country!: string;
  @ApiProperty({ type: [String], example: [] })
  agencies!: string[];
  @ApiProperty({ type: String, nullable: true, example: 'eleven departments and agencies' })
  note!: string | null;
}

export class PriorityItemView implements PriorityItem {
  @ApiProperty({ example: 'counter-narcotics' })
  theme!: string;
  @ApiProperty({ type: String, nullable: true, example: 'Counter-narcotics' })
  themeName!: string | null;
  @ApiProperty({ example: 'stem heroin production and reduce demand for illicit opioids' })
  statement!: string;
  @ApiProperty({ type: SourceRefView })
  source!: SourceRefView;
}

export class MeetingPledgeView implements MeetingPledge {
  @ApiProperty({ example: 'us-mx-security-cooperation-group-5-pledge-1' })
  id!: string;
  @ApiProperty({ type: String, nullable: true, example: 'Continue holding the SCG to coordinate security programming' })
  description!: string | null;
  @ApiProperty({ type: [String], example: ['security-coordination'] })
  themes!: string[];
  @ApiProperty({ enum: PLEDGE_STATUSES, enumName: 'PledgeStatus', nullable: true, example: 'agreed', description: 'On asOf; null if retracted or not yet on record' })
  status!: PledgeStatus | null;
}

@ApiSchema({ name: 'MeetingV2', description: 'Shape 2 (issue 9): counts and the first references instead of whole lists; coverage, attribution and beyond-the-record marks' })
export class MeetingView implements MeetingItem {
  @ApiProperty({ example: 'us-mx-security-cooperation-group-5' })
  id!: string;
  @ApiProperty({ example: 0, description: 'Stream revision as known at knownAt; the detail answer sends it as ETag for If-Match' })
  revision!: number;
  @ApiProperty({ example: 'us-mx-security-cooperation-group' })
  forum!: string;
  @ApiProperty({ type: String, nullable: true, example: 'U.S.-Mexico Security Cooperation Group' })
  forumName!: string | null;
  @ApiProperty({ example: 'Fifth meeting of the U.S.-Mexico Security Cooperation Group' })
  title!: string;
  @ApiProperty({ type: Number, nullable: true, example: 5 })
  sequence!: number | null;
  @ApiProperty({ type: PartialDateView })
  heldOn!: PartialDateView;
  @ApiProperty({ type: String, nullable: true, example: 'Washington, D.C.' })
  place!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'US' })
  hostCountry!: string | null;
  @ApiProperty({ type: [String], example: ['counter-narcotics', 'human-smuggling', 'police-professionalization'] })
  themes!: string[];
  @ApiProperty({ type: [String], example: ['MX', 'US'] })
  countries!: string[];
  @ApiProperty({ type: [String], example: ['us-mx-security-cooperation-group-5-pledge-1'] })
  pledgeIds!: string[];
  @ApiProperty({ type: [String], example: ['MX-pena-nieto', 'US-obama'], description: 'Administrations of the countries taking part whose term overlaps the meeting\'s date interval' })
  administrations!: string[];
  @ApiProperty({ enum: ['certain', 'uncertain', 'none'], example: 'certain', description: '`uncertain` when the date\'s interval spans a handover (or a term\'s edge): credited to every candidate; `none` without a country party' })
  attribution!: 'certain' | 'uncertain' | 'none';
  @ApiProperty({ type: [String], example: [], description: 'The administrations it may fall in, when uncertain' })
  candidates!: string[];
  @ApiProperty({ example: '2025-02-14T09:30:00.000Z', format: 'date-time' })
  recordedAt!: string;
}

@ApiSchema({ name: 'MeetingDetailV2', description: 'Shape 2 (issue 9): counts and the first references instead of whole lists; coverage, attribution and beyond-the-record marks' })
export class MeetingDetailView extends MeetingView implements MeetingDetail {
  @ApiProperty({ type: [CoChairView] })
  coChairs!: CoChairView[];
  @ApiProperty({ type: [DelegationView] })
  delegations!: DelegationView[];
  @ApiProperty({ type: String, nullable: true, example: null })
  summary!: string | null;
  @ApiProperty({ type: [PriorityItemView] })
  priorities!: PriorityItemView[];
  @ApiProperty({ type: [MeetingPledgeView] })
  pledges!: MeetingPledgeView[];
  @ApiProperty({ type: SourceRefView })
  source!: SourceRefView;
  @ApiProperty({ example: 'clerk-ana' })
  recordedBy!: string;
  @ApiProperty({ type: [CorrectionNoteView] })
  corrections!: CorrectionNoteView[];
  @ApiProperty({ type: RetractionNoteView, nullable: true })
  retraction!: RetractionNoteView | null;
  @ApiProperty({ example: '2016-12-31', format: 'date' })
  asOf!: string;
  @ApiProperty({ type: String, nullable: true, example: null, format: 'date-time' })
  knownAt!: string | null;
}

@ApiSchema({ name: 'MeetingListV2', description: 'Shape 2 (issue 9): counts and the first references instead of whole lists; coverage, attribution and beyond-the-record marks' })
export class MeetingListView extends ReadContextView {
  @ApiProperty({ type: [MeetingView] })
  items!: MeetingView[];
  @ApiProperty({ type: PageInfoView })
  page!: PageInfoView;
}
