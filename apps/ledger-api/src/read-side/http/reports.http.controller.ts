import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ForumActivityReportView, InheritedReportView } from '../dto/activity.response';
import { ForumActivityQueryDto, InheritedQueryDto, PrioritiesQueryDto, PriorityChangesQueryDto } from '../dto/filters.dto';
import { PrioritiesReportView, PriorityChangesReportView } from '../dto/priorities.response';
import { ReadModelsService } from '../read-models.service';
import { ReadEndpoint } from './read-endpoint.decorator';

const RULES_TEXT = 'Counting rules (libs/read-models/README.md): an agreement is a pledge or priority a government accepted, its status as of asOf agreed or one reached from it (never proposed or not_yet_assessed; a recommendation from the change that says a government agreed, credited at that date); an occasion is one meeting, or one source document for an undertaking outside a meeting, per theme; credit reaches an administration only through a party that is a country (by, accountable; a meeting\'s forum parties, delegations, co-chairs, host); an imprecise date is an interval (\"2012\" is 2012-01-01..2012-12-31, EDTF 2012/2016 too): it counts for asOf once wholly passed and falls in every administration its interval overlaps, uncertain when it spans a handover; attribution=certain keeps only the certain.';

/** The reports of the product brief; each is public, paged, and answerable as of a date and as known at a time. */
@ApiTags('reports')
@Controller('v1/reports')
export class ReportsController {
  constructor(private readonly reads: ReadModelsService) {}

  @Get('priorities-by-administration')
  @ReadEndpoint('Themes agreed per administration, and per US×MX pair of administrations in office together', PrioritiesReportView, {
    description: `Per theme: occasions and agreed pledges, certain and uncertain apart, first and last date, the first occasions and their quoted evidence, and the queries listing the rest. ${RULES_TEXT}`,
  })
  async priorities(@Query() q: PrioritiesQueryDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const filters = { country: q.country, administration: q.administration, kind: q.kind, theme: q.theme, attribution: q.attribution };
    return this.reads.list('priorities-by-administration', q, filters, req, res);
  }

  @Get('priority-changes')
  @ReadEndpoint('For each handover of a country\'s administration: themes continued, added and dropped, with the counts on each side', PriorityChangesReportView, {
    description: `A handover after the record\'s last fact (coverage.to) reads record: "beyond the record", with no theme continued, added or dropped; the successor is compared up to comparedUntil. ${RULES_TEXT}`,
  })
  async priorityChanges(@Query() q: PriorityChangesQueryDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.reads.list('priority-changes', q, { country: q.country, theme: q.theme, attribution: q.attribution }, req, res);
  }

  @Get('inherited-commitments')
  @ReadEndpoint('Pledges open when an administration ended, and what became of them under the next', InheritedReportView, {
    description:
      'Pledges involving the country through a country party (by, accountable) open on its last day: how many, how many stood in each status on outcomeOn (the successor\'s end, or asOf; never after the record\'s last fact, and outcomeRecord says when that cut applied), the first 3, and the board query listing all. A handover after the record reads beyond the record.',
  })
  async inherited(@Query() q: InheritedQueryDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.reads.list('inherited-commitments', q, { country: q.country, administration: q.administration }, req, res);
  }

  @Get('forum-activity')
  @ReadEndpoint('Meetings per forum per year, the gaps between them, the silence since the last one, and sittings known only by their numbering', ForumActivityReportView, {
    description:
      'Years run from the forum\'s establishment (its first meeting when unknown) to asOf. Gaps run between the ends of the meetings\' dates; sequence numbers below the highest recorded that no recorded meeting carries are unrecorded sittings, and each gap names how many it hides. The silence after the last meeting stops at the record\'s last fact; years after it read beyond the record.',
  })
  async forumActivity(@Query() q: ForumActivityQueryDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.reads.list('forum-activity', q, { forum: q.forum }, req, res);
  }
}
