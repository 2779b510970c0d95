import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { PLEDGE_STATUSES, type PledgeStatus } from '@concordat/domain';
import type { ForumActivityRow, InheritedPledge, InheritedRow, MeetingGap, MeetingMark, OutcomeCount, Silence, YearCount } from '@concordat/read-models';
import { AdministrationRefView, CoverageView, PageInfoView, ReadContextView } from './common.response';

const RECORD = { enum: ['within the record', 'beyond the record'], example: 'within the record' } as const;
type Record_ = 'within the record' | 'beyond the record';

@ApiSchema({ name: 'InheritedPledgeV2', description: 'Shape 2 (issue 9): counts and the first references instead of whole lists; coverage, attribution and beyond-the-record marks' })
export class InheritedPledgeView implements InheritedPledge {
  @ApiProperty({ example: 'us-mx-security-cooperation-group-3-pledge-1' })
  id!: string;
  @ApiProperty({ example: 'Set up a bilateral Cybersecurity working group to share best practices' })
  description!: string;
  @ApiProperty({ example: '2015' })
  madeOn!: string;
  @ApiProperty({ enum: PLEDGE_STATUSES, enumName: 'PledgeStatus', example: 'in_progress', description: 'Open on the last day of the outgoing administration' })
  statusAtHandover!: PledgeStatus;
  @ApiProperty({ enum: PLEDGE_STATUSES, enumName: 'PledgeStatus', example: 'in_progress', description: 'On outcomeOn' })
  outcome!: PledgeStatus;
}

export class OutcomeCountView implements OutcomeCount {
  @ApiProperty({ enum: PLEDGE_STATUSES, enumName: 'PledgeStatus', example: 'in_progress' })
  status!: PledgeStatus;
  @ApiProperty({ example: 4 })
  pledges!: number;
}

@ApiSchema({ name: 'InheritedRowV2', description: 'Shape 2 (issue 9): counts and the first references instead of whole lists; coverage, attribution and beyond-the-record marks' })
export class InheritedRowView implements InheritedRow {
  @ApiProperty({ example: 'US-obama' })
  key!: string;
  @ApiProperty({ type: AdministrationRefView })
  administration!: AdministrationRefView;
  @ApiProperty({ example: '2017-01-19', format: 'date' })
  endedOn!: string;
  @ApiProperty({ type: AdministrationRefView, nullable: true })
  successor!: AdministrationRefView | null;
  @ApiProperty({ ...RECORD, description: '`beyond the record`: the handover lies after the record\'s last fact; nothing is counted as handed over' })
  record!: Record_;
  @ApiProperty({ example: 12, description: 'Pledges involving the country (through its country parties, by and accountable) open on its last day' })
  open!: number;
  @ApiProperty({ type: String, nullable: true, example: '2019-12-31', format: 'date', description: "The successor's end, or asOf while it is in office; never after the record's last day" })
  outcomeOn!: string | null;
  @ApiProperty({ ...RECORD, description: '`beyond the record`: the successor\'s end (or asOf) lies after the record\'s last fact, so outcomes are read on its last day' })
  outcomeRecord!: Record_;
  @ApiProperty({ type: [OutcomeCountView], description: 'How many of the open pledges stood in each status on outcomeOn' })
  outcomes!: OutcomeCountView[];
  @ApiProperty({ type: [InheritedPledgeView], description: 'The first few (at most 3); `list` gives them all' })
  pledges!: InheritedPledgeView[];
  @ApiProperty({ example: '/v1/pledges?asOf=2017-01-19&country=US&status=not_yet_assessed,agreed,in_progress,stalled,suspended,partially_fulfilled' })
  list!: string;
}

@ApiSchema({ name: 'InheritedReportV2', description: 'Shape 2 (issue 9): counts and the first references instead of whole lists; coverage, attribution and beyond-the-record marks' })
export class InheritedReportView extends ReadContextView {
  @ApiProperty({ type: [InheritedRowView] })
  items!: InheritedRowView[];
  @ApiProperty({ type: PageInfoView })
  page!: PageInfoView;
}

@ApiSchema({ name: 'MeetingGapV2', description: 'Shape 2 (issue 9): counts and the first references instead of whole lists; coverage, attribution and beyond-the-record marks' })
export class MeetingGapView implements MeetingGap {
  @ApiProperty({ example: 'us-mx-security-cooperation-group-2' })
  fromMeeting!: string;
  @ApiProperty({ example: 'us-mx-security-cooperation-group-4' })
  toMeeting!: string;
  @ApiProperty({ example: '2013-10-31', format: 'date' })
  from!: string;
  @ApiProperty({ example: '2015-07-10', format: 'date' })
  to!: string;
  @ApiProperty({ example: 617 })
  days!: number;
  @ApiProperty({ example: 1, description: 'Sittings known by their sequence number inside the gap but not on the record' })
  unrecordedMeetings!: number;
}

