import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { MONEY_FIRMNESSES, MONEY_PERIOD_KINDS, PLEDGE_STATUSES, type InitialPledgeStatus, type MoneyFirmness, type MoneyPeriod, type MoneyPeriodDays, type MoneyPeriodKind, type MoneyTotal, type PledgeStatus } from '@concordat/domain';
import type { MoneyFactItem, PledgeItem, VoidedEntry } from '@concordat/read-models';
import { CorrectionNoteView, PageInfoView, PartialDateView, ReadContextView, RetractionNoteView, SourceRefView, TimelineStepView } from './common.response';

const CYBER = 'us-mx-security-cooperation-group-3-pledge-1';

export class MoneyPeriodView implements MoneyPeriod {
  @ApiProperty({
    enum: MONEY_PERIOD_KINDS,
    enumName: 'MoneyPeriodKind',
    example: 'fiscal-years',
    description:
      '`fiscal-years`: U.S. fiscal years from..to (FY N runs N-1-10-01..N-09-30); `span`: dates from..to; ' +
      '`to-date`: cumulative up to `to`, since `from` when the source says; `unstated`: the source gives no period',
  })
  kind!: MoneyPeriodKind;
  @ApiProperty({ type: String, nullable: true, example: '2008', description: 'First fiscal year or first date; null when not stated' })
  from!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '2017', description: 'Last fiscal year or last date; null for `unstated`' })
  to!: string | null;
}

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
  @ApiProperty({
    type: MoneyPeriodView,
    nullable: true,
    description: 'The span of money the amount covers, so a cumulative total and the single-year amounts inside it are told apart; null when none was recorded',
  })
  period!: MoneyPeriodView | null;
  @ApiProperty({ type: String, nullable: true, example: 'FY 2008-17' })
  note!: string | null;
  @ApiProperty({ type: SourceRefView })
  evidence!: SourceRefView;
  @ApiProperty({ example: '2025-02-14T09:30:00.000Z', format: 'date-time' })
  recordedAt!: string;
  @ApiProperty({ type: [CorrectionNoteView] })
  corrections!: CorrectionNoteView[];
}

export class MoneyWithinView {
  @ApiProperty({ example: 'entry-3' })
  entryId!: string;
  @ApiProperty({ example: 'entry-4', description: 'The counted fact whose period contains this one' })
  countedIn!: string;
}

export class MoneyOverlapView {
  @ApiProperty({ example: 'entry-6' })
  entryId!: string;
  @ApiProperty({ example: 'entry-4', description: 'The counted fact whose period this one overlaps (or cannot be told apart from)' })
  overlaps!: string;
}

export class MoneyCoversView implements MoneyPeriodDays {
  @ApiProperty({ type: String, nullable: true, format: 'date', example: '2007-10-01', description: 'First day the counted facts cover; null when not known' })
  from!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date', example: '2017-09-30', description: 'Last day the counted facts cover; null when not known' })
  to!: string | null;
}

/** One firmness and currency of a pledge's money, added up without counting any money twice. */
export class MoneyTotalView implements MoneyTotal {
  @ApiProperty({ enum: MONEY_FIRMNESSES, enumName: 'MoneyFirmness', example: 'allocated' })
  firmness!: MoneyFirmness;
  @ApiProperty({ example: 'USD' })
  currency!: string;
  @ApiProperty({ example: '2800000000', description: 'Decimal string: the sum of the counted facts only' })
  amount!: string;
  @ApiProperty({ type: [String], example: ['entry-4'], description: 'Entry ids added up: their periods share no day' })
  counted!: string[];
  @ApiProperty({ type: [MoneyWithinView], description: 'Not added: the period lies inside a counted fact\'s (a single year inside a cumulative total)' })
  within!: MoneyWithinView[];
  @ApiProperty({ type: [MoneyOverlapView], description: 'Not added: the period overlaps a counted fact\'s without lying inside it (another account of the same money), or is not known well enough to tell' })
  overlapping!: MoneyOverlapView[];
  @ApiProperty({ type: MoneyCoversView })
  covers!: MoneyCoversView;
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
  @ApiProperty({
    type: [MoneyTotalView],
    description: 'money added up per firmness and currency: a cumulative total is never added to the single-year amounts inside it, nor two overlapping accounts of the same money to each other',
  })
  moneyTotals!: MoneyTotalView[];
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
