import { Controller, Get, Query, Req, Res, applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ReadAccess } from '../../auth/roles.decorator';
import type { PledgeStatus } from '@concordat/domain';
import type { ReportFilters, ReportName } from '@concordat/read-models';
import { ApiError } from '../../http/api-error';
import { bodyEtag, notModified } from '../../read-side/http/http-caching';
import { DeskReadAccess, type ReportAnswer } from '../read-access';
import { toCsv } from './csv';
import { ExportView, exportJsonSchema } from './export.response';
import {
  ForumActivityExportQuery,
  InheritedExportQuery,
  MeetingsExportQuery,
  PledgesExportQuery,
  PrioritiesExportQuery,
  PriorityChangesExportQuery,
  type ExportFormat,
} from './export-query.dto';
import { columnsOf, describeColumns, flattenRows, type ExportedReport } from './export-tables';

function ExportEndpoint(name: ExportedReport, summary: string) {
  return applyDecorators(
    ApiOperation({ summary, description: `Honours asOf, knownAt, minPosition and the report's filters; no paging.\n\n${describeColumns(name)}` }),
    ApiProduces('text/csv', 'application/json'),
    ApiExtraModels(ExportView),
    ApiResponse({
      status: 200,
      description: 'The whole report, flattened: CSV (RFC 4180, header row first) or JSON with the same columns',
      content: {
        'text/csv': { schema: { type: 'string' }, example: `${columnsOf(name).map((c) => c.name).join(',')}\r\n` },
        'application/json': { schema: exportJsonSchema(columnsOf(name)) },
      },
    }),
    ApiResponse({ status: 304, description: 'If-None-Match names the current ETag' }),
    ApiResponse({ status: 400, type: ApiError, description: 'A filter or format is malformed; details name the field' }),
    ApiResponse({ status: 503, type: ApiError, description: 'The read models did not reach minPosition within 5 s' }),
  );
}

/** CSV and JSON exports of the board and each report, cut by the read side's own report catalog. */
@ApiTags('exports')
@ReadAccess()
@Controller('v1/exports')
export class ExportsController {
  constructor(private readonly reads: DeskReadAccess) {}

  @Get('pledges')
  @ExportEndpoint('pledges', 'The commitments board as CSV or JSON')
  async pledges(@Query() q: PledgesExportQuery, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const filters: ReportFilters<'pledges'> = {
      status: q.status ? (q.status.split(',') as PledgeStatus[]) : undefined,
      theme: q.theme,
      party: q.party,
      forum: q.forum,
      administration: q.administration,
      madeFrom: q.madeFrom,
      madeTo: q.madeTo,
    };
    return this.send(req, res, 'pledges', q.format, await this.reads.report('pledges', q, filters, res));
  }

  @Get('meetings')
  @ExportEndpoint('meetings', 'Meetings as CSV or JSON')
  async meetings(@Query() q: MeetingsExportQuery, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const filters = { forum: q.forum, theme: q.theme, country: q.country, administration: q.administration, from: q.from, to: q.to };
    return this.send(req, res, 'meetings', q.format, await this.reads.report('meetings', q, filters, res));
  }

  @Get('priorities-by-administration')
  @ExportEndpoint('priorities-by-administration', 'Priorities by administration and US×MX pair as CSV or JSON')
  async priorities(@Query() q: PrioritiesExportQuery, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const filters = { country: q.country, administration: q.administration, kind: q.kind, theme: q.theme };
    return this.send(req, res, 'priorities-by-administration', q.format, await this.reads.report('priorities-by-administration', q, filters, res));
  }

  @Get('priority-changes')
  @ExportEndpoint('priority-changes', 'Themes continued, added and dropped at each handover as CSV or JSON')
  async priorityChanges(@Query() q: PriorityChangesExportQuery, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.send(req, res, 'priority-changes', q.format, await this.reads.report('priority-changes', q, { country: q.country, theme: q.theme }, res));
  }

  @Get('inherited-commitments')
  @ExportEndpoint('inherited-commitments', 'Inherited commitments and what became of them as CSV or JSON')
  async inherited(@Query() q: InheritedExportQuery, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.send(req, res, 'inherited-commitments', q.format, await this.reads.report('inherited-commitments', q, { country: q.country, administration: q.administration }, res));
  }

  @Get('forum-activity')
  @ExportEndpoint('forum-activity', 'Forum activity as CSV or JSON')
  async forumActivity(@Query() q: ForumActivityExportQuery, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.send(req, res, 'forum-activity', q.format, await this.reads.report('forum-activity', q, { forum: q.forum }, res));
  }

  private send<N extends ExportedReport & ReportName>(req: Request, res: Response, name: N, format: ExportFormat | undefined, answer: ReportAnswer<N>): string | ExportView | undefined {
    const chosen = format ?? (req.accepts(['application/json', 'text/csv']) === 'text/csv' ? 'csv' : 'json');
    const columns = columnsOf(name);
    const rows = flattenRows(name, answer.rows);
    const body: ExportView = { report: name, asOf: answer.asOf, knownAt: answer.knownAt, coverage: answer.coverage, columns, rows };
    res.vary('Accept');
    if (notModified(req, res, bodyEtag({ chosen, body }))) return undefined;
    if (chosen === 'json') return body;
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${name}-as-of-${answer.asOf}.csv"`);
    return toCsv(columns.map((c) => c.name), rows);
  }
}
