/**
 * One page of a read, asked of the server with the page's size as its count and drained to the
 * end. A read is never abandoned half-way: a gRPC stream the server has finished but the client
 * stops consuming stays in the client's set of open streams, and `dispose()` then waits for it
 * for ever (20 reads cut short left 18 streams behind, and `close()` hung).
 */
import { BACKWARDS, END, FORWARDS, START } from '@eventstore/db-client';
import type {
  AllStreamResolvedEvent, EventStoreDBClient, Filter, Position, ResolvedEvent, StreamingRead,
} from '@eventstore/db-client';
import type { BaseOptions, GRPCClientConstructor } from '@eventstore/db-client/dist/types';
import { ReadStream } from '@eventstore/db-client/dist/streams/utils/ReadStream';
import { convertGrpcEvent } from '@eventstore/db-client/dist/utils/convertGrpcEvent';
import { StreamsClient } from '@eventstore/db-client/generated/streams_grpc_pb';
import { ReadReq } from '@eventstore/db-client/generated/streams_pb';
import { Empty } from '@eventstore/db-client/generated/shared_pb';
import type { ReadResp } from '@eventstore/db-client/generated/streams_pb';
import type { CallOptions, ClientReadableStream, Metadata } from '@grpc/grpc-js';

export async function drainAll<E>(read: StreamingRead<E>): Promise<E[]> {
  const items: E[] = [];
  for await (const item of read) items.push(item as E);
  return items;
}

export interface StreamPageRequest {
  direction: 'forwards' | 'backwards';
  from: bigint | 'start' | 'end';
  count: number;
}

export function readStreamPage(client: EventStoreDBClient, streamId: string, page: StreamPageRequest): Promise<ResolvedEvent[]> {
  return drainAll(
    client.readStream(streamId, {
      direction: page.direction === 'backwards' ? BACKWARDS : FORWARDS,
      fromRevision: page.from === 'start' ? START : page.from === 'end' ? END : page.from,
      maxCount: page.count,
      requiresLeader: true, // read-your-writes for a command handler that reads, then appends
    }),
  );
}

export interface AllPageRequest {
  direction: 'forwards' | 'backwards';
  from: Position | 'start' | 'end';
  count: number;
  filter: Filter;
}

/**
 * A filtered read of `$all`, filtered by the server. Version 6.2.1 of the client offers filters
 * on subscriptions only (its `readAll` always sends "no filter"), while the server has served
 * filtered reads of `$all` since 20.6. So the request is built here from the client's own
 * generated messages, the same way its `subscribeToAll` builds its filter, and sent through the
 * client's own connection, credentials and stream bookkeeping; the reply is decoded by the
 * client's own `ReadStream`. This uses two protected members of the client (pinned at 6.2.1).
 */
export function readAllPage(client: EventStoreDBClient, page: AllPageRequest): Promise<AllStreamResolvedEvent[]> {
  const options = new ReadReq.Options();
  const all = new ReadReq.Options.AllOptions();
  if (page.from === 'start') all.setStart(new Empty());
  else if (page.from === 'end') all.setEnd(new Empty());
  else {
    const position = new ReadReq.Options.Position();
    position.setCommitPosition(page.from.commit.toString(10));
    position.setPreparePosition(page.from.prepare.toString(10));
    all.setPosition(position);
  }
  options.setAll(all);
  options.setReadDirection(page.direction === 'backwards' ? ReadReq.Options.ReadDirection.BACKWARDS : ReadReq.Options.ReadDirection.FORWARDS);
  options.setResolveLinks(false);
  options.setCount(page.count.toString(10));
  const uuid = new ReadReq.Options.UUIDOption();
  uuid.setString(new Empty());
  options.setUuidOption(uuid);
  options.setFilter(filterOptions(page.filter));
  const request = new ReadReq();
  request.setOptions(options);

  const plumbing = client as unknown as ClientPlumbing;
  const createStream = plumbing.GRPCStreamCreator(StreamsClient, 'readAllFiltered', (grpc: StreamsClient) =>
    grpc.read(request, ...plumbing.callArguments({}, { deadline: Infinity })),
  );
  return drainAll(new ReadStream<AllStreamResolvedEvent>(createStream, convertGrpcEvent, {}));
}

function filterOptions(filter: Filter): ReadReq.Options.FilterOptions {
  const expression = new ReadReq.Options.FilterOptions.Expression();
  if ('prefixes' in filter) expression.setPrefixList(filter.prefixes);
  if ('regex' in filter) expression.setRegex(filter.regex);
  const out = new ReadReq.Options.FilterOptions();
  if (filter.filterOn === 'streamName') out.setStreamIdentifier(expression);
  else out.setEventType(expression);
  out.setCount(new Empty());
  out.setCheckpointintervalmultiplier(1);
  return out;
}

/** The two protected members of the 6.2.1 client that a filtered read needs. */
interface ClientPlumbing {
  GRPCStreamCreator(
    Client: GRPCClientConstructor<StreamsClient>,
    debugName: string,
    creator: (client: StreamsClient) => ClientReadableStream<ReadResp>,
  ): () => Promise<ClientReadableStream<ReadResp>>;
  callArguments(options: BaseOptions, callOptions?: CallOptions): [Metadata, CallOptions];
}
