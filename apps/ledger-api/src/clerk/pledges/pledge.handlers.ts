import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DomainError, pledgeDecider, streamIdOf } from '@concordat/domain';
import type { JsonObject } from '@concordat/shared-kernel';
import { AggregateExecutor } from '../write-side/aggregate-executor';
import { claimConflict, pledgeIdClaim } from '../write-side/id-claims';
import { writeResult } from '../write-side/write-result';
import { ChangePledgeStatusCommand, CorrectPledgeCommand, RecordMoneyFactCommand, RecordPledgeCommand } from './pledge.commands';

@CommandHandler(RecordPledgeCommand)
export class RecordPledgeHandler implements ICommandHandler<RecordPledgeCommand> {
  constructor(private readonly executor: AggregateExecutor) {}
  async execute({ input, ctx }: RecordPledgeCommand): Promise<JsonObject> {
    // The same claim minutes take for their pledges: of a document's pledge and minutes racing for one id, one wins.
    const streamId = streamIdOf('pledge', input.id);
    try {
      const write = await this.executor.execute(pledgeDecider, streamId, { type: 'MakePledge', data: { origin: 'document', input } }, ctx, () => ({ claims: [pledgeIdClaim(input.id, streamId)] }));
      return writeResult(input.id, [write]);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== 'PLEDGE.ALREADY_EXISTS') throw error;
      // Name the holder, as the claim's 409 does: minutes that made it, or the pledge itself.
      const meetingId = (await this.executor.read(streamId))[0]?.data.meetingId;
      throw claimConflict({ key: pledgeIdClaim(input.id, streamId).key, holder: typeof meetingId === 'string' ? streamIdOf('meeting', meetingId) : streamId });
    }
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
