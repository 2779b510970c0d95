import { ApiProperty } from '@nestjs/swagger';

export class StreamRevisionDto {
  @ApiProperty({ example: 'meeting-us-mx-security-cooperation-group-5' })
  streamId!: string;
  @ApiProperty({ example: 0, description: 'Revision of the stream after this write; send it back as If-Match: "0"' })
  revision!: number;
}

export class WrittenEventDto {
  @ApiProperty({ example: '3b0d6a2e-7f51-8c3e-a1d4-0c9e4f7b2a61' })
  id!: string;
  @ApiProperty({ example: 'MinutesRecorded' })
  type!: string;
  @ApiProperty({ example: 'meeting-us-mx-security-cooperation-group-5' })
  streamId!: string;
}

/** What every write answers: the ids it created, each stream's new revision, and the global position reached. */
export class WriteResultDto {
  @ApiProperty({ example: 'us-mx-security-cooperation-group-5', description: 'Id of the record written' })
  id!: string;
  @ApiProperty({ type: [StreamRevisionDto] })
  streams!: StreamRevisionDto[];
  @ApiProperty({ type: [WrittenEventDto] })
  events!: WrittenEventDto[];
  @ApiProperty({ example: '42', description: 'Global log position reached; pass it as minPosition to read your own write' })
  position!: string;
  @ApiProperty({ example: [], type: [String], description: 'Entry ids of status changes or money facts created (for later corrections)' })
  entryIds!: string[];
}

export class MinutesRecordedDto extends WriteResultDto {
  @ApiProperty({ example: 'us-mx-security-cooperation-group-5' })
  meetingId!: string;
  @ApiProperty({ example: ['us-mx-security-cooperation-group-5-pledge-1'], type: [String] })
  pledgeIds!: string[];
}
