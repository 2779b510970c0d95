import { effectiveOnOf, streamIdOf, toEventData, type DomainEvent, type StreamCategory } from '@concordat/domain';
import type { JsonObject, RecordedEvent } from '@concordat/shared-kernel';

/**
 * Envelopes for specs: domain events as the store would record them, one per `at` instant,
 * positions from 1, revisions per stream. No store involved: the view and reports are pure.
 */
export class RecordedLog {
  readonly events: RecordedEvent[] = [];
  private readonly revisions = new Map<string, number>();

  record(category: StreamCategory, id: string, event: DomainEvent, recordedAt: string, recordedBy = 'clerk-ana'): RecordedEvent {
    const effectiveOn = effectiveOnOf(event);
    return this.recordIn(streamIdOf(category, id), event.type, toEventData(event), recordedAt, { recordedBy, ...(effectiveOn ? { effectiveOn } : {}) });
  }

  /** An event of a stream the read side does not model (idempotency records, other tools). */
  recordIn(streamId: string, type: string, data: JsonObject, recordedAt: string, meta: { recordedBy: string; effectiveOn?: string } = { recordedBy: 'system' }): RecordedEvent {
    const revision = (this.revisions.get(streamId) ?? -1) + 1;
    this.revisions.set(streamId, revision);
    const recorded: RecordedEvent = {
      id: `event-${this.events.length + 1}`,
      type,
      streamId,
      revision,
      position: BigInt(this.events.length + 1),
      recordedAt,
      data,
      metadata: { ...meta, correlationId: 'corr', schemaVersion: 1 },
    };
    this.events.push(recorded);
    return recorded;
  }
}
