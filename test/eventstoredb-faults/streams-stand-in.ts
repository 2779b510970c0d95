/**
 * WIRE-LEVEL STAND-IN FOR FAULT INJECTION. Not EventStoreDB, and never the contract run.
 *
 * It serves EventStoreDB's Streams gRPC service (`event_store.client.streams.Streams`: Read and
 * Append) on loopback from the client's own generated protos, so the adapter is driven through
 * the real `@eventstore/db-client` 6.2.1 and the real wire format. It exists to make the server
 * behaviours the adapter must survive happen on demand: non-JSON system and link events,
 * tombstones, dropped subscriptions (UNAVAILABLE, CANCELLED, deadline, clean end), the append
 * size limit, inclusive reads versus exclusive subscriptions, and servers without CaughtUp.
 * Where it models the server it follows the server's documented behaviour as read in the
 * client's sources; anything else (scavenging, clustering, ACLs, the ServerFeatures service,
 * which it leaves UNIMPLEMENTED as servers before 21.10 do) is out of its scope.
 */
import { Metadata, Server, ServerCredentials, status, type sendUnaryData, type ServerReadableStream, type ServerWritableStream } from '@grpc/grpc-js';
import { StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb';
import { AppendReq, AppendResp, ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { Empty, StreamIdentifier, UUID } from '@eventstore/db-client/generated/shared_pb';
import { randomUUID } from 'node:crypto';

export interface StandInRecord {
  streamId: string;
  revision: number;
  id: string;
  type: string;
  contentType: string;
  data: Buffer;
  metadata: Buffer;
  position: bigint;
  createdTicks: bigint;
}

export interface StandInOptions {
  /** EventStoreDB 23.10 and later send CaughtUp when a catch-up subscription goes live. */
  sendsCaughtUp?: boolean;
  /** The server's MaxAppendSize (1 MiB by default). */
  maxAppendSize?: number;
}

export type DropKind = 'unavailable' | 'cancelled' | 'deadline' | 'end';

interface LiveSubscription {
  call: ServerWritableStream<ReadReq, ReadResp>;
  matches: (r: StandInRecord) => boolean;
  after: bigint;
}

const JSON_TYPE = 'application/json';

export class StreamsStandIn {
  readonly log: StandInRecord[] = [];
  private readonly tombstoned = new Set<string>();
  private readonly live = new Set<LiveSubscription>();
  private nextPosition = 1000n;
  private readonly server = new Server();
  private port = 0;
  /** Read calls (reads and subscriptions) accepted so far, and those still open on the server side. */
  readCalls = 0;
  openCalls = 0;
  /** The largest count a non-subscription read asked for. */
  largestCountAsked = 0;
  /** The next this-many stream reads fail with UNAVAILABLE (a leader change between append and read). */
  failStreamReads = 0;
  /** Read calls are accepted and never answered (a server that hangs). */
  hangReads = false;
  /** Subscriptions are refused with "access denied" (a user without $all access on a secure server). */
  refuseSubscriptions = false;

  private constructor(readonly options: Required<StandInOptions>) {}

  static async start(options: StandInOptions = {}): Promise<StreamsStandIn> {
    const standIn = new StreamsStandIn({ sendsCaughtUp: options.sendsCaughtUp ?? true, maxAppendSize: options.maxAppendSize ?? 1024 * 1024 });
    standIn.server.addService(StreamsService, {
      read: (call: ServerWritableStream<ReadReq, ReadResp>) => standIn.read(call),
      append: (call: ServerReadableStream<AppendReq, AppendResp>, done: sendUnaryData<AppendResp>) => standIn.append(call, done),
    } as never);
    standIn.port = await new Promise<number>((resolve, reject) =>
      standIn.server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, port) => (error ? reject(error) : resolve(port))),
    );
    return standIn;
  }

  get connectionString(): string {
    return `esdb://127.0.0.1:${this.port}?tls=false`;
  }

  async stop(): Promise<void> {
    this.server.forceShutdown();
  }

  /** Writes an event as some other writer would (the server itself, a projection, a foreign app). */
  write(streamId: string, type: string, data: string | Buffer, contentType = JSON_TYPE, metadata: string | Buffer = '', id: string = randomUUID()): StandInRecord {
    const revision = this.log.filter((r) => r.streamId === streamId).length;
    const record: StandInRecord = {
      streamId, revision, id, type, contentType,
      data: Buffer.from(data), metadata: Buffer.from(metadata),
      position: this.nextPosition, createdTicks: BigInt(Date.now()) * 10000n,
    };
    this.nextPosition += 1000n + BigInt(record.data.length);
    this.log.push(record);
    this.publish(record);
    return record;
  }

  /** What a secure server and its system projections put in `$all` beside the ledger's events. */
  writeSystemNoise(): void {
    this.write('$users', '$User', 'admin', 'application/octet-stream');
    this.write('$user-admin', '$UserCreated', '{"loginName":"admin"}');
    this.write('$ce-meeting', '$>', '0@meeting-1', 'application/octet-stream');
    this.write('$et-MinutesRecorded', '$>', '0@meeting-1', 'application/octet-stream');
    this.write('$settings', '$settings', '{"$userStreamAcl":{}}');
  }

  /** Hard delete: the stream can never be written or read again; `$streamDeleted` lands in `$all`. */
  tombstone(streamId: string): void {
    this.write(streamId, '$streamDeleted', '', 'application/octet-stream');
    this.tombstoned.add(streamId);
  }

  /** Ends every live subscription call the way a restart, an election or a slow consumer would. */
  dropSubscriptions(kind: DropKind): number {
    const dropped = [...this.live];
    for (const sub of dropped) {
      this.live.delete(sub);
      if (kind === 'end') sub.call.end();
      else {
        const code = kind === 'unavailable' ? status.UNAVAILABLE : kind === 'cancelled' ? status.CANCELLED : status.DEADLINE_EXCEEDED;
        sub.call.emit('error', { code, details: `stand-in dropped the subscription (${kind})` });
      }
    }
    return dropped.length;
  }

  get liveSubscriptions(): number {
    return this.live.size;
  }

  // ---- Read ------------------------------------------------------------------------------------

  private read(call: ServerWritableStream<ReadReq, ReadResp>): void {
    this.readCalls++;
    this.openCalls++;
    let open = true;
    const closed = () => {
      if (open) (open = false), this.openCalls--;
    };
    call.on('finish', closed);
    call.on('close', closed);
    call.on('error', closed);
    call.on('cancelled', () => {
      closed();
      for (const sub of this.live) if (sub.call === call) this.live.delete(sub);
    });
    if (this.hangReads) return;
    const options = call.request.getOptions()!;
    const forwards = options.getReadDirection() === ReadReq.Options.ReadDirection.FORWARDS;
    const matches = filterOf(options);
    if (options.hasCount()) this.largestCountAsked = Math.max(this.largestCountAsked, Number(options.getCount()));

    if (options.hasStream()) {
      if (this.failStreamReads > 0) {
        this.failStreamReads--;
        call.emit('error', { code: status.UNAVAILABLE, details: 'stand-in: node unavailable' });
        return;
      }
      const so = options.getStream()!;
      const streamId = Buffer.from(so.getStreamIdentifier()!.getStreamName_asU8()).toString('utf8');
      if (this.tombstoned.has(streamId)) return failWith(call, status.FAILED_PRECONDITION, 'stream-deleted', { 'stream-name': streamId });
      const events = this.log.filter((r) => r.streamId === streamId && r.type !== '$streamDeleted');
      if (events.length === 0) {
        const notFound = new ReadResp.StreamNotFound();
        notFound.setStreamIdentifier(identifier(streamId));
        const resp = new ReadResp();
        resp.setStreamNotFound(notFound);
        call.write(resp);
        return void call.end();
      }
      const from = so.hasStart() ? (forwards ? 0 : -1) : so.hasEnd() ? (forwards ? Infinity : events.length - 1) : Number(so.getRevision());
      const picked = forwards ? events.filter((r) => r.revision >= from) : events.filter((r) => r.revision <= from).reverse();
      for (const r of picked.slice(0, Number(options.getCount()))) call.write(eventResp(r, false));
      return void call.end();
    }

    const ao = options.getAll()!;
    const at = ao.hasPosition() ? BigInt(ao.getPosition()!.getCommitPosition()) : undefined;
    if (options.hasSubscription() && this.refuseSubscriptions) return failWith(call, status.PERMISSION_DENIED, 'access-denied', {});
    if (options.hasSubscription()) return this.subscribe(call, ao.hasEnd() ? this.nextPosition : at ?? -1n, matches);
    // Reads of $all from a position: forwards INCLUSIVE, backwards strictly before it.
    const picked = forwards
      ? this.log.filter((r) => (ao.hasEnd() ? false : at === undefined || r.position >= at) && matches(r))
      : this.log.filter((r) => (ao.hasStart() ? false : at === undefined || r.position < at) && matches(r)).reverse();
    for (const r of picked.slice(0, Number(options.getCount()))) call.write(eventResp(r, true));
    call.end();
  }

  /** Subscriptions start strictly AFTER their position; catch-up, then (optionally) CaughtUp, then live. */
  private subscribe(call: ServerWritableStream<ReadReq, ReadResp>, after: bigint, matches: (r: StandInRecord) => boolean): void {
    const confirmation = new ReadResp.SubscriptionConfirmation();
    confirmation.setSubscriptionId(randomUUID());
    const first = new ReadResp();
    first.setConfirmation(confirmation);
    call.write(first);
    for (const r of this.log) if (r.position > after && matches(r)) call.write(eventResp(r, true));
    if (this.options.sendsCaughtUp) {
      const caughtUp = new ReadResp();
      caughtUp.setCaughtUp(new ReadResp.CaughtUp());
      call.write(caughtUp);
    }
    this.live.add({ call, matches, after });
  }

  private publish(record: StandInRecord): void {
    for (const sub of this.live) if (sub.matches(record)) sub.call.write(eventResp(record, true));
  }

  // ---- Append ----------------------------------------------------------------------------------

  private append(call: ServerReadableStream<AppendReq, AppendResp>, done: sendUnaryData<AppendResp>): void {
    let options: AppendReq.Options | undefined;
    const proposed: AppendReq.ProposedMessage[] = [];
    let size = 0;
    let failed = false;
    call.on('data', (req: AppendReq) => {
      if (failed) return;
      if (req.hasOptions()) options = req.getOptions();
      const message = req.getProposedMessage();
      if (!message) return;
      size += message.getData_asU8().length + message.getCustomMetadata_asU8().length;
      if (size > this.options.maxAppendSize) {
        failed = true;
        const metadata = new Metadata();
        metadata.set('exception', 'maximum-append-size-exceeded');
        metadata.set('maximum-append-size', String(this.options.maxAppendSize));
        return done({ code: status.INVALID_ARGUMENT, details: `Maximum Append Size of ${this.options.maxAppendSize} Exceeded.`, metadata, name: 'Error', message: '' });
      }
      proposed.push(message);
    });
    call.on('end', () => {
      if (failed || !options) return;
      const streamId = Buffer.from(options.getStreamIdentifier()!.getStreamName_asU8()).toString('utf8');
      if (this.tombstoned.has(streamId)) {
        const metadata = new Metadata();
        metadata.set('exception', 'stream-deleted');
        metadata.set('stream-name', streamId);
        return done({ code: status.FAILED_PRECONDITION, details: `Event stream '${streamId}' is deleted.`, metadata, name: 'Error', message: '' });
      }
      const existing = this.log.filter((r) => r.streamId === streamId);
      const current = existing.length - 1;
      const ids = proposed.map((m) => m.getId()!.getString());
      const firstKnown = existing.findIndex((r) => r.id === ids[0]);
      const resp = new AppendResp();
      if (firstKnown >= 0 && ids.every((id, i) => existing[firstKnown + i]?.id === id)) {
        // Idempotent retry: the original revision, and no position (as servers before 24.x answer).
        const success = new AppendResp.Success();
        success.setCurrentRevision(String(firstKnown + ids.length - 1));
        success.setNoPosition(new Empty());
        resp.setSuccess(success);
        return done(null, resp);
      }
      const ok = options.hasAny() ? true : options.hasNoStream() ? current === -1 : options.hasStreamExists() ? current >= 0 : Number(options.getRevision()) === current;
      if (!ok) {
        const wrong = new AppendResp.WrongExpectedVersion();
        if (current >= 0) wrong.setCurrentRevision(String(current));
        else wrong.setCurrentNoStream(new Empty());
        if (options.hasRevision()) wrong.setExpectedRevision(options.getRevision());
        else if (options.hasNoStream()) wrong.setExpectedNoStream(new Empty());
        else if (options.hasStreamExists()) wrong.setExpectedStreamExists(new Empty());
        else wrong.setExpectedAny(new Empty());
        resp.setWrongExpectedVersion(wrong);
        return done(null, resp);
      }
      let last: StandInRecord | undefined;
      for (const m of proposed) {
        const meta = m.getMetadataMap();
        last = this.write(streamId, meta.get('type') ?? '', Buffer.from(m.getData_asU8()), meta.get('content-type') ?? JSON_TYPE, Buffer.from(m.getCustomMetadata_asU8()), m.getId()!.getString());
      }
      const success = new AppendResp.Success();
      success.setCurrentRevision(String(last!.revision));
      const position = new AppendResp.Position();
      position.setCommitPosition(String(last!.position));
      position.setPreparePosition(String(last!.position));
      success.setPosition(position);
      resp.setSuccess(success);
      done(null, resp);
    });
  }
}

