import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ReadAccess } from '../../auth/roles.decorator';
import { answerReport, meetingDetail, type MeetingDetail } from '@concordat/read-models';
import { BitemporalQueryDto } from '../../read-side/dto/read-query.dto';
import { sendCacheable } from '../../read-side/http/http-caching';
import { DeskReadAccess } from '../read-access';
import { toPopolo } from './popolo';
import { PopoloView } from './popolo.response';

@ApiTags('exports')
@ReadAccess()
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
    const { source, context } = await this.reads.source(q, res);
    const forums = answerReport(source, 'forums', {}).items;
    const meetings = answerReport(source, 'meetings', {}).items.map((m) => meetingDetail(source, m.id)).filter((m): m is MeetingDetail => m !== undefined);
    return sendCacheable(req, res, { asOf: context.asOf, knownAt: context.knownAt, ...toPopolo(forums, meetings) });
  }
}
