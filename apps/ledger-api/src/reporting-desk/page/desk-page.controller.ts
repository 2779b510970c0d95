import { Controller, Get, NotFoundException, Param, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../../auth/roles.decorator';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DESK_FILES, deskBuildDir, type DeskFile } from './desk-assets';

/** The reporting desk page at `/`: static, read-only; everything it shows it reads from the public read API. */
@ApiExcludeController()
@Public()
@Controller()
export class DeskPageController {
  private readonly dir = deskBuildDir();

  @Get()
  page(@Res() res: Response): void {
    this.send(res, 'index.html');
  }

  @Get('desk/:file')
  asset(@Param('file') file: string, @Res() res: Response): void {
    if (!Object.hasOwn(DESK_FILES, file) || file === 'index.html') throw new NotFoundException({ code: 'DESK.NOT_FOUND', message: `The reporting desk has no file ${file}` });
    this.send(res, file as DeskFile);
  }

  private send(res: Response, file: DeskFile): void {
    const path = join(this.dir, file);
    if (!existsSync(path)) {
      throw new ServiceUnavailableException({ code: 'DESK.NOT_BUILT', message: `The reporting desk page is not built (${path} is missing): run npm run build` });
    }
    res.setHeader('Content-Type', DESK_FILES[file]);
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.sendFile(path);
  }
}
