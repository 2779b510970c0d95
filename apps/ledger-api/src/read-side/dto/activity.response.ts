import { ApiProperty } from '@nestjs/swagger';
import { PLEDGE_STATUSES, type PledgeStatus } from '@concordat/domain';
import type { ForumActivityRow, InheritedPledge, InheritedRow, MeetingGap, YearCount } from '@concordat/read-models';
import { AdministrationRefView, MeetingRefView, PageInfoView, ReadContextView, TimelineStepView } from './common.response';

export class InheritedPledgeView implements InheritedPledge {
  @ApiProperty({ example: 'us-mx-security-cooperation-group-3-pledge-1' })
  id!: string;
  @ApiProperty({ example: 'Set up a bilateral Cybersecurity working group to share best practices' })
  description!: string;
  @ApiProperty({ type: [String], example: ['cybersecurity'] })
  themes!: string[];
  @ApiProperty({ type: [String], example: ['US', 'MX'] })
  by!: string[];
  @ApiProperty({ example: '2015' })
  madeOn!: string;
  @ApiProperty({ type: String, nullable: true, example: 'us-mx-security-cooperation-group-3' })
  meetingId!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'us-mx-security-cooperation-group' })
  forum!: string | null;
  @ApiProperty({ enum: PLEDGE_STATUSES, enumName: 'PledgeStatus', example: 'in_progress', description: 'Open on the last day of the outgoing administration' })
  statusAtHandover!: PledgeStatus;
  @ApiProperty({ enum: PLEDGE_STATUSES, enumName: 'PledgeStatus', example: 'in_progress' })
  outcome!: PledgeStatus;
  @ApiProperty({ example: '2021-01-19', format: 'date', description: 'The successor\'s last day, or asOf while it is in office' })
  outcomeOn!: string;
  @ApiProperty({ type: [TimelineStepView] })
  changesAfterHandover!: TimelineStepView[];
}

export class InheritedRowView implements InheritedRow {
  @ApiProperty({ example: 'US-obama' })
  key!: string;
  @ApiProperty({ type: AdministrationRefView })
  administration!: AdministrationRefView;
  @ApiProperty({ example: '2017-01-19', format: 'date' })
  endedOn!: string;
  @ApiProperty({ type: AdministrationRefView, nullable: true })
  successor!: AdministrationRefView | null;
  @ApiProperty({ type: [InheritedPledgeView] })
  pledges!: InheritedPledgeView[];
}

export class InheritedReportView extends ReadContextView {
  @ApiProperty({ type: [InheritedRowView] })
  items!: InheritedRowView[];
  @ApiProperty({ type: PageInfoView })
  page!: PageInfoView;
}

export class MeetingGapView implements MeetingGap {
  @ApiProperty({ example: 'us-mx-security-cooperation-group-6' })
  fromMeeting!: string;
  @ApiProperty({ type: String, nullable: true, example: null, description: 'Null for the silence from the last meeting to asOf' })
  toMeeting!: string | null;
  @ApiProperty({ example: '2017-10-31', format: 'date' })
  from!: string;
  @ApiProperty({ example: '2019-12-31', format: 'date' })
  to!: string;
  @ApiProperty({ example: 791 })
  days!: number;
}

export class YearCountView implements YearCount {
  @ApiProperty({ example: 2017 })
  year!: number;
  @ApiProperty({ example: 1 })
  meetings!: number;
}

export class ForumActivityRowView implements ForumActivityRow {
  @ApiProperty({ example: 'us-mx-security-cooperation-group' })
  forum!: string;
  @ApiProperty({ type: String, nullable: true, example: 'U.S.-Mexico Security Cooperation Group' })
  forumName!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'standing-group' })
  kind!: string | null;
  @ApiProperty({ example: 3 })
  meetingCount!: number;
  @ApiProperty({ type: String, nullable: true, example: '2015' })
  firstMeetingOn!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '2017-10' })
  lastMeetingOn!: string | null;
  @ApiProperty({ type: [YearCountView], description: 'Every year from the first meeting to asOf, zeros included' })
  perYear!: YearCountView[];
  @ApiProperty({ type: [MeetingRefView] })
  meetings!: MeetingRefView[];
  @ApiProperty({ type: [MeetingGapView], description: 'Between consecutive meetings, then from the last one to asOf' })
  gaps!: MeetingGapView[];
  @ApiProperty({ type: Number, nullable: true, example: 791 })
  longestGapDays!: number | null;
  @ApiProperty({ type: Number, nullable: true, example: 791 })
  daysSinceLastMeeting!: number | null;
}

export class ForumActivityReportView extends ReadContextView {
  @ApiProperty({ type: [ForumActivityRowView] })
  items!: ForumActivityRowView[];
  @ApiProperty({ type: PageInfoView })
  page!: PageInfoView;
}
