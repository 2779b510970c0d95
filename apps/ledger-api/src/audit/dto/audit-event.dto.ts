import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** Event metadata as stored (every member, including those the leaf hash does not cover). */
export class StoredMetadataDto {
  @ApiProperty({ example: 'clerk-ana', description: 'The authenticated principal that recorded the event' })
  recordedBy!: string;
  @ApiProperty({ example: '4f1c2a9e-0c1b-4a57-9a43-2f0a9e1d7c11' })
  correlationId!: string;
  @ApiPropertyOptional({ example: '3b0d6a2e-7f51-8c3e-a1d4-0c9e4f7b2a61', description: 'The event that caused this one' })
  causationId?: string;
  @ApiPropertyOptional({ example: '2017-10', description: 'When it took effect in the world (partial date)' })
  effectiveOn?: string;
  @ApiProperty({ example: 1 })
  schemaVersion!: number;
  @ApiPropertyOptional({ example: '0b9e1c52-7a51-4d0e-9d57-4c1f6a0e2b11', description: 'The event this one corrects or retracts' })
  corrects?: string;
  @ApiPropertyOptional({ example: '9f2c…', description: 'Scoped hash of the Idempotency-Key of the request that wrote it (not covered by the leaf hash)' })
  idempotencyKey?: string;
}

/** The 12 members the leaf hash commits to (docs/auditing.md gives the byte layout). */
export class LedgerEnvelopeDto {
  @ApiProperty({ example: 'pledge-us-mx-security-cooperation-group-5-pledge-1' })
  streamId!: string;
  @ApiProperty({ example: 0, description: "The event's revision in its stream (0 = first)" })
  revision!: number;
  @ApiProperty({ example: 17, description: 'Ledger sequence: 1-based rank in the global log, checkpoint events skipped' })
  sequence!: number;
  @ApiProperty({ example: '0b9e1c52-7a51-4d0e-9d57-4c1f6a0e2b11' })
  eventId!: string;
  @ApiProperty({ example: 'PledgeMade' })
  type!: string;
  @ApiProperty({ example: 1 })
  schemaVersion!: number;
  @ApiProperty({ example: '2017-10', nullable: true, type: String, description: 'When the fact took effect in the world (YYYY, YYYY-MM or YYYY-MM-DD)' })
  effectiveOn!: string | null;
  @ApiProperty({ example: '2025-03-01T09:30:00.123Z', description: "The store's clock, exactly as stored" })
  recordedAt!: string;
  @ApiProperty({ example: 'clerk-ana' })
  recordedBy!: string;
  @ApiProperty({ example: '4f1c2a9e-0c1b-4a57-9a43-2f0a9e1d7c11' })
  correlationId!: string;
  @ApiProperty({ example: null, nullable: true, type: String })
  causationId!: string | null;
  @ApiProperty({ example: null, nullable: true, type: String, description: 'Id of the event this one corrects or retracts' })
  corrects!: string | null;
}

export class AuditEventDto {
  @ApiProperty({ example: 17, description: 'Ledger sequence (also envelope.sequence)' })
  sequence!: number;
  @ApiProperty({ example: '19', description: 'Store position (decimal string; what `cursor` pages by). Equal to the sequence only while no checkpoint event precedes it' })
  position!: string;
  @ApiProperty({ type: LedgerEnvelopeDto })
  envelope!: LedgerEnvelopeDto;
  @ApiProperty({ type: 'object', additionalProperties: true, example: { pledgeId: 'us-mx-security-cooperation-group-5-pledge-1', status: 'in_progress' }, description: "The event's payload; its shape is the event type's (see the domain events)" })
  data!: Record<string, unknown>;
  @ApiProperty({ type: StoredMetadataDto, description: 'The full stored metadata, including members the leaf hash does not cover (idempotencyKey)' })
  metadata!: StoredMetadataDto;
  @ApiProperty({
    example: '033ff4cae0e4d2bfdc6ccd922f566080f40fae1779cf9ac30609e26c16b68e8c',
    description: 'The leaf hash the ledger recorded for this sequence (lowercase hex). Recompute it from envelope and data: a difference means the stored event was altered',
  })
  leafHash!: string;
}

export class AuditEventPageDto {
  @ApiProperty({ type: [AuditEventDto] })
  items!: AuditEventDto[];
  @ApiProperty({
    example: '118',
    nullable: true,
    type: String,
    description: 'Pass as `cursor` for the next page; null at the end of the log. A page may hold fewer than `limit` items (filters scan at most 10 000 events per request) and still have a next cursor',
  })
  nextCursor!: string | null;
  @ApiProperty({ example: 240, description: 'Ledger entries indexed when the page was read (the current tree size)' })
  treeSize!: number;
}

export class StreamHistoryDto {
  @ApiProperty({ example: 'pledge-us-mx-security-cooperation-group-5-pledge-1' })
  streamId!: string;
  @ApiProperty({ example: 2, description: "The stream's last revision" })
  revision!: number;
  @ApiProperty({ type: [AuditEventDto], description: 'Every event of the stream, by revision' })
  events!: AuditEventDto[];
}
