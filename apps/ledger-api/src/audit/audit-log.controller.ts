import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { NoStore } from '../auth/no-store';
import { RequireRole } from '../auth/roles.decorator';
import { AuditorErrors } from './audit-docs';
import { AuditExportService } from './audit-export.service';
import { AuditLogService } from './audit-log.service';
import { AuditEventPageDto, StreamHistoryDto } from './dto/audit-event.dto';
import { AuditEventsQuery, ExportQuery } from './dto/audit-query.dto';

const EXPORT_EXAMPLE = [
  '{"sequence":1,"envelope":{"streamId":"forum-us-mx-security-cooperation-group","revision":0,"sequence":1,"eventId":"…","type":"ForumRegistered","schemaVersion":1,"effectiveOn":null,"recordedAt":"2025-03-01T09:30:00.123Z","recordedBy":"clerk-ana","correlationId":"…","causationId":null,"corrects":null},"data":{…},"leafHash":"…"}',
  '{"checkpoint":{"origin":"concordat","treeSize":1,"rootHash":"…","issuedAt":"2025-03-01T09:30:01.000Z","signature":"…","keyId":"9f86d081884c7d65"}}',
].join('\n');

@ApiTags('auditor: log')
@Controller('v1/audit')
@RequireRole('auditor')
@NoStore()
export class AuditLogController {
  constructor(
    private readonly log: AuditLogService,
    private readonly exporter: AuditExportService,
  ) {}

  @Get('events')
  @ApiOperation({
    summary: 'The global log in ledger order, paged by store position',
    description: 'Every ledger entry (checkpoint events excluded) with its full envelope, data, metadata, ledger sequence and the leaf hash the ledger recorded. Filters combine with AND.',
  })
  @ApiOkResponse({ type: AuditEventPageDto })
  @AuditorErrors(400)
  events(@Query() query: AuditEventsQuery): Promise<AuditEventPageDto> {
    return this.log.page(query);
  }

  @Get('streams/:streamId')
  @ApiOperation({ summary: "One stream's events, by revision, each with its ledger sequence and leaf hash" })
  @ApiParam({ name: 'streamId', example: 'pledge-us-mx-security-cooperation-group-5-pledge-1' })
  @ApiOkResponse({ type: StreamHistoryDto })
  @AuditorErrors(404)
  stream(@Param('streamId') streamId: string): Promise<StreamHistoryDto> {
    return this.log.stream(streamId);
  }

  @Get('export')
  @ApiOperation({
    summary: 'NDJSON export for offline verification (`concordat verify`)',
    description:
      'Streamed, one JSON object per line: one log entry per ledger sequence from..to ({sequence, envelope, data, leafHash}), then every signed checkpoint ({checkpoint}), ' +
      'then — only for a partial export — a consistency proof between consecutive checkpoints ({consistencyProof}) and an inclusion proof of each entry in the newest checkpoint ({inclusionProof}). ' +
      'A checkpoint is issued first if entries are uncovered. Format: docs/auditing.md.',
  })
  @ApiOkResponse({ description: 'NDJSON lines', content: { 'application/x-ndjson': { schema: { type: 'string' }, example: EXPORT_EXAMPLE } } })
  @AuditorErrors(400)
  async export(@Query() query: ExportQuery, @Res() res: Response): Promise<void> {
    try {
      await this.exporter.write(res, query);
    } catch (error) {
      // Once lines have gone out, the only honest signal left is a cut connection.
      if (res.headersSent) res.destroy(error as Error);
      else throw error;
    }
  }
}