export class SilenceView implements Silence {
  @ApiProperty({ example: 'us-mx-security-cooperation-group-6' })
  fromMeeting!: string;
  @ApiProperty({ example: '2017-10-31', format: 'date' })
  from!: string;
  @ApiProperty({ example: '2019-12-31', format: 'date', description: "asOf, or the record's last day when asOf lies beyond it" })
  to!: string;
  @ApiProperty({ example: 791 })
  days!: number;
  @ApiProperty({ example: true, description: 'asOf lies beyond the record: the silence after `to` is not on the record either way' })
  continuesBeyondRecord!: boolean;
}

@ApiSchema({ name: 'YearCountV2', description: 'Shape 2 (issue 9): counts and the first references instead of whole lists; coverage, attribution and beyond-the-record marks' })
export class YearCountView implements YearCount {
  @ApiProperty({ example: 2017 })
  year!: number;
  @ApiProperty({ example: 1 })
  meetings!: number;
  @ApiProperty({ ...RECORD, description: '`beyond the record`: the year begins after the record\'s last fact; a zero there is not a finding' })
  record!: Record_;
}

export class MeetingMarkView implements MeetingMark {
  @ApiProperty({ example: 'us-mx-security-cooperation-group-5' })
  id!: string;
  @ApiProperty({ example: 'Fifth meeting of the U.S.-Mexico Security Cooperation Group' })
  title!: string;
  @ApiProperty({ type: Number, nullable: true, example: 5 })
  sequence!: number | null;
  @ApiProperty({ example: '2016' })
  heldOn!: string;
}

export class UnrecordedSequencesView {
  @ApiProperty({ example: 1 })
  count!: number;
  @ApiProperty({ type: [Number], example: [3], description: 'The first (at most 10)' })
  first!: number[];
}

@ApiSchema({ name: 'ForumActivityRowV2', description: 'Shape 2 (issue 9): counts and the first references instead of whole lists; coverage, attribution and beyond-the-record marks' })
export class ForumActivityRowView implements ForumActivityRow {
  @ApiProperty({ example: 'us-mx-security-cooperation-group' })
  forum!: string;
  @ApiProperty({ type: String, nullable: true, example: 'U.S.-Mexico Security Cooperation Group' })
  forumName!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'standing-group' })
  kind!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '2008', description: 'Years are counted from here (from the first meeting when unknown)' })
  establishedOn!: string | null;
  @ApiProperty({ type: CoverageView, description: "The forum's own facts: its meetings and pledges" })
  coverage!: CoverageView;
  @ApiProperty({ example: 3 })
  meetingCount!: number;
  @ApiProperty({ type: String, nullable: true, example: '2015' })
  firstMeetingOn!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '2017-10' })
  lastMeetingOn!: string | null;
  @ApiProperty({ type: [YearCountView], description: 'Every year from establishment to asOf, zeros included' })
  perYear!: YearCountView[];
  @ApiProperty({ type: UnrecordedSequencesView, description: 'Sequence numbers below the highest recorded that no recorded meeting carries' })
  unrecordedSequences!: UnrecordedSequencesView;
  @ApiProperty({ example: 4 })
  gapCount!: number;
  @ApiProperty({ type: [MeetingGapView], description: 'The longest gaps between consecutive recorded meetings (at most 3)' })
  longestGaps!: MeetingGapView[];
  @ApiProperty({ type: Number, nullable: true, example: 617 })
  longestGapDays!: number | null;
  @ApiProperty({ type: SilenceView, nullable: true, description: 'From the last meeting to asOf, cut at the record\'s last day' })
  silence!: SilenceView | null;
  @ApiProperty({ type: Number, nullable: true, example: 791, description: 'silence.days: from the last meeting to asOf, cut at the record\'s last day' })
  daysSinceLastMeeting!: number | null;
  @ApiProperty({ type: [MeetingMarkView], description: 'The first meetings (at most 3)' })
  firstMeetings!: MeetingMarkView[];
  @ApiProperty({ type: [MeetingMarkView], description: 'The last meetings (at most 3; empty when firstMeetings holds them all)' })
  lastMeetings!: MeetingMarkView[];
  @ApiProperty({ example: '/v1/meetings?forum=us-mx-security-cooperation-group&asOf=2019-12-31' })
  list!: string;
}

@ApiSchema({ name: 'ForumActivityReportV2', description: 'Shape 2 (issue 9): counts and the first references instead of whole lists; coverage, attribution and beyond-the-record marks' })
export class ForumActivityReportView extends ReadContextView {
  @ApiProperty({ type: [ForumActivityRowView] })
  items!: ForumActivityRowView[];
  @ApiProperty({ type: PageInfoView })
  page!: PageInfoView;
}
