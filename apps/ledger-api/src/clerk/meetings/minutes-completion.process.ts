import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { EVENT_STORE, StreamNotFoundError, type EventStore } from '@concordat/event-store';
import { makePledgeCommandsFromMinutes, pledgeDecider, streamIdOf, type MinutesRecorded } from '@concordat/domain';
import type { RecordedEvent } from '@concordat/shared-kernel';
import { AttentionRegistry } from '../../health/attention.registry';
import { AggregateExecutor, type StreamWrite } from '../write-side/aggregate-executor';
import { pledgeIdClaim } from '../write-side/id-claims';
import type { WriteContext } from '../write-side/write-context';

/**
 * Pledge streams written per commit. A chunk's reads and decisions run in one macrotask and its
 * appends in one group commit; 200 pledges at once held the event loop past 100 ms.
 */
const CHUNK = 25;

/** Events of one type read from the log at a time, at start. */
const PAGE = 500;

/** `step` over every item, a chunk at a time (the chunk concurrently, so that it is one commit). */
async function inChunks<T, R>(items: T[], step: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let from = 0; from < items.length; from += CHUNK) results.push(...(await Promise.all(items.slice(from, from + CHUNK).map(step))));
  return results;
}

/**
 * The cross-stream steps of minutes. Recording: one pledge stream per pledge made at the meeting.
 * Retracting (minutes entered in error): each of those pledges is retracted too, naming why.
 * EventStoreDB cannot append to several streams atomically, so the minutes land first (carrying
 * every pledge in full, and holding the claims on their ids) and this process manager creates
 * the pledge streams from them, a chunk of them per commit. Each step is idempotent (deterministic
 * event ids, "already made from this meeting" is success), and at start-up it completes any minutes a crash interrupted. A record it cannot complete is logged
 * and listed under `/health` as `attention`; it never stops the start.
 */
