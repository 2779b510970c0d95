import { Body, Controller, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { RequireRole } from '../../auth/roles.decorator';
import {
  CorrectAdministrationDto,
  CorrectForumDto,
  CorrectThemeDto,
  DefineThemeDto,
  RegisterAdministrationDto,
  RegisterForumDto,
} from '../dto/reference.dto';
import { WriteResultDto } from '../dto/write-result.dto';
import { ClerkWrite, WriteResponder, plain } from '../write-side/write-http';
import { Write, type WriteContext } from '../write-side/write-context';
import {
  CorrectAdministrationCommand,
  CorrectForumCommand,
  CorrectThemeCommand,
  DefineThemeCommand,
  RegisterAdministrationCommand,
  RegisterForumCommand,
} from './reference-data.commands';

/** Reference data are events too, so that a fix to an administration's dates is on the record. */
@ApiTags('clerk: reference data')
@Controller('v1')
@RequireRole('clerk')
export class ReferenceDataController {
  constructor(
    private readonly commands: CommandBus,
    private readonly responder: WriteResponder,
  ) {}

  @Post('administrations')
  @ApiOperation({ summary: "Register a country's administration (head of government, dates in office)" })
  @ApiCreatedResponse({ type: WriteResultDto })
  @ClerkWrite(409, 422)
  registerAdministration(@Body() body: RegisterAdministrationDto, @Write() ctx: WriteContext, @Res({ passthrough: true }) res: Response) {
    return this.responder.respond(res, ctx, body, () => this.commands.execute(new RegisterAdministrationCommand(plain(body), ctx)));
  }

  @Post('administrations/:id/corrections')
  @ApiOperation({ summary: 'Correct an administration (with a reason); the old version stays in the log' })
  @ApiParam({ name: 'id', example: 'US-obama' })
  @ApiCreatedResponse({ type: WriteResultDto })
  @ClerkWrite(404, 412, 422)
  correctAdministration(@Param('id') id: string, @Body() body: CorrectAdministrationDto, @Write() ctx: WriteContext, @Res({ passthrough: true }) res: Response) {
    return this.responder.respond(res, ctx, body, () => this.commands.execute(new CorrectAdministrationCommand(id, plain(body), ctx)));
  }

  @Post('forums')
  @ApiOperation({ summary: 'Register a forum: a standing mechanism, initiative, dialogue or one-off conference' })
  @ApiCreatedResponse({ type: WriteResultDto })
  @ClerkWrite(409, 422)
  registerForum(@Body() body: RegisterForumDto, @Write() ctx: WriteContext, @Res({ passthrough: true }) res: Response) {
    return this.responder.respond(res, ctx, body, () => this.commands.execute(new RegisterForumCommand(plain(body), ctx)));
  }

  @Post('forums/:id/corrections')
  @ApiOperation({ summary: 'Correct a forum (name, aliases, parties...) with a reason' })
  @ApiParam({ name: 'id', example: 'us-mx-security-cooperation-group' })
  @ApiCreatedResponse({ type: WriteResultDto })
  @ClerkWrite(404, 412, 422)
  correctForum(@Param('id') id: string, @Body() body: CorrectForumDto, @Write() ctx: WriteContext, @Res({ passthrough: true }) res: Response) {
    return this.responder.respond(res, ctx, body, () => this.commands.execute(new CorrectForumCommand(id, plain(body), ctx)));
  }

  @Post('themes')
  @ApiOperation({ summary: 'Define a theme of the controlled vocabulary priorities are compared by' })
  @ApiCreatedResponse({ type: WriteResultDto })
  @ClerkWrite(409, 422)
  defineTheme(@Body() body: DefineThemeDto, @Write() ctx: WriteContext, @Res({ passthrough: true }) res: Response) {
    return this.responder.respond(res, ctx, body, () => this.commands.execute(new DefineThemeCommand(plain(body), ctx)));
  }

  @Post('themes/:id/corrections')
  @ApiOperation({ summary: 'Correct (e.g. rename or redefine) a theme, with a reason' })
  @ApiParam({ name: 'id', example: 'counter-narcotics' })
  @ApiCreatedResponse({ type: WriteResultDto })
  @ClerkWrite(404, 412, 422)
  correctTheme(@Param('id') id: string, @Body() body: CorrectThemeDto, @Write() ctx: WriteContext, @Res({ passthrough: true }) res: Response) {
    return this.responder.respond(res, ctx, body, () => this.commands.execute(new CorrectThemeCommand(id, plain(body), ctx)));
  }
}
