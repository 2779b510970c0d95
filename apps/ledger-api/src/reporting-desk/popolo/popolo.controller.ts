import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { REPORTS, meetingDetail, type MeetingDetail } from '@concordat/read-models';
import { BitemporalQueryDto } from '../../read-side/dto/read-query.dto';
import { sendCacheable } from '../../read-side/http/http-caching';
import { DeskReadAccess } from '../read-access';
import { toPopolo } from './popolo';
import { PopoloView } from './popolo.response';

@ApiTags('exports')
@Controller('v1/popolo')
export class PopoloController {
  constructor(private readonly reads: DeskReadAccess) {}

  @Get()
  @ApiOperation({
    summary: 'The record as Popolo JSON: organizations, persons, memberships, events',
    description: 'Forums and delegations are organizations, co-chairs persons, each co-chair\'s seat at a meeting a membership of the forum on behalf of a delegation, meetings events. Honours asOf and knownAt.',
  })
  @ApiOkResponse({ type: PopoloView })
  async popolo(@Query() q: BitemporalQueryDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const { index, context } = await this.reads.view(q, res);
    const forums = REPORTS.forums.rows(index, {});
    const meetings = REPORTS.meetings.rows(index, {}).map((m) => meetingDetail(index, m.id)).filter((m): m is MeetingDetail => m !== undefined);
    return sendCacheable(req, res, { ...context, ...toPopolo(forums, meetings) });
  }
}
