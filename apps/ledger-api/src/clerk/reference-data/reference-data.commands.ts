import { Command } from '@nestjs/cqrs';
import type { JsonObject } from '@concordat/shared-kernel';
import type { CorrectReferenceInput, DefineThemeInput, RegisterAdministrationInput, RegisterForumInput } from '@concordat/domain';
import type { WriteContext } from '../write-side/write-context';

export class RegisterAdministrationCommand extends Command<JsonObject> {
  constructor(readonly input: RegisterAdministrationInput, readonly ctx: WriteContext) { super(); }
}
export class CorrectAdministrationCommand extends Command<JsonObject> {
  constructor(readonly id: string, readonly input: CorrectReferenceInput<RegisterAdministrationInput>, readonly ctx: WriteContext) { super(); }
}
export class RegisterForumCommand extends Command<JsonObject> {
  constructor(readonly input: RegisterForumInput, readonly ctx: WriteContext) { super(); }
}
export class CorrectForumCommand extends Command<JsonObject> {
  constructor(readonly id: string, readonly input: CorrectReferenceInput<RegisterForumInput>, readonly ctx: WriteContext) { super(); }
}
export class DefineThemeCommand extends Command<JsonObject> {
  constructor(readonly input: DefineThemeInput, readonly ctx: WriteContext) { super(); }
}
export class CorrectThemeCommand extends Command<JsonObject> {
  constructor(readonly id: string, readonly input: CorrectReferenceInput<DefineThemeInput>, readonly ctx: WriteContext) { super(); }
}
