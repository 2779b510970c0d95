import { randomUUID } from 'node:crypto';
import {
  administrationDecider,
  effectiveOnOf,
  forumDecider,
  makePledgeCommandsFromMinutes,
  meetingDecider,
  pledgeDecider,
  resolveMeetingId,
  streamIdOf,
  themeDecider,
  toEventData,
  type Decider,
  type DomainCommand,
  type DomainEvent,
  type MinutesRecorded,
  type RecordMinutesInput,
  type StreamCategory,
} from '@concordat/domain';
import type { AppendResult, EventStore } from '@concordat/event-store';
import type { EventMetadata } from '@concordat/shared-kernel';

const DECIDERS: Record<StreamCategory, Decider<DomainCommand, DomainEvent, unknown>> = {
  administration: administrationDecider as unknown as Decider<DomainCommand, DomainEvent, unknown>,
  forum: forumDecider as unknown as Decider<DomainCommand, DomainEvent, unknown>,
  theme: themeDecider as unknown as Decider<DomainCommand, DomainEvent, unknown>,
  meeting: meetingDecider as unknown as Decider<DomainCommand, DomainEvent, unknown>,
  pledge: pledgeDecider as unknown as Decider<DomainCommand, DomainEvent, unknown>,
};

export interface WriterOptions {
  /** The deciders' clock: world dates after it are refused. */
  now?: string;
  recordedBy?: string;
}

/**
 * Writes valid histories the way the clerk API does, without HTTP: decide on the folded state,
 * append with the exact expected revision, metadata as the write side sets it. Entry ids are
 * sequential so tests can name them.
 */
export class LedgerWriter {
  private readonly streams = new Map<string, { state: unknown; revision: number }>();
  private nextId = 0;
  readonly entryIds: string[] = [];

  constructor(
    readonly store: EventStore,
    private readonly options: WriterOptions = {},
  ) {}

  /** Decides and appends; throws the DomainError of a refused command (nothing is written then). */
  async execute(category: StreamCategory, id: string, command: DomainCommand, recordedBy?: string): Promise<{ result: AppendResult; events: DomainEvent[] }> {
    const decider = DECIDERS[category];
    const streamId = streamIdOf(category, id);
    const current = this.streams.get(streamId) ?? { state: decider.initialState(), revision: -1 };
    const events = decider.decide(command, current.state, {
      now: this.options.now ?? '2025-06-01T00:00:00.000Z',
      newId: () => {
        const entryId = `entry-${++this.nextId}`;
        this.entryIds.push(entryId);
        return entryId;
      },
    });
    const correlationId = randomUUID();
    const result = await this.store.append(
      streamId,
      events.map((event) => ({ id: randomUUID(), type: event.type, data: toEventData(event), metadata: metadataOf(event, recordedBy ?? this.options.recordedBy ?? 'clerk-ana', correlationId) })),
      { expectedRevision: current.revision === -1 ? 'no_stream' : current.revision },
    );
    this.streams.set(streamId, { state: events.reduce((s, e) => decider.evolve(s, e), current.state), revision: result.nextExpectedRevision });
    return { result, events };
  }

  /** Minutes, then one pledge stream per pledge, as the write side's process manager does. */
  async recordMinutes(input: RecordMinutesInput, recordedBy?: string): Promise<AppendResult> {
    const meetingId = resolveMeetingId(input);
    const { result, events } = await this.execute('meeting', meetingId, { type: 'RecordMinutes', data: input }, recordedBy);
    let last = result;
    for (const command of makePledgeCommandsFromMinutes(events[0] as MinutesRecorded)) {
      last = (await this.execute('pledge', command.data.origin === 'minutes' ? command.data.pledge.pledgeId : '', command, recordedBy)).result;
    }
    return last;
  }

  stateOf<S>(category: StreamCategory, id: string): S | undefined {
    return this.streams.get(streamIdOf(category, id))?.state as S | undefined;
  }
}

function metadataOf(event: DomainEvent, recordedBy: string, correlationId: string): EventMetadata {
  const effectiveOn = effectiveOnOf(event);
  return { recordedBy, correlationId, schemaVersion: 1, ...(effectiveOn !== null ? { effectiveOn } : {}) };
}
