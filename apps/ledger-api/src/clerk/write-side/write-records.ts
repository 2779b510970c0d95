import { Inject, Injectable, Logger } from '@nestjs/common';
import { EVENT_STORE, StreamNotFoundError, type EventStore, type WriteRecord } from '@concordat/event-store';
import type { JsonObject, RecordedEvent } from '@concordat/shared-kernel';
import { deterministicUuid } from './deterministic-id';

/** Streams of answers kept in the log by stores that cannot keep them beside it (and by ledgers written before they could). */
export const IDEMPOTENCY_STREAM_PREFIX = 'idempotency-';

/**
 * The stored answers of writes made under an Idempotency-Key. The embedded store keeps them in a
 * table beside the log (no ledger entry, and the save joins its neighbours' group commit); a store
 * without that keeps one `IdempotentResponseRecorded` event per answered write in
 * `idempotency-<scope>`. Either way only writes that succeeded leave a record.
 *
 * A save is not awaited by the request: until it is durable the answer is served from memory,
 * and if the process dies first the retry recognises the write by the key in its events' metadata.
 */
@Injectable()
export class WriteRecords {
  private readonly logger = new Logger(WriteRecords.name);
  private readonly unsaved = new Map<string, WriteRecord>();
  private readonly saving = new Set<Promise<void>>();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async read(scope: string): Promise<WriteRecord | undefined> {
    const pending = this.unsaved.get(scope);
    if (pending) return pending;
    const kept = this.store.readWriteRecord ? await this.store.readWriteRecord(scope) : undefined;
    return kept ?? this.readFromLog(scope);
  }

  save(record: WriteRecord): void {
    this.unsaved.set(record.scope, record);
    const saved = (this.store.saveWriteRecord ? this.store.saveWriteRecord(record) : this.appendToLog(record))
      .catch((error: unknown) => this.logger.warn({ err: error }, `Answer of an idempotent write not stored; a retry recognises it by its events`))
      .finally(() => {
        this.unsaved.delete(record.scope);
        this.saving.delete(saved);
      });
    this.saving.add(saved);
  }

  /** Resolves when every save begun so far has landed (shutdown, tests). */
  async flushed(): Promise<void> {
    await Promise.all([...this.saving]);
  }

  private async readFromLog(scope: string): Promise<WriteRecord | undefined> {
    let history: RecordedEvent[];
    try {
      history = await this.store.readStream(`${IDEMPOTENCY_STREAM_PREFIX}${scope}`);
    } catch (error) {
      if (error instanceof StreamNotFoundError) return undefined;
      throw error;
    }
    // Older ledgers also hold an `IdempotencyKeyClaimed` first; a claim without an answer was refused or crashed: the key is free.
    const answer = history.find((e) => e.type === 'IdempotentResponseRecorded');
    if (!answer) return undefined;
    const claim = history.find((e) => e.type === 'IdempotencyKeyClaimed');
    const requestHash = String(answer.data.requestHash ?? claim?.data.requestHash ?? '');
    const method = String(answer.data.method ?? claim?.data.method ?? '');
    const path = String(answer.data.path ?? claim?.data.path ?? '');
    return { scope, requestHash, method, path, status: Number(answer.data.status), body: answer.data.body as JsonObject };
  }

  private async appendToLog(record: WriteRecord): Promise<void> {
    const { scope, ...data } = record;
    await this.store.append(
      `${IDEMPOTENCY_STREAM_PREFIX}${scope}`,
      [{ id: deterministicUuid('response', scope), type: 'IdempotentResponseRecorded', data: data as unknown as JsonObject, metadata: { recordedBy: 'idempotency', correlationId: scope, schemaVersion: 1 } }],
      { expectedRevision: 'any' },
    );
  }
}