function identifier(streamId: string): StreamIdentifier {
  const id = new StreamIdentifier();
  id.setStreamName(Buffer.from(streamId, 'utf8'));
  return id;
}

function eventResp(r: StandInRecord, fromAll: boolean): ReadResp {
  const recorded = new ReadResp.ReadEvent.RecordedEvent();
  const id = new UUID();
  id.setString(r.id);
  recorded.setId(id);
  recorded.setStreamIdentifier(identifier(r.streamId));
  recorded.setStreamRevision(String(r.revision));
  recorded.setCommitPosition(String(r.position));
  recorded.setPreparePosition(String(r.position));
  recorded.getMetadataMap().set('type', r.type).set('content-type', r.contentType).set('created', String(r.createdTicks));
  recorded.setCustomMetadata(r.metadata);
  recorded.setData(r.data);
  const read = new ReadResp.ReadEvent();
  read.setEvent(recorded);
  if (fromAll) read.setCommitPosition(String(r.position));
  else read.setNoPosition(new Empty());
  const resp = new ReadResp();
  resp.setEvent(read);
  return resp;
}

function filterOf(options: ReadReq.Options): (r: StandInRecord) => boolean {
  if (!options.hasFilter()) return () => true;
  const filter = options.getFilter()!;
  const onStream = filter.hasStreamIdentifier();
  const expression = onStream ? filter.getStreamIdentifier()! : filter.getEventType()!;
  const prefixes = expression.getPrefixList();
  const regex = expression.getRegex() ? new RegExp(expression.getRegex()) : undefined;
  return (r) => {
    const subject = onStream ? r.streamId : r.type;
    return prefixes.length > 0 ? prefixes.some((p) => subject.startsWith(p)) : regex ? regex.test(subject) : true;
  };
}

function failWith(call: ServerWritableStream<ReadReq, ReadResp>, code: status, exception: string, extra: Record<string, string>): void {
  const metadata = new Metadata();
  metadata.set('exception', exception);
  for (const [k, v] of Object.entries(extra)) metadata.set(k, v);
  call.emit('error', { code, details: exception, metadata });
}
