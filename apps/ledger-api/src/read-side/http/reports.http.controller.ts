import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ForumActivityReportView, InheritedReportView } from '../dto/activity.response';
import { ForumActivityQueryDto, InheritedQueryDto, PrioritiesQueryDto, PriorityChangesQueryDto } from '../dto/filters.dto';
import { PrioritiesReportView, PriorityChangesReportView } from '../dto/priorities.response';
import { ReadModelsService } from '../read-models.service';
import { ReadEndpoint } from './read-endpoint.decorator';

/** The reports of the product brief; each is public, paged, and answerable as of a date and as known at a time. */
@ApiTags('reports')
@Controller('v1/reports')
export class ReportsController {
  constructor(private readonly reads: ReadModelsService) {}

  @Get('priorities-by-administration')
  @ReadEndpoint('Themes agreed per administration, and per US×MX pair of administrations in office together', PrioritiesReportView, {
    description: 'How often each theme was agreed, first and last date, and the meetings and pledges behind it. A meeting falls in the administrations in office on its date (the end of an imprecise date).',
  })
  async priorities(@Query() q: PrioritiesQueryDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const filters = { country: q.country, administration: q.administration, kind: q.kind, theme: q.theme, attribution: q.attribution };
    return this.reads.list('priorities-by-administration', q, filters, req, res);
  }

  @Get('priority-changes')
  @ReadEndpoint('For each handover of a country\'s administration: themes continued, added and dropped, with the meetings that show it', PriorityChangesReportView)
  async priorityChanges(@Query() q: PriorityChangesQueryDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.reads.list('priority-changes', q, { country: q.country, theme: q.theme, attribution: q.attribution }, req, res);
  }

  @Get('inherited-commitments')
  @ReadEndpoint('Pledges open when an administration ended, and what became of each under the next', InheritedReportView)
  async inherited(@Query() q: InheritedQueryDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.reads.list('inherited-commitments', q, { country: q.country, administration: q.administration }, req, res);
  }

  @Get('forum-activity')
  @ReadEndpoint('Meetings per forum per year, and the gaps between them (including the silence since the last one)', ForumActivityReportView)
  async forumActivity(@Query() q: ForumActivityQueryDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.reads.list('forum-activity', q, { forum: q.forum }, req, res);
  }
}
