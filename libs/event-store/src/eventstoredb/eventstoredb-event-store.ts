/**
 * EventStore adapter for EventStoreDB over gRPC (`@eventstore/db-client` 6.x).
 *
 * Server requirements: reading `$all` (readAll, subscribeToAll, headPosition, ping) needs a user
 * in the `$admins` group, so the connection string must carry one (`esdb://admin:changeit@...`);
 * with `tls=false` the client drops credentials and an insecure server checks none.
 * `onCaughtUp` relies on the server's CaughtUp message (EventStoreDB >= 23.10); event positions on
 * stream reads need >= 22.6. Event ids must be UUIDs (EventStoreDB stores ids as UUIDs).
 *
 * Positions: our `bigint` position is the commit position. Events appended over gRPC are
 * self-committed, so commit == prepare for every event and `{ commit: p, prepare: p }` names the
 * event at `p` exactly. `readAll` with `fromPosition` is INCLUSIVE on the server, so we start at
 * `after` and drop every event whose commit position is <= `after` (the same guard protects
 * subscriptions, whose start position the server already treats as exclusive).
 *
 * Stream reads ask for the leader (read-your-writes for a command handler that reads, then appends).
 * Everything client-specific is in the `translate` section at the bottom, to keep a move to
 * `@kurrent/kurrentdb-client` small.
 */
import {
  ANY, BACKWARDS, END, EventStoreDBClient, FORWARDS, NO_STREAM, START, STREAM_EXISTS, StreamDeletedError,
  StreamNotFoundError as EsdbStreamNotFoundError, WrongExpectedVersionError, eventTypeFilter, excludeSystemEvents,
  isCommandError, jsonEvent, streamNameFilter,
} from '@eventstore/db-client';
import type {
  AllStreamResolvedEvent, AllStreamSubscription, AppendExpectedRevision, Filter, Position, ResolvedEvent, StreamingRead,
} from '@eventstore/db-client';
import type { EventMetadata, JsonObject, NewEvent, RecordedEvent } from '@concordat/shared-kernel';
import { EventStoreUnavailableError, StreamNotFoundError, WrongExpectedRevisionError } from '../event-store.errors';
import type {
  AppendOptions, AppendResult, EventHandler, EventStore, ExpectedRevision, GlobalLogFilter, ReadAllOptions,
  ReadStreamOptions, SubscribeOptions, Subscription,
} from '../event-store.port';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class EventStoreDbEventStore implements EventStore {
  readonly kind = 'eventstoredb' as const;
  private readonly client: EventStoreDBClient;
  private readonly subscriptions = new Set<EsdbSubscription>();
  private closed = false;

  constructor(connectionString: string) {
    this.client = EventStoreDBClient.connectionString(connectionString);
  }

  async append<D extends JsonObject>(streamId: string, events: NewEvent<D>[], options: AppendOptions): Promise<AppendResult> {
    this.assertOpen();
    if (events.length === 0) throw new TypeError('append needs at least one event');
    const badId = events.find((e) => !UUID.test(e.id));
    if (badId) throw new TypeError(`EventStoreDB event ids must be UUIDs, got "${badId.id}"`);
    const expected = options.expectedRevision;
    try {
      const result = await this.client.appendToStream(
        streamId,
        events.map((e) => jsonEvent({ id: e.id, type: e.type, data: e.data, metadata: e.metadata })),
        { expectedRevision: toEsdbExpected(expected) },
      );
      const nextExpectedRevision = Number(result.nextExpectedRevision);
      // The position of the append's LAST event, read back by revision: the response's position is
      // not documented to be the last event's (multi-event appends) and is absent on idempotent
      // retries on older servers; reading the event makes a retry return exactly the original result.
      const [last] = await this.readStream(streamId, { fromRevision: nextExpectedRevision, maxCount: 1 });
      return { streamId, nextExpectedRevision, position: last?.position ?? result.position?.commit ?? 0n };
    } catch (error) {
      throw translate(error, streamId, expected);
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const backwards = options.direction === 'backwards';
    const from = options.fromRevision ?? (backwards ? 'end' : 'start');
    const read = this.client.readStream(streamId, {
      direction: backwards ? BACKWARDS : FORWARDS,
      fromRevision: from === 'start' ? START : from === 'end' ? END : BigInt(from),
      maxCount: options.maxCount ?? Number.MAX_SAFE_INTEGER,
      requiresLeader: true,
    });
    const out: RecordedEvent[] = [];
    await drain(read, (resolved) => {
      const event = toRecorded(resolved);
      if (event) out.push(event);
      return true;
    }, streamId);
    return out;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const after = options.after ?? 0n;
    const max = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    const out: RecordedEvent[] = [];
    if (max <= 0) return out;
    // v6 of the client cannot filter readAll on the server: scan forwards, filter here, stop early.
    await drain(this.client.readAll({ fromPosition: fromPositionAfter(after), direction: FORWARDS }), (resolved) => {
      const event = toRecorded(resolved);
      if (event && event.position > after && matches(event, options.filter)) out.push(event);
      return out.length < max;
    });
    return out;
  }

  subscribeToAll(handler: EventHandler, options: SubscribeOptions = {}): Subscription {
    this.assertOpen();
    const source = this.client.subscribeToAll({
      fromPosition: fromPositionAfter(options.after ?? 0n),
      filter: serverFilter(options.filter),
    });
    const subscription = new EsdbSubscription(source, handler, options, () => this.subscriptions.delete(subscription));
    this.subscriptions.add(subscription);
    return subscription;
  }

  async headPosition(): Promise<bigint> {
    this.assertOpen();
    let head = 0n;
    await drain(this.client.readAll({ fromPosition: END, direction: BACKWARDS }), (resolved) => {
      const event = toRecorded(resolved);
      if (event && matches(event)) head = event.position;
      return head === 0n;
    });
    return head;
  }

  async ping(): Promise<void> {
    this.assertOpen();
    await drain(this.client.readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 1 }), () => true);
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

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    await this.client.dispose();
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreUnavailableError('The EventStoreDB event store is closed');
  }
}

