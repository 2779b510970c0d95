import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { administrationDecider, forumDecider, streamIdOf, themeDecider } from '@concordat/domain';
import type { JsonObject } from '@concordat/shared-kernel';
import { AggregateExecutor } from '../write-side/aggregate-executor';
import { writeResult } from '../write-side/write-result';
import {
  CorrectAdministrationCommand,
  CorrectForumCommand,
  CorrectThemeCommand,
  DefineThemeCommand,
  RegisterAdministrationCommand,
  RegisterForumCommand,
} from './reference-data.commands';

@CommandHandler(RegisterAdministrationCommand)
export class RegisterAdministrationHandler implements ICommandHandler<RegisterAdministrationCommand> {
  constructor(private readonly executor: AggregateExecutor) {}
  async execute({ input, ctx }: RegisterAdministrationCommand): Promise<JsonObject> {
    const write = await this.executor.execute(administrationDecider, streamIdOf('administration', input.id), { type: 'RegisterAdministration', data: input }, ctx);
    return writeResult(input.id, [write]);
  }
}

@CommandHandler(CorrectAdministrationCommand)
export class CorrectAdministrationHandler implements ICommandHandler<CorrectAdministrationCommand> {
  constructor(private readonly executor: AggregateExecutor) {}
  async execute({ id, input, ctx }: CorrectAdministrationCommand): Promise<JsonObject> {
    const write = await this.executor.execute(administrationDecider, streamIdOf('administration', id), { type: 'CorrectAdministration', data: { administrationId: id, input } }, ctx);
    return writeResult(id, [write]);
  }
}

@CommandHandler(RegisterForumCommand)
export class RegisterForumHandler implements ICommandHandler<RegisterForumCommand> {
  constructor(private readonly executor: AggregateExecutor) {}
  async execute({ input, ctx }: RegisterForumCommand): Promise<JsonObject> {
    const write = await this.executor.execute(forumDecider, streamIdOf('forum', input.id), { type: 'RegisterForum', data: input }, ctx);
    return writeResult(input.id, [write]);
  }
}

@CommandHandler(CorrectForumCommand)
export class CorrectForumHandler implements ICommandHandler<CorrectForumCommand> {
  constructor(private readonly executor: AggregateExecutor) {}
  async execute({ id, input, ctx }: CorrectForumCommand): Promise<JsonObject> {
    const write = await this.executor.execute(forumDecider, streamIdOf('forum', id), { type: 'CorrectForum', data: { forumId: id, input } }, ctx);
    return writeResult(id, [write]);
  }
}

@CommandHandler(DefineThemeCommand)
export class DefineThemeHandler implements ICommandHandler<DefineThemeCommand> {
  constructor(private readonly executor: AggregateExecutor) {}
  async execute({ input, ctx }: DefineThemeCommand): Promise<JsonObject> {
    const write = await this.executor.execute(themeDecider, streamIdOf('theme', input.id), { type: 'DefineTheme', data: input }, ctx);
    return writeResult(input.id, [write]);
  }
}

@CommandHandler(CorrectThemeCommand)
export class CorrectThemeHandler implements ICommandHandler<CorrectThemeCommand> {
  constructor(private readonly executor: AggregateExecutor) {}
  async execute({ id, input, ctx }: CorrectThemeCommand): Promise<JsonObject> {
    const write = await this.executor.execute(themeDecider, streamIdOf('theme', id), { type: 'CorrectTheme', data: { themeId: id, input } }, ctx);
    return writeResult(id, [write]);
  }
}

export const REFERENCE_DATA_HANDLERS = [
  RegisterAdministrationHandler,
  CorrectAdministrationHandler,
  RegisterForumHandler,
  CorrectForumHandler,
  DefineThemeHandler,
  CorrectThemeHandler,
];
