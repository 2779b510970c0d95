import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { MONEY_FIRMNESSES, PLEDGE_STATUSES, type InitialPledgeStatus, type MoneyFirmness, type PledgeStatus } from '@concordat/domain';
import type { MoneyFactItem, PledgeItem, VoidedEntry } from '@concordat/read-models';
import { CorrectionNoteView, PageInfoView, PartialDateView, ReadContextView, RetractionNoteView, SourceRefView, TimelineStepView } from './common.response';

const CYBER = 'us-mx-security-cooperation-group-3-pledge-1';

export class MoneyFactView implements MoneyFactItem {
  @ApiProperty({ example: 'entry-2' })
  entryId!: string;
  @ApiProperty({ enum: MONEY_FIRMNESSES, enumName: 'MoneyFirmness', example: 'allocated' })
  firmness!: MoneyFirmness;
  @ApiProperty({ example: '2800000000', description: 'Decimal string' })
  amount!: string;
  @ApiProperty({ example: 'USD' })
  currency!: string;
  @ApiProperty({ type: PartialDateView })
  asOf!: PartialDateView;
  @ApiProperty({ type: String, nullable: true, example: 'FY 2008-17' })
  note!: string | null;
  @ApiProperty({ type: SourceRefView })
  evidence!: SourceRefView;
  @ApiProperty({ example: '2025-02-14T09:30:00.000Z', format: 'date-time' })
  recordedAt!: string;
  @ApiProperty({ type: [CorrectionNoteView] })
  corrections!: CorrectionNoteView[];
}

export class VoidedEntryView implements VoidedEntry {
  @ApiProperty({ example: 'entry-5' })
  entryId!: string;
  @ApiProperty({ enum: PLEDGE_STATUSES, enumName: 'PledgeStatus', example: 'fulfilled' })
  status!: PledgeStatus;
  @ApiProperty({ type: PartialDateView })
  effectiveOn!: PartialDateView;
  @ApiProperty({ example: 'working group report' })
  reason!: string;
  @ApiProperty({ type: RetractionNoteView, nullable: true })
  retraction!: RetractionNoteView | null;
}

/** A pledge on the commitments board (and, with asOf/knownAt, the detail answer). */
@ApiSchema({ name: 'PledgeV2', description: 'Shape 2 (issue 9): counts and the first references instead of whole lists; coverage, attribution and beyond-the-record marks' })
export class PledgeView implements PledgeItem {
  @ApiProperty({ example: CYBER })
  id!: string;
  @ApiProperty({ example: 1, description: 'Stream revision as known at knownAt; the detail answer sends it as ETag for If-Match' })
  revision!: number;
  @ApiProperty({ example: 'Set up a bilateral Cybersecurity working group to share best practices' })
  description!: string;
  @ApiProperty({ type: [String], example: ['US', 'MX'] })
  by!: string[];
  @ApiProperty({ type: [String], example: [] })
  accountable!: string[];
  @ApiProperty({ type: [String], example: [] })
  implementers!: string[];
  @ApiProperty({ type: [String], example: [] })
  beneficiaries!: string[];
  @ApiProperty({ type: [String], example: ['cybersecurity'] })
  themes!: string[];
  @ApiProperty({ type: String, nullable: true, example: 'us-mx-security-cooperation-group' })
  forum!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'U.S.-Mexico Security Cooperation Group' })
  forumName!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'us-mx-security-cooperation-group-3' })
  meetingId!: string | null;
  @ApiProperty({ type: PartialDateView })
  madeOn!: PartialDateView;
  @ApiProperty({ type: PartialDateView, nullable: true })
  dueDate!: PartialDateView | null;
  @ApiProperty({ enum: ['proposed', 'agreed', 'not_yet_assessed'], enumName: 'InitialPledgeStatus', example: 'agreed' })
  initialStatus!: InitialPledgeStatus;
  @ApiProperty({ enum: PLEDGE_STATUSES, enumName: 'PledgeStatus', example: 'in_progress', description: 'Status in effect on asOf' })
  status!: PledgeStatus;
  @ApiProperty({ example: 731, description: 'Days from the end of madeOn\'s period to asOf (or today)' })
  ageDays!: number;
  @ApiProperty({ type: TimelineStepView, nullable: true, description: 'Latest status change that counts; null while the initial status stands' })
  lastChange!: TimelineStepView | null;
  @ApiProperty({ type: [SourceRefView], description: 'The pledge\'s source, then the evidence of each status change and money fact' })
  evidence!: SourceRefView[];
  @ApiProperty({ type: [TimelineStepView], description: 'Initial status, then each status change in effect order' })
  history!: TimelineStepView[];
  @ApiProperty({ type: [MoneyFactView] })
  money!: MoneyFactView[];
  @ApiProperty({ type: [VoidedEntryView], description: 'Status changes retracted as entered in error: shown, never counted' })
  voidedEntries!: VoidedEntryView[];
  @ApiProperty({ type: [String], example: ['MX', 'US'], description: 'The countries among by and accountable: credit reaches a government only through them' })
  countries!: string[];
  @ApiProperty({ type: [String], example: ['MX-pena-nieto', 'US-obama'], description: 'Administrations of those countries whose term overlaps madeOn\'s interval' })
  administrations!: string[];
  @ApiProperty({ enum: ['certain', 'uncertain', 'none'], example: 'certain', description: '`uncertain` when the date\'s interval spans a handover (or a term\'s edge): credited to every candidate; `none` without a country party' })
  attribution!: 'certain' | 'uncertain' | 'none';
  @ApiProperty({ type: [String], example: [], description: 'The administrations it may fall in, when uncertain' })
  candidates!: string[];
  @ApiProperty({ type: SourceRefView })
  source!: SourceRefView;
  @ApiProperty({ example: '2025-02-14T09:30:00.000Z', format: 'date-time' })
  recordedAt!: string;
  @ApiProperty({ example: 'clerk-ana' })
  recordedBy!: string;
  @ApiProperty({ type: [CorrectionNoteView] })
  corrections!: CorrectionNoteView[];
  @ApiProperty({ type: RetractionNoteView, nullable: true, description: 'Set when the whole pledge was retracted as recorded in error' })
  retraction!: RetractionNoteView | null;
}

@ApiSchema({ name: 'PledgeDetailV2', description: 'Shape 2 (issue 9): counts and the first references instead of whole lists; coverage, attribution and beyond-the-record marks' })
export class PledgeDetailView extends PledgeView {
  @ApiProperty({ example: '2016-12-31', format: 'date' })
  asOf!: string;
  @ApiProperty({ type: String, nullable: true, example: null, format: 'date-time' })
  knownAt!: string | null;
}

@ApiSchema({ name: 'PledgeListV2', description: 'Shape 2 (issue 9): counts and the first references instead of whole lists; coverage, attribution and beyond-the-record marks' })
export class PledgeListView extends ReadContextView {
  @ApiProperty({ type: [PledgeView] })
  items!: PledgeView[];
  @ApiProperty({ type: PageInfoView })
  page!: PageInfoView;
}