@Injectable()
export class MinutesCompletionProcess implements OnApplicationBootstrap {
  private readonly logger = new Logger(MinutesCompletionProcess.name);

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly executor: AggregateExecutor,
    private readonly attention: AttentionRegistry,
  ) {}

  async complete(minutes: Pick<RecordedEvent, 'id' | 'data' | 'metadata'>): Promise<StreamWrite[]> {
    const event = { type: 'MinutesRecorded', data: minutes.data } as unknown as MinutesRecorded;
    const holder = streamIdOf('meeting', event.data.meetingId);
    const ctx = this.processContext(minutes, 'minutes-completion');
    const commands = makePledgeCommandsFromMinutes(event);
    return inChunks(commands, async (command) => {
      if (command.data.origin !== 'minutes') throw new Error('minutes make pledges of origin "minutes" only');
      const pledgeId = command.data.pledge.pledgeId;
      const streamId = streamIdOf('pledge', pledgeId);
      const first = await this.firstEvent(streamId);
      if (first?.data.meetingId === command.data.meetingId) {
        // Already made from these minutes: answer with the pledge as it was created.
        return { streamId, revision: first.revision, position: first.position, events: [first] };
      }
      // No stream (nothing more to read), or another record's: the decider needs its whole history to refuse.
      const history = first ? await this.executor.read(streamId) : [];
      return this.executor.execute(pledgeDecider, streamId, command, { ...ctx }, () => ({ claims: [pledgeIdClaim(pledgeId, holder)] }), history);
    });
  }

  /** Retracts the pledges of retracted minutes; a pledge already retracted is left as it is. */
  async retractPledges(retraction: Pick<RecordedEvent, 'id' | 'metadata'>, meetingId: string, reason: string): Promise<StreamWrite[]> {
    const minutes = (await this.executor.read(streamIdOf('meeting', meetingId))).find((e) => e.type === 'MinutesRecorded');
    const ctx = this.processContext(retraction, 'minutes-retraction');
    const writes = await inChunks((minutes?.data.pledges ?? []) as Array<{ pledgeId: string }>, async ({ pledgeId }) => {
      const streamId = streamIdOf('pledge', pledgeId);
      // Only the meeting's own pledges: an id another record holds is not this meeting's to retract.
      if ((await this.firstEvent(streamId))?.data.meetingId !== meetingId) return undefined;
      const history = await this.executor.read(streamId);
      if (history.some((e) => e.type === 'PledgeRetracted')) return undefined;
      const input = { reason: `The minutes of ${meetingId} were retracted: ${reason}`, retract: true };
      return this.executor.execute(pledgeDecider, streamId, { type: 'CorrectPledge', data: { pledgeId, input } }, { ...ctx });
    });
    return writes.filter((w): w is StreamWrite => w !== undefined);
  }

  private processContext(cause: Pick<RecordedEvent, 'id' | 'metadata'>, path: string): WriteContext {
    return { principal: { id: cause.metadata.recordedBy, roles: [] }, correlationId: cause.metadata.correlationId, causationId: cause.id, method: 'PROCESS', path };
  }

  /**
   * Completes minutes whose pledge streams a crash left unwritten, and retractions whose pledges it
   * left standing. The log is walked a page at a time, and the pledge streams of a page of minutes
   * are asked for their first events together: at a million events, gathering every minutes
   * record and reading every pledge stream whole took most of the start's time and memory.
   */
  async onApplicationBootstrap(): Promise<void> {
    let completed = 0;
    for await (const page of this.pagesOfType('MinutesRecorded')) {
      // If the page's read fails (a malformed record, a corrupt stored event), each record reads its own, so the failure is that record's.
      const madeForPage = await this.pledgeFirstEvents(page).catch(() => undefined);
      for (const minutes of page) {
        completed += await this.repair(minutes, 'minutes-incomplete', async () => {
          const streams = pledgeStreamsOf(minutes);
          const made = madeForPage ?? (await this.pledgeFirstEvents([minutes]));
          // A pledge with no stream yet, or whose stream another record made (that one needs a clerk).
          const missing = streams.filter((streamId) => made.get(streamId)?.data.meetingId !== minutes.data.meetingId).length;
          if (missing > 0) await this.complete(minutes);
          return missing;
        });
      }
    }
    if (completed > 0) this.logger.warn(`Completed ${completed} pledge stream(s) of minutes interrupted by a crash`);
    for await (const page of this.pagesOfType('MeetingRetracted')) {
      for (const retraction of page) {
        const meetingId = String(retraction.data.meetingId);
        const repaired = await this.repair(retraction, 'retraction-incomplete', async () => (await this.retractPledges(retraction, meetingId, String(retraction.data.reason))).length);
        if (repaired > 0) this.logger.warn(`Retracted ${repaired} pledge(s) of ${meetingId} left standing by a crash`);
      }
    }
  }

  /** One record's repair: its failure is that record's problem, reported, never the whole start's. */
  private async repair(event: RecordedEvent, kind: string, work: () => Promise<number>): Promise<number> {
    try {
      const done = await work();
      this.attention.resolve(kind, event.streamId);
      return done;
    } catch (error) {
      this.attention.report({ kind, streamId: event.streamId, position: event.position.toString(), cause: describe(error) });
      return 0;
    }
  }

  /** The log's events of one type, a page at a time (only one page is held). */
  private async *pagesOfType(type: string): AsyncGenerator<RecordedEvent[]> {
    for (let after = 0n; ; ) {
      const page = await this.store.readAll({ after, maxCount: PAGE, filter: { eventTypes: [type] } });
      if (page.length > 0) yield page;
      if (page.length < PAGE) return;
      after = page[page.length - 1].position;
    }
  }

  /** The first events of the minutes' pledge streams, by stream id, in one read (async: a malformed record rejects, never throws). */
  private async pledgeFirstEvents(minutes: RecordedEvent[]): Promise<Map<string, RecordedEvent>> {
    return this.store.readFirstEvents(minutes.flatMap(pledgeStreamsOf));
  }

  /** A stream's first event (undefined: no stream): who made a pledge is all its first event says. */
  private async firstEvent(streamId: string): Promise<RecordedEvent | undefined> {
    try {
      return (await this.store.readStream(streamId, { maxCount: 1 }))[0];
    } catch (error) {
      if (error instanceof StreamNotFoundError) return undefined;
      throw error;
    }
  }
}

function pledgeStreamsOf(minutes: RecordedEvent): string[] {
  return ((minutes.data.pledges ?? []) as Array<{ pledgeId: string }>).map((p) => streamIdOf('pledge', p.pledgeId));
}

function describe(error: unknown): string {
  const response = (error as { getResponse?: () => unknown }).getResponse?.();
  if (response && typeof response === 'object' && 'message' in response) return String((response as { message: unknown }).message);
  return error instanceof Error ? error.message : String(error);
}