/** Catch-up subscription: one event at a time, in order, `onCaughtUp` after the last catch-up event is handled. */
class EsdbSubscription implements Subscription {
  private reads = 0;
  private settled = 0;
  private caughtUpAt: number | undefined;
  private caughtUpFired = false;
  private stopped = false;
  private ended = false;
  private failure: unknown;
  private signalled = false;
  private wake: (() => void) | undefined;
  private cursor: bigint;
  private readonly running: Promise<void>;

  constructor(
    private readonly source: AllStreamSubscription,
    private readonly handler: EventHandler,
    private readonly options: SubscribeOptions,
    private readonly onStopped: () => void,
  ) {
    this.cursor = options.after ?? 0n;
    // Events before the CaughtUp message were pushed before it: those already read plus those still
    // buffered (a synchronous emit inside read() happens before that read's item leaves the buffer).
    source.on('caughtUp', () => {
      this.caughtUpAt ??= this.reads + source.readableLength;
      this.maybeCaughtUp();
    });
    source.on('readable', () => this.poke());
    source.on('end', () => ((this.ended = true), this.poke()));
    source.on('error', (error: unknown) => ((this.failure = error), this.poke()));
    this.running = this.run().then(
      () => this.finish(),
      async (error: unknown) => {
        await this.finish();
        const translated = translate(error);
        if (this.options.onError) this.options.onError(translated);
        else setImmediate(() => { throw translated; });
      },
    );
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.poke();
    await this.running;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      if (this.failure !== undefined) throw this.failure;
      const item = this.source.read() as AllStreamResolvedEvent | null;
      if (item === null) {
        if (this.ended) throw new EventStoreUnavailableError('The EventStoreDB subscription was ended by the server');
        await this.idle();
        continue;
      }
      this.reads++;
      const event = toRecorded(item);
      if (event && event.position > this.cursor) {
        this.cursor = event.position;
        if (matches(event, this.options.filter) && !this.stopped) await this.handler(event);
      }
      this.settled++;
      this.maybeCaughtUp();
    }
  }

  private maybeCaughtUp(): void {
    if (this.caughtUpFired || this.stopped || this.caughtUpAt === undefined || this.settled < this.caughtUpAt) return;
    this.caughtUpFired = true;
    this.options.onCaughtUp?.();
  }

  /** Waits for 'readable', 'end', 'error' or stop(); a signal that came while busy is not lost. */
  private idle(): Promise<void> {
    if (this.signalled || this.stopped) {
      this.signalled = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.wake = () => {
        this.wake = undefined;
        resolve();
      };
    });
  }

  private poke(): void {
    if (this.wake) this.wake();
    else this.signalled = true;
  }

  private async finish(): Promise<void> {
    this.stopped = true;
    await this.source.unsubscribe().catch(() => undefined);
    this.source.destroy();
    this.onStopped();
  }
}

