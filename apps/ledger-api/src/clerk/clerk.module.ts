import { Module } from '@nestjs/common';
import { MeetingsController } from './meetings/meetings.http.controller';
import { MEETING_HANDLERS } from './meetings/meeting.handlers';
import { MinutesCompletionProcess } from './meetings/minutes-completion.process';
import { PledgesController } from './pledges/pledges.http.controller';
import { PLEDGE_HANDLERS } from './pledges/pledge.handlers';
import { ReferenceDataController } from './reference-data/reference-data.http.controller';
import { REFERENCE_DATA_HANDLERS } from './reference-data/reference-data.handlers';
import { AggregateExecutor } from './write-side/aggregate-executor';
import { IdempotencyService } from './write-side/idempotency.service';
import { WriteResponder } from './write-side/write-http';
import { WriteRecords } from './write-side/write-records';

const controllers = [ReferenceDataController, MeetingsController, PledgesController];
const commandHandlers = [...REFERENCE_DATA_HANDLERS, ...MEETING_HANDLERS, ...PLEDGE_HANDLERS];
const writeSide = [AggregateExecutor, IdempotencyService, WriteRecords, WriteResponder, MinutesCompletionProcess];

/** The clerk's write API: every request becomes immutable events through @nestjs/cqrs commands. */
@Module({
  controllers,
  providers: [...commandHandlers, ...writeSide],
  exports: [AggregateExecutor, IdempotencyService],
})
export class ClerkModule {}
