import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@concordat/event-store';
import { makePledgeCommandsFromMinutes, pledgeDecider, streamIdOf, type MinutesRecorded } from '@concordat/domain';
import type { RecordedEvent } from '@concordat/shared-kernel';
import { AggregateExecutor, type StreamWrite } from '../write-side/aggregate-executor';

/**
 * The cross-stream steps of minutes. Recording: one pledge stream per pledge made at the meeting.
 * Retracting (minutes entered in error): each of those pledges is retracted too, naming why.
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

  /** Retracts the pledges of retracted minutes; a pledge already retracted is left as it is. */
  async retractPledges(retraction: Pick<RecordedEvent, 'id' | 'metadata'>, meetingId: string, reason: string): Promise<StreamWrite[]> {
    const minutes = (await this.executor.read(streamIdOf('meeting', meetingId))).find((e) => e.type === 'MinutesRecorded');
    const writes: StreamWrite[] = [];
    for (const { pledgeId } of (minutes?.data.pledges ?? []) as Array<{ pledgeId: string }>) {
      const streamId = streamIdOf('pledge', pledgeId);
      const history = await this.executor.read(streamId);
      if (history.length === 0 || history.some((e) => e.type === 'PledgeRetracted')) continue;
      const ctx = { principal: { id: retraction.metadata.recordedBy, roles: [] }, correlationId: retraction.metadata.correlationId, causationId: retraction.id, method: 'PROCESS', path: 'minutes-retraction' };
      const input = { reason: `The minutes of ${meetingId} were retracted: ${reason}`, retract: true };
      writes.push(await this.executor.execute(pledgeDecider, streamId, { type: 'CorrectPledge', data: { pledgeId, input } }, ctx));
    }
    return writes;
  }

  /** Completes minutes whose pledge streams a crash left unwritten, and retractions whose pledges it left standing. */
  async onApplicationBootstrap(): Promise<void> {
    await this.completeInterruptedRecordings();
    for (const retraction of await this.readAllOfType('MeetingRetracted')) {
      const repaired = await this.retractPledges(retraction, String(retraction.data.meetingId), String(retraction.data.reason));
      if (repaired.length > 0) this.logger.warn(`Retracted ${repaired.length} pledge(s) of ${String(retraction.data.meetingId)} left standing by a crash`);
    }
  }

  private async readAllOfType(type: string): Promise<RecordedEvent[]> {
    const all: RecordedEvent[] = [];
    for (let after = 0n; ; ) {
      const page = await this.store.readAll({ after, maxCount: 500, filter: { eventTypes: [type] } });
      all.push(...page);
      if (page.length < 500) return all;
      after = page[page.length - 1].position;
    }
  }

  private async completeInterruptedRecordings(): Promise<void> {
    let repaired = 0;
    for (const minutes of await this.readAllOfType('MinutesRecorded')) {
      const missing = await this.missingPledges(minutes);
      if (missing > 0) {
        await this.complete(minutes);
        repaired += missing;
      }
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