// ---- translate: everything specific to @eventstore/db-client ------------------------------------

function toEsdbExpected(expected: ExpectedRevision): AppendExpectedRevision {
  if (expected === 'any') return ANY;
  if (expected === 'no_stream') return NO_STREAM;
  if (expected === 'stream_exists') return STREAM_EXISTS;
  return BigInt(expected);
}

function fromPositionAfter(after: bigint): Position | typeof START {
  return after > 0n ? { commit: after, prepare: after } : START;
}

/** Server-side filters match by prefix only; `matches` re-checks exact types and drops system events. */
function serverFilter(filter?: GlobalLogFilter): Filter {
  if (filter?.streamPrefixes?.length) return streamNameFilter({ prefixes: filter.streamPrefixes });
  if (filter?.eventTypes?.length) return eventTypeFilter({ prefixes: filter.eventTypes });
  return excludeSystemEvents();
}

function matches(event: RecordedEvent, filter?: GlobalLogFilter): boolean {
  if (event.type.startsWith('$') || event.streamId.startsWith('$')) return false;
  if (filter?.streamPrefixes?.length && !filter.streamPrefixes.some((p) => event.streamId.startsWith(p))) return false;
  if (filter?.eventTypes?.length && !filter.eventTypes.includes(event.type)) return false;
  return true;
}

function toRecorded(resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent | undefined {
  const e = resolved.event;
  if (!e) return undefined;
  return {
    id: e.id,
    type: e.type,
    streamId: e.streamId,
    revision: Number(e.revision),
    position: e.position?.commit ?? resolved.commitPosition ?? 0n,
    recordedAt: e.created.toISOString(),
    data: asJson(e.data) as JsonObject,
    metadata: (asJson(e.metadata) ?? {}) as EventMetadata,
  };
}

function asJson(value: unknown): unknown {
  return value instanceof Uint8Array ? JSON.parse(Buffer.from(value).toString('utf8')) : value;
}

/** Iterates a read, translating errors; `take` returning false stops early and cancels the gRPC call. */
async function drain<E>(read: StreamingRead<E>, take: (item: E) => boolean, streamId?: string): Promise<void> {
  let early = false;
  try {
    for await (const item of read) {
      if (!take(item)) {
        early = true;
        break;
      }
    }
  } catch (error) {
    throw translate(error, streamId);
  } finally {
    if (early) await read.cancel().catch(() => undefined);
  }
}

function translate(error: unknown, streamId?: string, expected?: ExpectedRevision): unknown {
  if (error instanceof WrongExpectedVersionError) {
    const actual = error.actualVersion === NO_STREAM ? -1 : Number(error.actualVersion);
    return new WrongExpectedRevisionError(streamId ?? error.streamName, expected ?? 'any', actual);
  }
  if (error instanceof EsdbStreamNotFoundError || error instanceof StreamDeletedError) {
    return new StreamNotFoundError(streamId ?? error.streamName);
  }
  if (error instanceof Error && isCommandError(error)) {
    return new EventStoreUnavailableError(`EventStoreDB ${error.type}: ${error.message}`, error);
  }
  return error;
}
