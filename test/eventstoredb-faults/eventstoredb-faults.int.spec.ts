import { randomUUID } from 'node:crypto';
import type { NewEvent, RecordedEvent } from '@concordat/shared-kernel';
import { EventStoreDbEventStore, EventStoreUnavailableError, EventTooLargeError, StreamNotFoundError, type EventStoreDbOptions } from '@concordat/event-store';
import { StreamsStandIn, type DropKind, type StandInOptions } from './streams-stand-in';

/**
 * The EventStoreDB adapter, through the real client and wire format, against the behaviours of
 * a server that first contact would meet. The server is the wire-level stand-in (see
 * streams-stand-in.ts), so these are fault tests of the adapter, not the contract run: that one is
 * test/contract/eventstoredb.contract.spec.ts against a real server.
 */
const event = (type = 'MinutesRecorded', data: Record<string, unknown> = {}): NewEvent => ({
  id: randomUUID(),
  type,
  data: data as NewEvent['data'],
  metadata: { recordedBy: 'fault-test', correlationId: randomUUID(), schemaVersion: 1 },
});

/** Drops per kind in the resubscription test; raise it for a soak run: ESDB_FAULT_ROUNDS=500 npx jest test/eventstoredb-faults -t drop */
const ROUNDS = Number(process.env.ESDB_FAULT_ROUNDS ?? 12);

const FAST: EventStoreDbOptions = { resubscribeBackoffMs: { first: 5, max: 50 } };

async function open(standIn: StandInOptions = {}, options: EventStoreDbOptions = FAST) {
  const server = await StreamsStandIn.start(standIn);
  const store = new EventStoreDbEventStore(server.connectionString, options);
  return {
    server,
    store,
    close: async () => {
      await store.close();
      await server.stop();
    },
  };
}

/** White-box: the gRPC streams @eventstore/db-client 6.2.1 still tracks (and dispose() waits for). */
function clientStreams(store: EventStoreDbEventStore): number {
  return (store as unknown as { client: { disposableStreams: Set<unknown> } }).client.disposableStreams.size;
}

function waitFor(condition: () => boolean, what: string, timeoutMs = 10000): Promise<void> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const tick = () => {
      if (condition()) return resolve();
      if (Date.now() - started > timeoutMs) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(tick, 5);
    };
    tick();
  });
}

