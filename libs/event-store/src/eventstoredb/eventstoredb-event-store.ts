/**
 * EventStore adapter for EventStoreDB and KurrentDB over gRPC (`@eventstore/db-client` 6.2.1).
 *
 * Server requirements: reading `$all` (readAll, subscribeToAll, headPosition, ping) needs a user
 * in the `$admins` group, so the connection string must carry one (`esdb://admin:changeit@...`);
 * with `tls=false` the client drops credentials and an insecure server checks none. Event
 * positions on stream reads need >= 22.6 (docker/README.md lists the versions supported). Event
 * ids must be UUIDs (the server stores ids as UUIDs).
 *
 * Positions: our `bigint` position is the commit position. Events appended over gRPC are
 * self-committed, so commit == prepare for every event and `{ commit: p, prepare: p }` names the
 * event at `p` exactly. A read of `$all` from a position is INCLUSIVE on the server and a
 * subscription's start is exclusive; both are guarded by dropping every event at or before the
 * cursor.
 *
 * Only ledger events leave this adapter: system streams and types and anything not stored as a
 * JSON object are skipped before decoding (see `toLedgerEvent`). Every read is paged with a
 * server-side count and drained to its end (see esdb-pages.ts), so `close()` never waits on a
 * half-read stream.
 */
import { EventStoreDBClient, jsonEvent } from '@eventstore/db-client';
import type { AllStreamResolvedEvent, ResolvedEvent } from '@eventstore/db-client';
import type { JsonObject, NewEvent, RecordedEvent } from '@concordat/shared-kernel';
import { EventStoreUnavailableError, StreamNotFoundError } from '../event-store.errors';
import type {
  AppendOptions, AppendResult, EventHandler, EventStore, GlobalLogFilter, ReadAllOptions, ReadStreamOptions,
  SubscribeOptions, Subscription,
} from '../event-store.port';
import { readAllPage, readStreamPage } from './esdb-pages';
import {
  fromPositionAfter, isTransient, positionOf, positionOfResolved, serverFilter, toEsdbExpected, toLedgerEvent, translate,
} from './esdb-translate';
import { EsdbSubscription } from './eventstoredb-subscription';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface EventStoreDbOptions {
  /** Events asked of the server per read request. */
  pageSize?: number;
  /** Resubscription backoff after a drop: first delay and cap. */
  resubscribeBackoffMs?: { first: number; max: number };
  /** Attempts at reading an append's last event back (its position) before giving up. */
  readBackAttempts?: number;
  /** How long close() waits for subscriptions to stop, and then for the client to release its streams. */
  closeTimeoutMs?: number;
}

/** Single-stream reads readFirstEvents keeps in flight at once. */
const FIRST_EVENTS_IN_FLIGHT = 32;

export class EventStoreDbEventStore implements EventStore {
  readonly kind = 'eventstoredb' as const;
  private readonly client: EventStoreDBClient;
  private readonly subscriptions = new Set<EsdbSubscription>();
  private readonly pageSize: number;
  private readonly settings: Required<Omit<EventStoreDbOptions, 'pageSize'>>;
  private closed = false;

  constructor(connectionString: string, options: EventStoreDbOptions = {}) {
    this.client = EventStoreDBClient.connectionString(connectionString);
    this.pageSize = Math.max(2, options.pageSize ?? 500);
    this.settings = {
      resubscribeBackoffMs: options.resubscribeBackoffMs ?? { first: 100, max: 5000 },
      readBackAttempts: options.readBackAttempts ?? 5,
      closeTimeoutMs: options.closeTimeoutMs ?? 2000,
    };
  }

  async append<D extends JsonObject>(streamId: string, events: NewEvent<D>[], options: AppendOptions): Promise<AppendResult> {
    this.assertOpen();
    if (events.length === 0) throw new TypeError('append needs at least one event');
    const badId = events.find((e) => !UUID.test(e.id));
    if (badId) throw new TypeError(`EventStoreDB event ids must be UUIDs, got "${badId.id}"`);
    const expected = options.expectedRevision;
    const result = await this.client
      .appendToStream(
        streamId,
        events.map((e) => jsonEvent({ id: e.id, type: e.type, data: e.data, metadata: e.metadata })),
        { expectedRevision: toEsdbExpected(expected) },
      )
      .catch((error: unknown) => {
        throw translate(error, streamId, expected);
      });
    const nextExpectedRevision = Number(result.nextExpectedRevision);
    // The append is committed from here on: whatever happens next must not report it as failed.
    // The position returned is that of the append's LAST event, read back by revision: the
    // response's position is not documented to be the last event's (multi-event appends) and is
    // absent on an idempotent retry, whose answer must be the first attempt's.
    const position = await this.readBackPosition(streamId, nextExpectedRevision);
    return { streamId, nextExpectedRevision, position: position ?? result.position?.commit ?? 0n };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const backwards = options.direction === 'backwards';
    const start = options.fromRevision ?? (backwards ? 'end' : 'start');
    let from: bigint | 'start' | 'end' = typeof start === 'number' ? BigInt(start) : start;
    const max = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    const out: RecordedEvent[] = [];
    while (out.length < max) {
      if (typeof from === 'bigint' && from < 0n) break; // read backwards past revision 0
      const count = Math.min(this.pageSize, max - out.length);
      const page = await this.completed(readStreamPage(this.client, streamId, { direction: backwards ? 'backwards' : 'forwards', from, count }), streamId);
      for (const resolved of page) {
        const event = toLedgerEvent(resolved);
        if (event && out.length < max) out.push(event);
      }
      if (page.length < count) break;
      const last = page[page.length - 1].event?.revision;
      if (last === undefined) break;
      from = backwards ? last - 1n : last + 1n;
    }
    return out;
  }

