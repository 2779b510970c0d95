import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { pledgeDecider, streamIdOf } from '@concordat/domain';
import type { JsonObject } from '@concordat/shared-kernel';
import { AggregateExecutor } from '../write-side/aggregate-executor';
import { writeResult } from '../write-side/write-result';
import { ChangePledgeStatusCommand, CorrectPledgeCommand, RecordMoneyFactCommand, RecordPledgeCommand } from './pledge.commands';

@CommandHandler(RecordPledgeCommand)
export class RecordPledgeHandler implements ICommandHandler<RecordPledgeCommand> {
  constructor(private readonly executor: AggregateExecutor) {}
  async execute({ input, ctx }: RecordPledgeCommand): Promise<JsonObject> {
    const write = await this.executor.execute(pledgeDecider, streamIdOf('pledge', input.id), { type: 'MakePledge', data: { origin: 'document', input } }, ctx);
    return writeResult(input.id, [write]);
  }
}

@CommandHandler(ChangePledgeStatusCommand)
export class ChangePledgeStatusHandler implements ICommandHandler<ChangePledgeStatusCommand> {
  constructor(private readonly executor: AggregateExecutor) {}
  async execute({ pledgeId, input, ctx }: ChangePledgeStatusCommand): Promise<JsonObject> {
    const write = await this.executor.execute(pledgeDecider, streamIdOf('pledge', pledgeId), { type: 'ChangePledgeStatus', data: { pledgeId, input } }, ctx);
    return writeResult(pledgeId, [write]);
  }
}

@CommandHandler(RecordMoneyFactCommand)
export class RecordMoneyFactHandler implements ICommandHandler<RecordMoneyFactCommand> {
  constructor(private readonly executor: AggregateExecutor) {}
  async execute({ pledgeId, input, ctx }: RecordMoneyFactCommand): Promise<JsonObject> {
    const write = await this.executor.execute(pledgeDecider, streamIdOf('pledge', pledgeId), { type: 'RecordMoneyFact', data: { pledgeId, input } }, ctx);
    return writeResult(pledgeId, [write]);
  }
}

@CommandHandler(CorrectPledgeCommand)
export class CorrectPledgeHandler implements ICommandHandler<CorrectPledgeCommand> {
  constructor(private readonly executor: AggregateExecutor) {}
  async execute({ pledgeId, input, ctx }: CorrectPledgeCommand): Promise<JsonObject> {
    const write = await this.executor.execute(pledgeDecider, streamIdOf('pledge', pledgeId), { type: 'CorrectPledge', data: { pledgeId, input } }, ctx);
    return writeResult(pledgeId, [write]);
  }
}

export const PLEDGE_HANDLERS = [RecordPledgeHandler, ChangePledgeStatusHandler, RecordMoneyFactHandler, CorrectPledgeHandler];
