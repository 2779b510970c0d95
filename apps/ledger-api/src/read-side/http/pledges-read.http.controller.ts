import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { pledgeDetail, type PledgeFilters } from '@concordat/read-models';
import type { PledgeStatus } from '@concordat/domain';
import { PledgesQueryDto } from '../dto/filters.dto';
import { PledgeDetailView, PledgeListView } from '../dto/pledge.response';
import { BitemporalQueryDto } from '../dto/read-query.dto';
import { ReadModelsService } from '../read-models.service';
import { ReadEndpoint } from './read-endpoint.decorator';

/** GET only: the clerk's POST routes on /v1/pledges live in their own controller. */
@ApiTags('commitments board')
@Controller('v1/pledges')
export class PledgesReadController {
  constructor(private readonly reads: ReadModelsService) {}

  @Get()
  @ReadEndpoint('The commitments board: every pledge with its status, age, last change, evidence and full history', PledgeListView)
  async list(@Query() q: PledgesQueryDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const filters: PledgeFilters = {
      status: q.status ? (q.status.split(',') as PledgeStatus[]) : undefined,
      theme: q.theme,
      party: q.party,
      country: q.country,
      attribution: q.attribution,
      forum: q.forum,
      administration: q.administration,
      madeFrom: q.madeFrom,
      madeTo: q.madeTo,
    };
    return this.reads.list('pledges', q, filters, req, res);
  }

  @Get(':id')
  @ApiParam({ name: 'id', example: 'us-mx-security-cooperation-group-3-pledge-1' })
  @ReadEndpoint('One pledge as of a date and as known at a time; ETag is its stream revision ("3"), for If-Match on writes', PledgeDetailView, {
    notFound: 'No such pledge on the record as of that date / as known at that time',
  })
  async detail(@Param('id') id: string, @Query() q: BitemporalQueryDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.reads.detail(q, req, res, (source, context) => {
      const item = pledgeDetail(source, id);
      if (!item) throw this.reads.notFound('Pledge', id, context);
      return { body: { ...item, ...context }, revision: item.revision };
    });
  }
}
