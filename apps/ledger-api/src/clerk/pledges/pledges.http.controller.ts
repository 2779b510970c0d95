import { Body, Controller, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiCreatedResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { allowedNextStatuses, PLEDGE_STATUSES } from '@concordat/domain';
import { RequireRole } from '../../auth/roles.decorator';
import { CorrectPledgeDto } from '../dto/corrections.dto';
import { ChangePledgeStatusDto, RecordMoneyFactDto, RecordPledgeDto } from '../dto/pledge.dto';
import { WriteResultDto } from '../dto/write-result.dto';
import { ClerkWrite, WriteResponder, plain } from '../write-side/write-http';
import { Write, type WriteContext } from '../write-side/write-context';
import { ChangePledgeStatusCommand, CorrectPledgeCommand, RecordMoneyFactCommand, RecordPledgeCommand } from './pledge.commands';

const STATE_MACHINE = PLEDGE_STATUSES.map((s) => `- \`${s}\` → ${allowedNextStatuses(s).map((n) => `\`${n}\``).join(', ') || '(final)'}`).join('\n');
const EVIDENCE = { document: '003_5582343594f94d18.txt', locator: 'GC-Armas', quote: 'revived' };

@ApiTags('clerk: pledges')
@Controller('v1/pledges')
@RequireRole('clerk')
export class PledgesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly responder: WriteResponder,
  ) {}

  @Post()
  @ApiOperation({ summary: "Record a pledge from a document rather than minutes (e.g. a white paper's recommendation, status proposed)" })
  @ApiCreatedResponse({ type: WriteResultDto })
  @ClerkWrite(409, 422)
  record(@Body() body: RecordPledgeDto, @Write() ctx: WriteContext, @Res({ passthrough: true }) res: Response) {
    return this.responder.respond(res, ctx, body, () => this.commands.execute(new RecordPledgeCommand(plain(body), ctx)));
  }

  @Post(':id/status-changes')
  @ApiOperation({
    summary: 'Record what became of a pledge: a new status with its effective date, reason and evidence',
    description: `Allowed transitions (checked against the status in effect at the change's effective date):\n${STATE_MACHINE}\n\nAn illegal one is 422 naming the current status and the allowed next ones. A later re-rating is a new status change; a clerical mistake is a correction.`,
  })
  @ApiParam({ name: 'id', example: 'example-scg-6-keep-coordinating' })
  @ApiBody({ type: ChangePledgeStatusDto, examples: { revival: { value: { status: 'in_progress', effectiveOn: { date: '2016' }, reason: 'Revived', evidence: EVIDENCE } } } })
  @ApiCreatedResponse({ type: WriteResultDto })
  @ClerkWrite(404, 409, 412, 422)
  changeStatus(@Param('id') id: string, @Body() body: ChangePledgeStatusDto, @Write() ctx: WriteContext, @Res({ passthrough: true }) res: Response) {
    return this.responder.respond(res, ctx, body, () => this.commands.execute(new ChangePledgeStatusCommand(id, plain(body), ctx)));
  }

  @Post(':id/money-facts')
  @ApiOperation({ summary: 'Record a money fact about a pledge (pledged, committed, allocated or disbursed), with evidence' })
  @ApiParam({ name: 'id', example: 'merida-initiative-funding' })
  @ApiCreatedResponse({ type: WriteResultDto })
  @ClerkWrite(404, 409, 412, 422)
  recordMoney(@Param('id') id: string, @Body() body: RecordMoneyFactDto, @Write() ctx: WriteContext, @Res({ passthrough: true }) res: Response) {
    return this.responder.respond(res, ctx, body, () => this.commands.execute(new RecordMoneyFactCommand(id, plain(body), ctx)));
  }

  @Post(':id/corrections')
  @ApiOperation({ summary: 'Correct a pledge, fix or void one of its entries (status change, money fact), or retract it; always with a reason' })
  @ApiParam({ name: 'id', example: 'example-scg-6-keep-coordinating' })
  @ApiBody({
    type: CorrectPledgeDto,
    examples: {
      'fix the pledge': { value: { reason: 'Misread the parties', changes: { by: ['US'] } } },
      'fix a status change': { value: { reason: 'Wrong status keyed in', entry: { id: '8c0c7f4e-2f0e-8a1b-9c3d-5e6f7a8b9c0d', status: 'stalled' } } },
      retraction: { value: { reason: 'Recorded in error', retract: true } },
    },
  })
  @ApiCreatedResponse({ type: WriteResultDto })
  @ClerkWrite(404, 409, 412, 422)
  correct(@Param('id') id: string, @Body() body: CorrectPledgeDto, @Write() ctx: WriteContext, @Res({ passthrough: true }) res: Response) {
    return this.responder.respond(res, ctx, body, () => this.commands.execute(new CorrectPledgeCommand(id, plain(body), ctx)));
  }
}
