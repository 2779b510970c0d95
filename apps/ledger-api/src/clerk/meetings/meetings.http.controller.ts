import { Body, Controller, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiCreatedResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { RequireRole } from '../../auth/roles.decorator';
import { CorrectMeetingDto } from '../dto/corrections.dto';
import { RecordMinutesDto } from '../dto/meeting.dto';
import { MinutesRecordedDto, WriteResultDto } from '../dto/write-result.dto';
import { ClerkWrite, WriteResponder, plain } from '../write-side/write-http';
import { Write, type WriteContext } from '../write-side/write-context';
import { CorrectMeetingCommand, RecordMinutesCommand } from './meeting.commands';
import { EXAMPLE_MINUTES } from './minutes.example';

@ApiTags('clerk: minutes')
@Controller('v1/meetings')
@RequireRole('clerk')
export class MeetingsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly responder: WriteResponder,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Record the minutes of one meeting, atomically',
    description:
      'One request records the meeting, the priorities agreed and the pledges made there. The meeting stream is written first and takes ' +
      "every pledge id and the forum's meeting number (when given) in the same transaction: an id another record holds is a 409 naming " +
      'the holder, and nothing is written. One stream per pledge follows, idempotently, and is completed at start-up if a crash interrupted it.',
  })
  @ApiBody({ type: RecordMinutesDto, examples: { 'a sixth SCG meeting (illustrative)': { value: EXAMPLE_MINUTES } } })
  @ApiCreatedResponse({ type: MinutesRecordedDto })
  @ClerkWrite(409, 422)
  record(@Body() body: RecordMinutesDto, @Write() ctx: WriteContext, @Res({ passthrough: true }) res: Response) {
    return this.responder.respond(res, ctx, body, () => this.commands.execute(new RecordMinutesCommand(plain(body), ctx)));
  }

  @Post(':id/corrections')
  @ApiOperation({ summary: 'Correct recorded minutes (replace fields, with a reason) or retract them as entered in error' })
  @ApiParam({ name: 'id', example: 'us-mx-security-cooperation-group-6' })
  @ApiBody({
    type: CorrectMeetingDto,
    examples: {
      correction: { value: { reason: 'The source says Washington, D.C.', changes: { place: 'Washington, D.C.' } } },
      retraction: { value: { reason: 'Entered twice by mistake', retract: true } },
    },
  })
  @ApiCreatedResponse({ type: WriteResultDto })
  @ClerkWrite(404, 409, 412, 422)
  correct(@Param('id') id: string, @Body() body: CorrectMeetingDto, @Write() ctx: WriteContext, @Res({ passthrough: true }) res: Response) {
    return this.responder.respond(res, ctx, body, () => this.commands.execute(new CorrectMeetingCommand(id, plain(body), ctx)));
  }
}
