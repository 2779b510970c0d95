import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { EVENT_STORE, type EventStore, type GlobalLogFilter } from '@concordat/event-store';
import { effectiveEnd, effectiveStart, isPartialDate, type RecordedEvent } from '@concordat/shared-kernel';
import { isLedgerEntry, storedEntry } from '@concordat/audit';
import type { AuditEventDto, AuditEventPageDto, LedgerEnvelopeDto, StoredMetadataDto, StreamHistoryDto } from './dto/audit-event.dto';
import type { AuditEventsQuery } from './dto/audit-query.dto';
import { LedgerIndex } from './ledger-index';

const BATCH = 500;
/** A filtered page stops scanning here and hands back a cursor, so no request reads the whole log. */
export const MAX_SCAN = 10_000;

/** Browsing the global log and stream histories, each event with its envelope and recorded leaf hash. */
@Injectable()
export class AuditLogService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly index: LedgerIndex,
  ) {}

  async page(query: AuditEventsQuery): Promise<AuditEventPageDto> {
    await this.index.ensureCaughtUp();
    const upTo = this.index.indexedPosition;
    const treeSize = this.index.size;
    const limit = query.limit ?? 100;
    const matches = eventPredicate(query);
    const prefix = query.stream ?? query.streamPrefix;
    const filter: GlobalLogFilter = { streamPrefixes: prefix ? [prefix] : undefined, eventTypes: query.type ? [query.type] : undefined };
    const items: AuditEventDto[] = [];
    let after = BigInt(query.cursor ?? '0');
    let scanned = 0;
    for (;;) {
      const batch = await this.store.readAll({ after, maxCount: BATCH, filter });
      for (const event of batch) {
        // Events appended after the index caught up get their sequence on the next request.
        if (event.position > upTo) return { items, nextCursor: null, treeSize };
        after = event.position;
        scanned += 1;
        if (isLedgerEntry(event) && matches(event)) items.push(this.item(event));
        if (items.length === limit) return { items, nextCursor: String(after), treeSize };
      }
      if (batch.length < BATCH) return { items, nextCursor: null, treeSize };
      if (scanned >= MAX_SCAN) return { items, nextCursor: String(after), treeSize };
    }
  }

  async stream(streamId: string): Promise<StreamHistoryDto> {
    if (!isLedgerEntry({ streamId })) {
      throw new NotFoundException({ code: 'NOT_FOUND', message: `${streamId} holds the ledger's checkpoints, not ledger entries: see GET /v1/audit/checkpoints` });
    }
    await this.index.ensureCaughtUp();
    const events = await this.store.readStream(streamId);
    return { streamId, revision: events[events.length - 1].revision, events: events.map((e) => this.item(e)) };
  }

  /**
   * The event with its ledger sequence and the leaf hash the LEDGER recorded (not one recomputed
   * from the data as it is now). An event the index never saw — written into the store behind
   * the service's back — gets sequence 0 and an empty leaf hash.
   */
  item(event: RecordedEvent): AuditEventDto {
    const sequence = this.index.sequenceOf(event.position) ?? 0;
    const entry = storedEntry(event, Math.max(sequence, 1), sequence > 0 ? this.index.leafHash(sequence) : '');
    return {
      sequence,
      position: event.position.toString(),
      envelope: { ...entry.envelope, sequence } as LedgerEnvelopeDto,
      data: event.data,
      metadata: event.metadata as unknown as StoredMetadataDto,
      leafHash: entry.leafHash,
    };
  }
}

/** The filters that the store cannot apply (recorded-by, recorded-time and effective-date ranges). */
export function eventPredicate(q: AuditEventsQuery): (event: RecordedEvent) => boolean {
  const recordedFrom = q.recordedFrom ? Date.parse(q.recordedFrom) : undefined;
  const recordedTo = q.recordedTo ? Date.parse(q.recordedTo) : undefined;
  const effectiveFrom = q.effectiveFrom ? effectiveStart(q.effectiveFrom) : undefined;
  const effectiveTo = q.effectiveTo ? effectiveEnd(q.effectiveTo) : undefined;
  return (event) => {
    const m = event.metadata;
    if (q.stream !== undefined && event.streamId !== q.stream) return false;
    if (q.streamPrefix !== undefined && !event.streamId.startsWith(q.streamPrefix)) return false;
    if (q.type !== undefined && event.type !== q.type) return false;
    if (q.recordedBy !== undefined && m.recordedBy !== q.recordedBy) return false;
    const at = Date.parse(event.recordedAt);
    if (recordedFrom !== undefined && !(at >= recordedFrom)) return false;
    if (recordedTo !== undefined && !(at <= recordedTo)) return false;
    if (effectiveFrom !== undefined || effectiveTo !== undefined) {
      if (typeof m.effectiveOn !== 'string' || !isPartialDate(m.effectiveOn)) return false;
      const end = effectiveEnd(m.effectiveOn);
      if (effectiveFrom !== undefined && end < effectiveFrom) return false;
      if (effectiveTo !== undefined && end > effectiveTo) return false;
    }
    return true;
  };
}
