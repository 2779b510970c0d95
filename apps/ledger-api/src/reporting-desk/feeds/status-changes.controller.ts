import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiPropertyOptional, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ReadAccess } from '../../auth/roles.decorator';
import type { PledgeStatus } from '@concordat/domain';
import { ApiError } from '../../http/api-error';
import { bodyEtag, notModified } from '../../read-side/http/http-caching';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { PledgesExportQuery } from '../exports/export-query.dto';
import { DeskReadAccess } from '../read-access';
import { atomFeed } from './status-changes.atom';

export const ATOM_DEFAULT_ENTRIES = 500;
export const ATOM_MAX_ENTRIES = 5000;

export class StatusFeedQueryDto extends PledgesExportQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: ATOM_MAX_ENTRIES, default: ATOM_DEFAULT_ENTRIES, description: 'The newest this many entries (by the time the ledger last touched them)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(ATOM_MAX_ENTRIES)
  limit?: number;
}

export const baseUrlOf = (req: Request): string => `${req.protocol}://${req.get('host') ?? 'localhost'}`;

@ApiTags('feeds')
@ReadAccess()
@Controller('v1/feeds')
export class StatusChangesFeedController {
  constructor(private readonly reads: DeskReadAccess) {}

  @Get('status-changes.atom')
  @ApiOperation({
    summary: 'Atom feed of pledge status changes, with their evidence',
    description:
      'One entry per status change that counts on the commitments board (the initial status is not a change), newest recorded first; ' +
      'a corrected change keeps its entry, with `updated` moved to the correction and a `corrected` category. Takes the board\'s filters, asOf and knownAt (format is ignored); `limit` keeps the newest entries.',
  })
  @ApiProduces('application/atom+xml')
  @ApiResponse({ status: 200, description: 'RFC 4287 Atom feed', content: { 'application/atom+xml': { schema: { type: 'string' } } } })
  @ApiResponse({ status: 304, description: 'If-None-Match names the current ETag' })
  @ApiResponse({ status: 400, type: ApiError, description: 'A filter is malformed; details name the field' })
  async statusChanges(@Query() q: StatusFeedQueryDto, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<string | undefined> {
    const filters = { status: q.status ? (q.status.split(',') as PledgeStatus[]) : undefined, theme: q.theme, party: q.party, forum: q.forum, administration: q.administration, madeFrom: q.madeFrom, madeTo: q.madeTo };
    const answer = await this.reads.report('pledges', q, filters, res);
    const xml = atomFeed(answer.rows, { baseUrl: baseUrlOf(req), asOf: answer.asOf, knownAt: answer.knownAt, selfUrl: `${baseUrlOf(req)}${req.originalUrl}`, limit: q.limit ?? ATOM_DEFAULT_ENTRIES });
    if (notModified(req, res, bodyEtag(xml))) return undefined;
    res.setHeader('Content-Type', 'application/atom+xml; charset=utf-8');
    return xml;
  }
}
