import { Command } from '@nestjs/cqrs';
import type { JsonObject } from '@concordat/shared-kernel';
import type { CorrectMeetingInput, RecordMinutesInput } from '@concordat/domain';
import type { WriteContext } from '../write-side/write-context';

export class RecordMinutesCommand extends Command<JsonObject> {
  constructor(readonly input: RecordMinutesInput, readonly ctx: WriteContext) { super(); }
}

export class CorrectMeetingCommand extends Command<JsonObject> {
  constructor(readonly meetingId: string, readonly input: CorrectMeetingInput, readonly ctx: WriteContext) { super(); }
}
