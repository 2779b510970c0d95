import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AdministrationsQueryDto, ForumsQueryDto, ThemesQueryDto } from '../dto/filters.dto';
import { AdministrationListView, ForumListView, ThemeListView } from '../dto/reference.response';
import { ReadModelsService } from '../read-models.service';
import { ReadEndpoint } from './read-endpoint.decorator';

/** Reference data lists (GET only; registering them is the clerk's). */
@ApiTags('reference data')
@Controller('v1')
export class ReferenceReadController {
  constructor(private readonly reads: ReadModelsService) {}

  @Get('administrations')
  @ReadEndpoint('Administrations that had started by asOf, by country and start', AdministrationListView)
  async administrations(@Query() q: AdministrationsQueryDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.reads.list('administrations', q, { country: q.country }, req, res);
  }

  @Get('forums')
  @ReadEndpoint('Forums established by asOf (or of unknown establishment date)', ForumListView)
  async forums(@Query() q: ForumsQueryDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.reads.list('forums', q, { party: q.party }, req, res);
  }

  @Get('themes')
  @ReadEndpoint('The theme vocabulary', ThemeListView)
  async themes(@Query() q: ThemesQueryDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.reads.list('themes', q, {}, req, res);
  }
}
