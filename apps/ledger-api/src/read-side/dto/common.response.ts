import { ApiProperty } from '@nestjs/swagger';
import { PLEDGE_STATUSES, type PledgeStatus } from '@concordat/domain';
import type { AdministrationRef, CorrectionNote, MeetingRef, PageInfo, PledgeRef, RetractionNote, TimelineStep } from '@concordat/read-models';

/** Shapes nested in many answers. Each class `implements` the read-models type it documents, so the two cannot drift. */
export class SourceRefView {
  @ApiProperty({ example: '000_3fdbd5733350c650.txt', description: 'Seed document file name, URL, or public-record' })
  document!: string;
  @ApiProperty({ type: String, nullable: true, example: 'paragraph 1' })
  locator!: string | null;
  @ApiProperty({ type: String, nullable: true, example: "Last Friday I hosted the Administration's fifth meeting of the U.S.-Mexico Security Cooperation Group (SCG) in Washington" })
  quote!: string | null;
  @ApiProperty({ type: String, nullable: true, example: null })
  note!: string | null;
}

export class PartialDateView {
  @ApiProperty({ example: '2016', description: 'YYYY, YYYY-MM, YYYY-MM-DD or an EDTF interval (2012/2016); counts at the END of its period for asOf, falls in every administration its interval overlaps' })
  date!: string;
  @ApiProperty({ example: true })
  approximate!: boolean;
  @ApiProperty({ type: String, nullable: true, example: 'sets key priorities for 2017; follows the July 2016 presidential meeting' })
  reasoning!: string | null;
}

export class CorrectionNoteView implements CorrectionNote {
  @ApiProperty({ example: '3b0d6a2e-7f51-4c3e-a1d4-0c9e4f7b2a61' })
  eventId!: string;
  @ApiProperty({ example: '48', description: 'Global log position of the correction event' })
  position!: string;
  @ApiProperty({ example: '2025-03-02T10:15:00.000Z', format: 'date-time' })
  recordedAt!: string;
  @ApiProperty({ example: 'clerk-ana' })
  recordedBy!: string;
  @ApiProperty({ example: 'the source says resurrected, not lapsed' })
  reason!: string;
  @ApiProperty({ type: [String], example: ['status'] })
  fields!: string[];
}

export class RetractionNoteView implements RetractionNote {
  @ApiProperty({ example: '9f3e1c52-2b7a-4d8e-9c41-5a0b7e6d2f13' })
  eventId!: string;
  @ApiProperty({ example: '51' })
  position!: string;
  @ApiProperty({ example: '2025-03-02T10:20:00.000Z', format: 'date-time' })
  recordedAt!: string;
  @ApiProperty({ example: 'clerk-ana' })
  recordedBy!: string;
  @ApiProperty({ example: 'Entered twice by mistake' })
  reason!: string;
}

export class PageInfoView implements PageInfo {
  @ApiProperty({ example: 100 })
  limit!: number;
  @ApiProperty({ example: 0 })
  offset!: number;
  @ApiProperty({ example: 7, description: 'Rows after the cursor (or in all), before limit and offset; counted up to 1,000' })
  total!: number;
  @ApiProperty({ example: true, description: 'False when there are more than 1,000 rows: total then reads "at least"' })
  totalExact!: boolean;
  @ApiProperty({ type: String, nullable: true, example: null, description: 'Pass as `cursor` for the next page; null on the last page' })
  nextCursor!: string | null;
}

export class AdministrationRefView implements AdministrationRef {
  @ApiProperty({ example: 'US-obama' })
  id!: string;
  @ApiProperty({ example: 'US' })
  country!: string;
  @ApiProperty({ example: 'Barack Obama' })
  leader!: string;
  @ApiProperty({ example: '2009-01-20', format: 'date' })
  startedOn!: string;
  @ApiProperty({ type: String, nullable: true, example: '2017-01-19', description: 'Last day in office; null while in office on asOf' })
  endedOn!: string | null;
}

export class MeetingRefView implements MeetingRef {
  @ApiProperty({ example: 'us-mx-security-cooperation-group-5' })
  id!: string;
  @ApiProperty({ example: 'us-mx-security-cooperation-group' })
  forum!: string;
  @ApiProperty({ example: 'Fifth meeting of the U.S.-Mexico Security Cooperation Group' })
  title!: string;
  @ApiProperty({ example: '2016', description: 'Partial date as recorded' })
  heldOn!: string;
}

export class PledgeRefView implements PledgeRef {
  @ApiProperty({ example: 'us-mx-security-cooperation-group-3-pledge-1' })
  id!: string;
  @ApiProperty({ example: 'Set up a bilateral Cybersecurity working group to share best practices' })
  description!: string;
  @ApiProperty({ example: '2015' })
  madeOn!: string;
  @ApiProperty({ enum: PLEDGE_STATUSES, enumName: 'PledgeStatus', example: 'in_progress' })
  status!: PledgeStatus;
  @ApiProperty({ type: String, nullable: true, example: 'us-mx-security-cooperation-group-3' })
  meetingId!: string | null;
}

export class TimelineStepView implements TimelineStep {
  @ApiProperty({ type: String, nullable: true, example: 'entry-7', description: 'Null for the initial status (in effect from madeOn)' })
  entryId!: string | null;
  @ApiProperty({ enum: PLEDGE_STATUSES, enumName: 'PledgeStatus', example: 'in_progress' })
  status!: PledgeStatus;
  @ApiProperty({ enum: PLEDGE_STATUSES, enumName: 'PledgeStatus', nullable: true, example: 'agreed' })
  previousStatus!: PledgeStatus | null;
  @ApiProperty({ type: PartialDateView })
  effectiveOn!: PartialDateView;
  @ApiProperty({ type: String, nullable: true, example: 'working group set up' })
  reason!: string | null;
  @ApiProperty({ type: SourceRefView })
  evidence!: SourceRefView;
  @ApiProperty({ example: '2025-02-14T09:30:00.000Z', format: 'date-time' })
  recordedAt!: string;
  @ApiProperty({ example: 'clerk-ana' })
  recordedBy!: string;
  @ApiProperty({ type: [CorrectionNoteView] })
  corrections!: CorrectionNoteView[];
}

export class CoverageView {
  @ApiProperty({ type: String, nullable: true, example: '2007-10-22', format: 'date', description: 'First day of the facts held (meetings, pledges, status changes) by asOf' })
  from!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '2019-12-31', format: 'date', description: 'Last day of those facts: what a report would say after it reads `beyond the record`' })
  to!: string | null;
}

/** What every read answer says about the question it answers. */
export class ReadContextView {
  @ApiProperty({ type: CoverageView, description: 'Where the record begins and ends, as of asOf and as known at knownAt' })
  coverage!: CoverageView;
  @ApiProperty({ example: '2016-12-31', format: 'date', description: 'The date the answer is as of (asOf, or today)' })
  asOf!: string;
  @ApiProperty({ type: String, nullable: true, example: null, format: 'date-time', description: 'The knownAt instant, normalized; null for everything recorded' })
  knownAt!: string | null;
}