  /** EventStoreDB has no multi-stream read: one single-event read per stream, a few in flight at a time. */
  async readFirstEvents(streamIds: readonly string[]): Promise<Map<string, RecordedEvent>> {
    const unique = [...new Set(streamIds)];
    const first = new Map<string, RecordedEvent>();
    for (let from = 0; from < unique.length; from += FIRST_EVENTS_IN_FLIGHT) {
      await Promise.all(
        unique.slice(from, from + FIRST_EVENTS_IN_FLIGHT).map(async (streamId) => {
          const [event] = await this.readStream(streamId, { maxCount: 1 }).catch((e: unknown) => (e instanceof StreamNotFoundError ? [] : Promise.reject(e)));
          if (event) first.set(streamId, event);
        }),
      );
    }
    return first;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const max = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    const out: RecordedEvent[] = [];
    let cursor = options.after ?? 0n;
    while (out.length < max) {
      // From a position the server's read is inclusive: one more than needed keeps every page moving.
      const count = Math.min(this.pageSize, max - out.length + (cursor > 0n ? 1 : 0));
      const page = await this.allPage({ direction: 'forwards', from: cursor > 0n ? positionOf(cursor) : 'start', count, filter: options.filter });
      for (const resolved of page) {
        const position = positionOfResolved(resolved) ?? 0n;
        if (position <= cursor) continue;
        cursor = position;
        const event = toLedgerEvent(resolved, options.filter);
        if (event && out.length < max) out.push(event);
      }
      if (page.length < count) break;
    }
    return out;
  }

  subscribeToAll(handler: EventHandler, options: SubscribeOptions = {}): Subscription {
    this.assertOpen();
    const backoff = this.settings.resubscribeBackoffMs;
    const subscription = new EsdbSubscription(
      {
        open: (after) => this.client.subscribeToAll({ fromPosition: fromPositionAfter(after), filter: serverFilter(options.filter) }),
        head: (filter) => this.lastPosition(filter),
        backoff: { firstMs: backoff.first, maxMs: backoff.max },
      },
      handler,
      options,
      () => this.subscriptions.delete(subscription),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async headPosition(): Promise<bigint> {
    this.assertOpen();
    return this.lastPosition();
  }

  async ping(): Promise<void> {
    this.assertOpen();
    await this.allPage({ direction: 'backwards', from: 'end', count: 1, filter: undefined });
  }

  /** Start-up self-check: the ledger never expires or truncates events, so no stream may carry retention metadata. */
  async assertNoRetention(streamIds: string[]): Promise<void> {
    this.assertOpen();
    const offenders: string[] = [];
    for (const streamId of streamIds) {
      const { metadata } = await this.client.getStreamMetadata(streamId).catch((error) => {
        throw translate(error, streamId);
      });
      const set = (['maxAge', 'maxCount', 'truncateBefore'] as const).filter((k) => metadata?.[k] !== undefined);
      if (set.length > 0) offenders.push(`${streamId} (${set.join(', ')})`);
    }
    if (offenders.length > 0) {
      throw new Error(`Retention metadata ($maxAge/$maxCount/$tb) is set on ledger streams: ${offenders.join('; ')}`);
    }
  }

  /**
   * Stops every subscription (letting a handler call in flight finish), then lets the client
   * release its streams; each step is bounded, so a server that hangs cannot hold up a shutdown.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await within(Promise.all([...this.subscriptions].map((s) => s.stop())), this.settings.closeTimeoutMs);
    await within(this.client.dispose(), this.settings.closeTimeoutMs);
  }

  /** Position of the last ledger event matching `filter`, reading `$all` backwards a page at a time. */
  private async lastPosition(filter?: GlobalLogFilter): Promise<bigint> {
    let cursor: bigint | undefined;
    const count = Math.min(this.pageSize, 64);
    for (;;) {
      const page = await this.allPage({ direction: 'backwards', from: cursor === undefined ? 'end' : positionOf(cursor), count, filter });
      for (const resolved of page) {
        const position = positionOfResolved(resolved) ?? 0n;
        if (cursor !== undefined && position >= cursor) continue;
        if (toLedgerEvent(resolved, filter)) return position;
        cursor = position;
      }
      if (page.length < count || cursor === undefined) return 0n;
    }
  }

  private allPage(page: { direction: 'forwards' | 'backwards'; from: ReturnType<typeof positionOf> | 'start' | 'end'; count: number; filter?: GlobalLogFilter }): Promise<AllStreamResolvedEvent[]> {
    return this.completed(readAllPage(this.client, { ...page, filter: serverFilter(page.filter) }));
  }

  /** A page read to its end; one that close() cancelled ends early too, and must not pass for the whole answer. */
  private async completed<T>(read: Promise<T>, streamId?: string): Promise<T> {
    const page = await read.catch((error: unknown) => {
      throw translate(error, streamId);
    });
    if (this.closed) throw new EventStoreUnavailableError('The EventStoreDB event store was closed during the read');
    return page;
  }

  /** The position of an append's last event; undefined if it could not be read back (the append stands). */
  private async readBackPosition(streamId: string, revision: number): Promise<bigint | undefined> {
    for (let attempt = 1; ; attempt++) {
      try {
        const [resolved]: ResolvedEvent[] = await readStreamPage(this.client, streamId, { direction: 'forwards', from: BigInt(revision), count: 1 });
        return resolved ? positionOfResolved(resolved) : undefined;
      } catch (error) {
        if (!isTransient(error) || attempt >= this.settings.readBackAttempts || this.closed) return undefined;
        await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
      }
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreUnavailableError('The EventStoreDB event store is closed');
  }
}

async function within(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([work.catch(() => undefined), new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}
