import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { meetingDetail } from '@concordat/read-models';
import { MeetingsQueryDto } from '../dto/filters.dto';
import { MeetingDetailView, MeetingListView } from '../dto/meeting.response';
import { BitemporalQueryDto } from '../dto/read-query.dto';
import { ReadModelsService } from '../read-models.service';
import { ReadEndpoint } from './read-endpoint.decorator';

/** GET only: recording minutes (POST /v1/meetings) is the clerk's controller. */
@ApiTags('meetings')
@Controller('v1/meetings')
export class MeetingsReadController {
  constructor(private readonly reads: ReadModelsService) {}

  @Get()
  @ReadEndpoint('Meetings, oldest first, with the themes agreed and the administrations in office', MeetingListView)
  async list(@Query() q: MeetingsQueryDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const filters = { forum: q.forum, theme: q.theme, country: q.country, administration: q.administration, attribution: q.attribution, from: q.from, to: q.to };
    return this.reads.list('meetings', q, filters, req, res);
  }

  @Get(':id')
  @ApiParam({ name: 'id', example: 'us-mx-security-cooperation-group-5' })
  @ReadEndpoint('One meeting: co-chairs, delegations, priorities, pledges and their status; ETag is its stream revision', MeetingDetailView, {
    notFound: 'No such meeting on the record as of that date / as known at that time',
  })
  async detail(@Param('id') id: string, @Query() q: BitemporalQueryDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.reads.detail(q, req, res, (source, context) => {
      const item = meetingDetail(source, id);
      if (!item) throw this.reads.notFound('Meeting', id, context);
      return { body: { ...item, ...context }, revision: item.revision };
    });
  }
}
