import { ConflictException } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { defaultPledgeId, meetingDecider, resolveMeetingId, streamIdOf } from '@concordat/domain';
import type { JsonObject } from '@concordat/shared-kernel';
import { AggregateExecutor } from '../write-side/aggregate-executor';
import { writeResult } from '../write-side/write-result';
import { CorrectMeetingCommand, RecordMinutesCommand } from './meeting.commands';
import { MinutesCompletionProcess } from './minutes-completion.process';

@CommandHandler(RecordMinutesCommand)
export class RecordMinutesHandler implements ICommandHandler<RecordMinutesCommand> {
  constructor(
    private readonly executor: AggregateExecutor,
    private readonly completion: MinutesCompletionProcess,
  ) {}

  async execute({ input, ctx }: RecordMinutesCommand): Promise<JsonObject> {
    const meetingId = resolveMeetingId(input);
    const pledgeIds = (input.pledges ?? []).map((p, i) => p.id ?? defaultPledgeId(meetingId, i + 1));
    await this.assertPledgeIdsFree(meetingId, pledgeIds);
    const meeting = await this.executor.execute(meetingDecider, streamIdOf('meeting', meetingId), { type: 'RecordMinutes', data: input }, ctx);
    const minutes = meeting.events.find((e) => e.type === 'MinutesRecorded') as { id: string; data: JsonObject } | undefined;
    if (!minutes) throw new Error(`MinutesRecorded missing from the write to meeting-${meetingId}`);
    if (process.env.CONCORDAT_FAULT === 'crash-after-minutes') process.kill(process.pid, 'SIGKILL'); // crash test only
    const pledges = await this.completion.complete({ id: minutes.id, data: minutes.data, metadata: { recordedBy: ctx.principal.id, correlationId: ctx.correlationId, schemaVersion: 1 } });
    return writeResult(meetingId, [meeting, ...pledges], { meetingId, pledgeIds });
  }

  /** The minutes promise pledge streams; refuse before writing if one of their ids is taken by another record. */
  private async assertPledgeIdsFree(meetingId: string, pledgeIds: string[]): Promise<void> {
    for (const id of pledgeIds) {
      const history = await this.executor.read(streamIdOf('pledge', id));
      if (history.length > 0 && history[0].data.meetingId !== meetingId) {
        throw new ConflictException({ code: 'PLEDGE.ALREADY_EXISTS', message: `Pledge id ${id} is already taken by another record`, context: { pledgeId: id } });
      }
    }
  }
}

@CommandHandler(CorrectMeetingCommand)
export class CorrectMeetingHandler implements ICommandHandler<CorrectMeetingCommand> {
  constructor(
    private readonly executor: AggregateExecutor,
    private readonly process: MinutesCompletionProcess,
  ) {}

  async execute({ meetingId, input, ctx }: CorrectMeetingCommand): Promise<JsonObject> {
    const write = await this.executor.execute(meetingDecider, streamIdOf('meeting', meetingId), { type: 'CorrectMeeting', data: { meetingId, input } }, ctx);
    const retraction = write.events.find((e) => e.type === 'MeetingRetracted');
    if (!retraction) return writeResult(meetingId, [write]);
    // Pledges recorded from minutes entered in error are in error too.
    const metadata = { recordedBy: ctx.principal.id, correlationId: ctx.correlationId, schemaVersion: 1 };
    const pledges = await this.process.retractPledges({ id: retraction.id, metadata }, meetingId, input.reason);
    return writeResult(meetingId, [write, ...pledges]);
  }
}

export const MEETING_HANDLERS = [RecordMinutesHandler, CorrectMeetingHandler];
