import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@concordat/event-store';
import { makePledgeCommandsFromMinutes, pledgeDecider, streamIdOf, type MinutesRecorded } from '@concordat/domain';
import type { RecordedEvent } from '@concordat/shared-kernel';
import { AggregateExecutor, type StreamWrite } from '../write-side/aggregate-executor';

/**
 * The second step of recording minutes: one pledge stream per pledge made at the meeting.
 * EventStoreDB cannot append to several streams atomically, so the minutes land first (carrying
 * every pledge in full) and this process manager creates the pledge streams from them. Each step
 * is idempotent (deterministic event ids, "already made from this meeting" is success), and at
 * start-up it completes any minutes a crash interrupted, so the ledger is never left half-recorded.
 */
@Injectable()
export class MinutesCompletionProcess implements OnApplicationBootstrap {
  private readonly logger = new Logger(MinutesCompletionProcess.name);

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly executor: AggregateExecutor,
  ) {}

  async complete(minutes: Pick<RecordedEvent, 'id' | 'data' | 'metadata'>): Promise<StreamWrite[]> {
    const event = { type: 'MinutesRecorded', data: minutes.data } as unknown as MinutesRecorded;
    const writes: StreamWrite[] = [];
    for (const command of makePledgeCommandsFromMinutes(event)) {
      if (command.data.origin !== 'minutes') continue;
      const streamId = streamIdOf('pledge', command.data.pledge.pledgeId);
      const history = await this.executor.read(streamId);
      if (history.length > 0 && history[0].data.meetingId === command.data.meetingId) {
        writes.push({ streamId, revision: history.length - 1, position: history[0].position, events: [history[0]] });
        continue;
      }
      const ctx = {
        principal: { id: minutes.metadata.recordedBy, roles: [] },
        correlationId: minutes.metadata.correlationId,
        causationId: minutes.id,
        method: 'PROCESS',
        path: 'minutes-completion',
      };
      writes.push(await this.executor.execute(pledgeDecider, streamId, command, ctx));
    }
    return writes;
  }

  /** Completes minutes whose pledge streams a crash left unwritten. */
  async onApplicationBootstrap(): Promise<void> {
    let after = 0n;
    let repaired = 0;
    for (;;) {
      const page = await this.store.readAll({ after, maxCount: 500, filter: { eventTypes: ['MinutesRecorded'] } });
      for (const minutes of page) {
        const before = await this.missingPledges(minutes);
        if (before > 0) {
          await this.complete(minutes);
          repaired += before;
        }
      }
      if (page.length < 500) break;
      after = page[page.length - 1].position;
    }
    if (repaired > 0) this.logger.warn(`Completed ${repaired} pledge stream(s) of minutes interrupted by a crash`);
  }

  private async missingPledges(minutes: RecordedEvent): Promise<number> {
    const pledges = (minutes.data.pledges ?? []) as Array<{ pledgeId: string }>;
    let missing = 0;
    for (const p of pledges) if ((await this.executor.read(streamIdOf('pledge', p.pledgeId))).length === 0) missing++;
    return missing;
  }
}
