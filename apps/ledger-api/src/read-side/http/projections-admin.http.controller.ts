import { Controller, HttpCode, Inject, Logger, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { logProgress, terminalProgress, type ProjectionHost } from '@concordat/read-models';
import { ApiError } from '../../http/api-error';
import { RequireRole } from '../../auth/roles.decorator';
import { RebuildQueryDto, RebuildResultView } from '../dto/admin.response';
import { PROJECTION_HOST } from '../projection-host.provider';

@ApiTags('admin')
@Controller('v1/admin/projections')
export class ProjectionsAdminController {
  private readonly logger = new Logger('Projections');

  constructor(@Inject(PROJECTION_HOST) private readonly host: ProjectionHost) {}

  @Post('rebuild')
  @RequireRole('admin')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Rebuild the read models from position 0 beside the live ones, then swap them in',
    description: 'Reads keep being answered by the live models until the swap; progress is shown on the server terminal. A second request while one runs joins it.',
  })
  @ApiResponse({ status: 200, type: RebuildResultView, description: 'Rebuilt and swapped in (wait=true)' })
  @ApiResponse({ status: 202, type: RebuildResultView, description: 'Started (wait=false)' })
  @ApiResponse({ status: 400, type: ApiError, description: 'wait is neither true nor false' })
  @ApiResponse({ status: 401, type: ApiError, description: 'No or unknown bearer token' })
  @ApiResponse({ status: 403, type: ApiError, description: 'The token lacks the admin role' })
  async rebuild(@Query() q: RebuildQueryDto, @Res({ passthrough: true }) res: Response): Promise<RebuildResultView> {
    const sink = process.stderr.isTTY ? terminalProgress() : logProgress((line) => this.logger.log(line));
    const startedAt = new Date().toISOString();
    const running = this.host.rebuild(sink);
    if (q.wait === 'false') {
      running.catch((error: unknown) => this.logger.error({ err: error }, 'Rebuild failed; the live read models were kept'));
      res.status(202);
      return { status: 'started', startedAt, finishedAt: null, durationMs: null, position: null, eventsProjected: null };
    }
    return running;
  }
}