describe('EventStoreDB adapter against server behaviours (wire-level stand-in)', () => {
  describe('events that are not the ledger\'s', () => {
    it('skips system streams, $> links, $streamDeleted and non-JSON data in reads, head and subscriptions', async () => {
      const t = await open();
      try {
        t.server.writeSystemNoise();
        await t.store.append('meeting-1', [event('MinutesRecorded', { n: 1 })], { expectedRevision: 'no_stream' });
        t.server.write('foreign-1', 'Blob', Buffer.from([0xff, 0x00, 0x7b]), 'application/octet-stream');
        t.server.write('foreign-2', 'BrokenJson', '{not json', 'application/json');
        t.server.write('foreign-3', 'JsonArray', '[1,2]', 'application/json');
        await t.store.append('pledge-1', [event('PledgeMade', { n: 2 })], { expectedRevision: 'no_stream' });
        t.server.tombstone('meeting-old');
        t.server.writeSystemNoise();

        const all = await t.store.readAll();
        expect(all.map((e) => [e.streamId, e.type, e.data])).toEqual([
          ['meeting-1', 'MinutesRecorded', { n: 1 }],
          ['pledge-1', 'PledgeMade', { n: 2 }],
        ]);
        expect(await t.store.headPosition()).toBe(all[1].position);
        await t.store.ping();

        const seen: RecordedEvent[] = [];
        let caughtUp = false;
        const errors: unknown[] = [];
        const sub = t.store.subscribeToAll((e) => void seen.push(e), { onCaughtUp: () => (caughtUp = true), onError: (e) => errors.push(e) });
        await waitFor(() => caughtUp, 'caught up');
        t.server.write('foreign-4', 'Blob', 'not json either', 'application/octet-stream');
        t.server.writeSystemNoise();
        await t.store.append('pledge-2', [event('PledgeMade', { n: 3 })], { expectedRevision: 'no_stream' });
        await waitFor(() => seen.length === 3, 'the live event');
        await sub.stop();
        expect(seen.map((e) => e.streamId)).toEqual(['meeting-1', 'pledge-1', 'pledge-2']);
        expect(errors).toEqual([]);
      } finally {
        await t.close();
      }
    });

    it('reads a stream past a foreign non-JSON event in it, and a tombstoned stream is not found', async () => {
      const t = await open();
      try {
        await t.store.append('meeting-2', [event()], { expectedRevision: 'no_stream' });
        t.server.write('meeting-2', 'Blob', 'bytes', 'application/octet-stream');
        await t.store.append('meeting-2', [event()], { expectedRevision: 1 });
        expect((await t.store.readStream('meeting-2')).map((e) => e.revision)).toEqual([0, 2]);
        t.server.tombstone('meeting-2');
        await expect(t.store.readStream('meeting-2')).rejects.toBeInstanceOf(StreamNotFoundError);
        await expect(t.store.append('meeting-2', [event()], { expectedRevision: 'any' })).rejects.toBeInstanceOf(StreamNotFoundError);
        expect((await t.store.readAll()).map((e) => e.revision)).toEqual([0, 2]);
      } finally {
        await t.close();
      }
    });
  });

  describe('reads are paged by the server and never abandoned', () => {
    it('asks the server for exactly what it needs: a short read is one request for that count', async () => {
      const t = await open();
      try {
        await t.store.append('short', Array.from({ length: 50 }, () => event()), { expectedRevision: 'no_stream' });
        const calls = t.server.readCalls;
        expect(await t.store.readAll({ maxCount: 2 })).toHaveLength(2);
        expect(await t.store.readStream('short', { maxCount: 3 })).toHaveLength(3);
        expect(t.server.readCalls - calls).toBe(2);
        expect(t.server.largestCountAsked).toBe(3);
      } finally {
        await t.close();
      }
    });

    it('readAll pages with a server-side count and filter, after is exclusive, and nothing is lost across pages', async () => {
      const t = await open({}, { ...FAST, pageSize: 3 });
      try {
        const written: string[] = [];
        for (let i = 0; i < 20; i++) {
          const e = event(i % 2 ? 'PledgeMade' : 'MinutesRecorded', { i });
          await t.store.append(i % 3 ? `meeting-${i}` : `pledge-${i}`, [e], { expectedRevision: 'no_stream' });
          written.push(e.id);
          if (i % 4 === 0) t.server.writeSystemNoise();
        }
        const all = await t.store.readAll();
        expect(all.map((e) => e.id)).toEqual(written);
        expect((await t.store.readAll({ after: all[6].position, maxCount: 5 })).map((e) => e.id)).toEqual(written.slice(7, 12));
        const pledges = await t.store.readAll({ filter: { streamPrefixes: ['pledge-'] } });
        expect(pledges.map((e) => e.streamId)).toEqual(all.filter((e) => e.streamId.startsWith('pledge-')).map((e) => e.streamId));
        const made = await t.store.readAll({ filter: { eventTypes: ['PledgeMade'] }, after: all[0].position });
        expect(made.map((e) => e.id)).toEqual(all.filter((e) => e.type === 'PledgeMade').map((e) => e.id));
        const both = await t.store.readAll({ filter: { streamPrefixes: ['meeting-'], eventTypes: ['PledgeMade'] } });
        expect(both.map((e) => e.id)).toEqual(all.filter((e) => e.type === 'PledgeMade' && e.streamId.startsWith('meeting-')).map((e) => e.id));
        // The filter ran on the server: the filtered reads did not fetch the meetings' events.
        const calls = t.server.readCalls;
        await t.store.readAll({ filter: { streamPrefixes: ['pledge-'] } });
        expect(t.server.readCalls - calls).toBeLessThanOrEqual(Math.ceil(pledges.length / 2) + 1);

        await t.store.append('long', Array.from({ length: 10 }, () => event()), { expectedRevision: 'no_stream' });
        expect((await t.store.readStream('long')).map((e) => e.revision)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
        expect((await t.store.readStream('long', { direction: 'backwards', maxCount: 4 })).map((e) => e.revision)).toEqual([9, 8, 7, 6]);
        expect((await t.store.readStream('long', { fromRevision: 4, maxCount: 5 })).map((e) => e.revision)).toEqual([4, 5, 6, 7, 8]);
        expect((await t.store.readStream('long', { direction: 'backwards', fromRevision: 2 })).map((e) => e.revision)).toEqual([2, 1, 0]);
      } finally {
        await t.close();
      }
    });

    it('close() returns within 5 s after 1,000 paged reads, and no read is left open on the server', async () => {
      const t = await open();
      try {
        // More events than the client buffers (16 + 16 objects), so a read cut short would leave its call paused, unfinished.
        await t.store.append('many', Array.from({ length: 200 }, () => event()), { expectedRevision: 'no_stream' });
        t.server.writeSystemNoise();
        for (let i = 0; i < 100; i++) {
          const reads = Array.from({ length: 10 }, (_, j) => (j % 2 ? t.store.readAll({ maxCount: 2 }) : t.store.readStream('many', { maxCount: 2 })));
          for (const got of await Promise.all(reads)) expect(got).toHaveLength(2);
        }
        await waitFor(() => t.server.openCalls === 0, 'every read call to finish');
        // The client's own set of streams it will wait for on dispose(): a read cut short stays in it.
        expect(clientStreams(t.store)).toBe(0);
        expect(t.server.largestCountAsked).toBeLessThanOrEqual(500);
        const started = Date.now();
        await t.store.close();
        expect(Date.now() - started).toBeLessThan(5000);
      } finally {
        await t.close();
      }
    });
  });

  describe('subscriptions survive drops', () => {
    it.each<DropKind>(['unavailable', 'cancelled', 'deadline', 'end'])('resumes after a %s drop with no event skipped or repeated', async (kind) => {
      const t = await open();
      try {
        const ids: string[] = [];
        for (let i = 0; i < 5; i++) {
          const e = event('MinutesRecorded', { i });
          await t.store.append(`m-${kind}-${i}`, [e], { expectedRevision: 'no_stream' });
          ids.push(e.id);
        }
        const seen: string[] = [];
        const errors: unknown[] = [];
        const sub = t.store.subscribeToAll(async (e) => {
          seen.push(e.id);
          if (seen.length % 7 === 0) await new Promise((r) => setTimeout(r, 2));
        }, { onError: (e) => errors.push(e) });
        for (let round = 0; round < ROUNDS; round++) {
          await waitFor(() => t.server.liveSubscriptions === 1, 'the (re)subscription');
          const batch = Array.from({ length: 3 }, (_, i) => event('MinutesRecorded', { round, i }));
          await t.store.append(`m-${kind}-r${round}`, batch, { expectedRevision: 'no_stream' });
          ids.push(...batch.map((e) => e.id));
          if (round % 3 === 1) t.server.writeSystemNoise();
          expect(t.server.dropSubscriptions(kind)).toBe(1);
          // written while nobody is subscribed: must come in the catch-up of the resubscription
          const gap = event('MinutesRecorded', { round, gap: true });
          await t.store.append(`m-${kind}-gap${round}`, [gap], { expectedRevision: 'no_stream' });
          ids.push(gap.id);
        }
        await waitFor(() => seen.length >= ids.length, 'every event');
        await new Promise((r) => setTimeout(r, 50));
        await sub.stop();
        expect(seen).toEqual(ids);
        expect(errors).toEqual([]);
      } finally {
        await t.close();
      }
    }, 30_000 + ROUNDS * 2_000);

    it('keeps retrying while the server is gone, and close() still returns promptly (shutdown with the database down)', async () => {
      const t = await open();
      const errors: unknown[] = [];
      let delivered = 0;
      try {
        await t.store.append('gone-1', [event()], { expectedRevision: 'no_stream' });
        t.store.subscribeToAll(() => void delivered++, { onError: (e) => errors.push(e) });
        await waitFor(() => delivered === 1 && t.server.liveSubscriptions === 1, 'the subscription');
        await t.server.stop();
        await new Promise((r) => setTimeout(r, 300)); // several failed resubscriptions
        const started = Date.now();
        await t.store.close();
        expect(Date.now() - started).toBeLessThan(5000);
        expect(errors).toEqual([]);
      } finally {
        await t.close();
      }
    });

    it('close() returns promptly when the server accepts calls and never answers them', async () => {
      const t = await open();
      try {
        t.server.hangReads = true;
        const errors: unknown[] = [];
        t.store.subscribeToAll(() => undefined, { onError: (e) => errors.push(e) });
        const read = t.store.readAll().catch((e: unknown) => e);
        await new Promise((r) => setTimeout(r, 200));
        const started = Date.now();
        await t.store.close();
        expect(Date.now() - started).toBeLessThan(5000);
        expect(await read).toBeInstanceOf(EventStoreUnavailableError); // cancelled, not passed off as an empty log
        await new Promise((r) => setTimeout(r, 50));
        expect(errors).toEqual([]); // stopping is not a failure
      } finally {
        await t.close();
      }
    });

    it('a handler error reaches onError and stops the subscription; a server refusal does too', async () => {
      const t = await open();
      try {
        await t.store.append('h-1', [event(), event()], { expectedRevision: 'no_stream' });
        const boom = new Error('handler failed');
        const failure = await new Promise<unknown>((resolve) => {
          let calls = 0;
          t.store.subscribeToAll(() => {
            if (++calls === 2) throw boom;
          }, { onError: resolve });
        });
        expect(failure).toBe(boom);
        await waitFor(() => t.server.liveSubscriptions === 0, 'the failed subscription to be closed');

        t.server.refuseSubscriptions = true;
        const refusal = await new Promise<unknown>((resolve) => t.store.subscribeToAll(() => undefined, { onError: resolve }));
        expect(refusal).toBeInstanceOf(EventStoreUnavailableError);
        expect(String((refusal as Error).message)).toContain('access-denied');
      } finally {
        await t.close();
      }
    });
  });

  describe('caught up', () => {
    it.each([true, false])('fires once, after the last event already in the log is handled (server sends CaughtUp: %s)', async (sendsCaughtUp) => {
      const t = await open({ sendsCaughtUp });
      try {
        for (let i = 0; i < 12; i++) await t.store.append(`c-${i}`, [event('MinutesRecorded', { i })], { expectedRevision: 'no_stream' });
        t.server.writeSystemNoise();
        const handled: number[] = [];
        const atCaughtUp: number[] = [];
        const sub = t.store.subscribeToAll(async (e) => {
          await new Promise((r) => setTimeout(r, 1));
          handled.push(e.data.i as number);
        }, { onCaughtUp: () => atCaughtUp.push(handled.length) });
        await waitFor(() => atCaughtUp.length > 0, 'onCaughtUp');
        await t.store.append('c-live', [event('MinutesRecorded', { i: 12 })], { expectedRevision: 'no_stream' });
        await waitFor(() => handled.length === 13, 'the live event');
        await sub.stop();
        expect(atCaughtUp).toEqual([12]);
      } finally {
        await t.close();
      }
    });

    it.each([true, false])('fires on an empty log, and for a filter that matches nothing yet (CaughtUp: %s)', async (sendsCaughtUp) => {
      const t = await open({ sendsCaughtUp });
      try {
        const fired: string[] = [];
        const a = t.store.subscribeToAll(() => undefined, { onCaughtUp: () => fired.push('empty') });
        await waitFor(() => fired.length === 1, 'caught up on an empty log');
        await t.store.append('meeting-x', [event()], { expectedRevision: 'no_stream' });
        const b = t.store.subscribeToAll(() => undefined, { filter: { streamPrefixes: ['pledge-'] }, onCaughtUp: () => fired.push('filtered') });
        const c = t.store.subscribeToAll(() => undefined, { after: (await t.store.headPosition()), onCaughtUp: () => fired.push('from head') });
        await waitFor(() => fired.length === 3, 'caught up');
        await Promise.all([a.stop(), b.stop(), c.stop()]);
      } finally {
        await t.close();
      }
    });
  });

  describe('appends', () => {
    it('an append over the server\'s size limit is a typed EventTooLargeError naming the limit, and writes nothing', async () => {
      const t = await open({ maxAppendSize: 1024 * 1024 });
      try {
        const big = event('MinutesRecorded', { text: 'x'.repeat(1024 * 1024 + 10) });
        const error = await t.store.append('big-1', [big], { expectedRevision: 'no_stream' }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(EventTooLargeError);
        expect(error).toMatchObject({ streamId: 'big-1', maxAppendBytes: 1024 * 1024, code: 'EVENT_STORE.EVENT_TOO_LARGE' });
        await expect(t.store.readStream('big-1')).rejects.toBeInstanceOf(StreamNotFoundError);
      } finally {
        await t.close();
      }
    });

    it('retries reading the append back, and never reports a committed append as failed', async () => {
      const t = await open({}, { ...FAST, readBackAttempts: 3 });
      try {
        t.server.failStreamReads = 2; // fails twice, the third attempt reads it
        const a = await t.store.append('rb-1', [event(), event()], { expectedRevision: 'no_stream' });
        expect(a.position).toBe((await t.store.readStream('rb-1'))[1].position);
        t.server.failStreamReads = 3; // every attempt fails: the answer's own position stands in
        const b = await t.store.append('rb-1', [event()], { expectedRevision: 1 });
        expect(b).toEqual({ streamId: 'rb-1', nextExpectedRevision: 2, position: (await t.store.readStream('rb-1'))[2].position });
      } finally {
        await t.close();
      }
    });

    it('returns the last event\'s position, and an idempotent retry (no position in the answer) returns the same', async () => {
      const t = await open();
      try {
        t.server.writeSystemNoise();
        const events = [event(), event(), event()];
        const first = await t.store.append('idem-1', events, { expectedRevision: 'no_stream' });
        const stored = await t.store.readStream('idem-1');
        expect(first).toEqual({ streamId: 'idem-1', nextExpectedRevision: 2, position: stored[2].position });
        t.server.writeSystemNoise();
        await t.store.append('other', [event()], { expectedRevision: 'no_stream' });
        expect(await t.store.append('idem-1', events, { expectedRevision: 'no_stream' })).toEqual(first);
      } finally {
        await t.close();
      }
    });
  });
});
