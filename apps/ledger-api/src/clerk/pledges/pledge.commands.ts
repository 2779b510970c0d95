import { Command } from '@nestjs/cqrs';
import type { JsonObject } from '@concordat/shared-kernel';
import type { ChangePledgeStatusInput, CorrectPledgeInput, RecordMoneyFactInput, RecordPledgeInput } from '@concordat/domain';
import type { WriteContext } from '../write-side/write-context';

export class RecordPledgeCommand extends Command<JsonObject> {
  constructor(readonly input: RecordPledgeInput, readonly ctx: WriteContext) { super(); }
}
export class ChangePledgeStatusCommand extends Command<JsonObject> {
  constructor(readonly pledgeId: string, readonly input: ChangePledgeStatusInput, readonly ctx: WriteContext) { super(); }
}
export class RecordMoneyFactCommand extends Command<JsonObject> {
  constructor(readonly pledgeId: string, readonly input: RecordMoneyFactInput, readonly ctx: WriteContext) { super(); }
}
export class CorrectPledgeCommand extends Command<JsonObject> {
  constructor(readonly pledgeId: string, readonly input: CorrectPledgeInput, readonly ctx: WriteContext) { super(); }
}
