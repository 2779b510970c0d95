import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { REPORTS, meetingDetail, type MeetingDetail } from '@concordat/read-models';
import { BitemporalQueryDto } from '../../read-side/dto/read-query.dto';
import { sendCacheable } from '../../read-side/http/http-caching';
import { DeskReadAccess } from '../read-access';
import { toPopolo, type PopoloEvent, type PopoloMembership, type PopoloOrganization, type PopoloPerson } from './popolo';

const item = (example: Record<string, unknown>, description: string) => ({ type: 'array' as const, items: { type: 'object' as const, additionalProperties: true }, example: [example], description });

class PopoloView {
  @ApiProperty(item({ id: 'us-mx-security-cooperation-group', name: 'U.S.-Mexico Security Cooperation Group', classification: 'standing-group', sources: [{ note: '000_3fdbd5733350c650.txt' }] }, 'Forums (classification = forum kind), delegations and their agencies'))
  organizations!: PopoloOrganization[];
  @ApiProperty(item({ id: 'amy-pope', name: 'Amy Pope', sources: [] }, 'Co-chairs'))
  persons!: PopoloPerson[];
  @ApiProperty(item({ id: 'scg-5-co-chair-amy-pope', person_id: 'amy-pope', organization_id: 'us-mx-security-cooperation-group', on_behalf_of_id: 'delegation-us', role: 'co-chair', start_date: '2016-11-04', end_date: '2016-11-04' }, 'A co-chair\'s seat at one meeting'))
  memberships!: PopoloMembership[];
  @ApiProperty(item({ id: 'scg-5', name: 'Fifth meeting of the U.S.-Mexico Security Cooperation Group', classification: 'meeting', start_date: '2016-11-04', organization_id: 'us-mx-security-cooperation-group' }, 'Meetings'))
  events!: PopoloEvent[];
}

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
