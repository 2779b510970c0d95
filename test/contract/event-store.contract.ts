import { randomUUID } from 'node:crypto';
import type { EventMetadata, JsonObject, NewEvent, RecordedEvent } from '@concordat/shared-kernel';
import { StreamNotFoundError, WrongExpectedRevisionError, type EventStore } from '@concordat/event-store';

/**
 * The semantics every EventStore adapter must have. Stream ids are random per test, so the
 * suite can run against a shared EventStoreDB that is never wiped; global-log assertions filter
 * by the test's own prefix.
 */
export interface OpenedStore {
  store: EventStore;
  close(): Promise<void>;
}

const metadata = (extra: Partial<EventMetadata> = {}): EventMetadata => ({
  recordedBy: 'contract-suite',
  correlationId: randomUUID(),
  schemaVersion: 1,
  ...extra,
});

export const newEvent = (type: string, data: JsonObject = {}, extra: Partial<EventMetadata> = {}): NewEvent => ({
  id: randomUUID(),
  type,
  data,
  metadata: metadata(extra),
});

async function collect(store: EventStore, prefix: string, count: number, after?: bigint, timeoutMs = 15000) {
  const seen: RecordedEvent[] = [];
  let caughtUp = false;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`only ${seen.length}/${count} events delivered`)), timeoutMs);
    const sub = store.subscribeToAll(
      (e) => {
        seen.push(e);
        if (seen.length === count) {
          clearTimeout(timer);
          void sub.stop().then(resolve);
        }
      },
      { after, filter: { streamPrefixes: [prefix] }, onCaughtUp: () => (caughtUp = true), onError: reject },
    );
  });
  return { seen, caughtUp };
}

export function describeEventStoreContract(name: string, open: () => Promise<OpenedStore>): void {
  describe(`EventStore contract: ${name}`, () => {
    let opened: OpenedStore;
    let store: EventStore;
    let prefix: string;
    beforeAll(async () => {
      opened = await open();
      store = opened.store;
    });
    afterAll(async () => opened?.close());
    beforeEach(() => {
      prefix = `ct${randomUUID().replace(/-/g, '').slice(0, 12)}-`;
    });

    describe('append', () => {
      it('creates a stream at revision 0 and stores the full envelope, with recorded-at from the store clock', async () => {
        const before = new Date().toISOString();
        const event = newEvent('MinutesRecorded', { title: 'Fifth meeting' }, { effectiveOn: '2016', causationId: 'c-1' });
        const result = await store.append(`${prefix}meeting-1`, [event], { expectedRevision: 'no_stream' });
        expect(result.nextExpectedRevision).toBe(0);
        const [stored] = await store.readStream(`${prefix}meeting-1`);
        expect(stored).toMatchObject({ id: event.id, type: 'MinutesRecorded', streamId: `${prefix}meeting-1`, revision: 0, data: event.data });
        expect(stored.metadata).toEqual(event.metadata);
        expect(stored.position).toBe(result.position);
        expect(stored.recordedAt >= before.slice(0, 19)).toBe(true);
        expect(new Date(stored.recordedAt).toISOString()).toBe(stored.recordedAt);
      });

      it('lands every event of one append together, with consecutive revisions', async () => {
        const stream = `${prefix}pledge-1`;
        const result = await store.append(stream, [newEvent('A'), newEvent('B'), newEvent('C')], { expectedRevision: 'no_stream' });
        expect(result.nextExpectedRevision).toBe(2);
        const events = await store.readStream(stream);
        expect(events.map((e) => [e.type, e.revision])).toEqual([['A', 0], ['B', 1], ['C', 2]]);
        expect(events[2].position).toBe(result.position);
        expect(events[0].position < events[1].position && events[1].position < events[2].position).toBe(true);
      });

      it('writes none of a multi-event append whose expected revision is wrong', async () => {
        const stream = `${prefix}pledge-2`;
        await store.append(stream, [newEvent('A')], { expectedRevision: 'no_stream' });
        await expect(store.append(stream, [newEvent('B'), newEvent('C')], { expectedRevision: 5 })).rejects.toBeInstanceOf(
          WrongExpectedRevisionError,
        );
        expect((await store.readStream(stream)).map((e) => e.type)).toEqual(['A']);
      });

      it('raises one typed error carrying the stream, the expected and the actual revision', async () => {
        const stream = `${prefix}pledge-3`;
        await store.append(stream, [newEvent('A'), newEvent('B')], { expectedRevision: 'no_stream' });
        const error = await store.append(stream, [newEvent('C')], { expectedRevision: 0 }).catch((e) => e);
        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect(error).toMatchObject({ streamId: stream, expected: 0, actual: 1 });
        const noStream = await store.append(stream, [newEvent('C')], { expectedRevision: 'no_stream' }).catch((e) => e);
        expect(noStream).toMatchObject({ streamId: stream, expected: 'no_stream', actual: 1 });
        const missing = await store.append(`${prefix}nothing`, [newEvent('C')], { expectedRevision: 'stream_exists' }).catch((e) => e);
        expect(missing).toBeInstanceOf(WrongExpectedRevisionError);
        expect(missing).toMatchObject({ expected: 'stream_exists', actual: -1 });
      });

      it('accepts any, stream_exists and the exact revision when they hold', async () => {
        const stream = `${prefix}theme-1`;
        await store.append(stream, [newEvent('A')], { expectedRevision: 'any' });
        await store.append(stream, [newEvent('B')], { expectedRevision: 'stream_exists' });
        const r = await store.append(stream, [newEvent('C')], { expectedRevision: 1 });
        expect(r.nextExpectedRevision).toBe(2);
      });

      it('lets exactly one of two concurrent appends with the same expected revision win', async () => {
        const stream = `${prefix}pledge-race`;
        await store.append(stream, [newEvent('Made')], { expectedRevision: 'no_stream' });
        const outcomes = await Promise.allSettled([
          store.append(stream, [newEvent('ChangedByClerkA')], { expectedRevision: 0 }),
          store.append(stream, [newEvent('ChangedByClerkB')], { expectedRevision: 0 }),
        ]);
        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
        const rejected = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
        expect(rejected.reason).toBeInstanceOf(WrongExpectedRevisionError);
        expect(await store.readStream(stream)).toHaveLength(2);
      });

      it('treats a re-append of the same event ids as idempotent: the original result, nothing written', async () => {
        const stream = `${prefix}meeting-idem`;
        const events = [newEvent('MinutesRecorded', { n: 1 }), newEvent('Second', { n: 2 })];
        const first = await store.append(stream, events, { expectedRevision: 'no_stream' });
        const again = await store.append(stream, events, { expectedRevision: 'no_stream' });
        expect(again).toEqual(first);
        expect(await store.readStream(stream)).toHaveLength(2);
      });

      it('stores large (1 MB) and unicode events intact', async () => {
        const big = 'x'.repeat(1024 * 1024);
        const text = 'Mérida · Peña Nieto · López Obrador · 安全 · 🤝 · \u0000 nul';
        const stream = `${prefix}documento-Mérida-🤝`;
        await store.append(stream, [newEvent('Big', { big }), newEvent('Unicode', { text, 'clé': 'ñ' })], { expectedRevision: 'no_stream' });
        const [a, b] = await store.readStream(stream);
        expect((a.data.big as string).length).toBe(big.length);
        expect(b.data).toEqual({ text, 'clé': 'ñ' });
        expect(b.streamId).toBe(stream);
      });
    });

    describe('reading a stream', () => {
      it('reads forwards and backwards from a revision with a count limit', async () => {
        const stream = `${prefix}s`;
        await store.append(stream, ['E0', 'E1', 'E2', 'E3', 'E4'].map((t) => newEvent(t)), { expectedRevision: 'no_stream' });
        const types = (es: RecordedEvent[]) => es.map((e) => e.type);
        expect(types(await store.readStream(stream, { fromRevision: 1, maxCount: 2 }))).toEqual(['E1', 'E2']);
        expect(types(await store.readStream(stream, { direction: 'backwards', maxCount: 2 }))).toEqual(['E4', 'E3']);
        expect(types(await store.readStream(stream, { direction: 'backwards', fromRevision: 2 }))).toEqual(['E2', 'E1', 'E0']);
        expect(await store.readStream(stream, { fromRevision: 5 })).toEqual([]);
      });

      it('reads only the first event with maxCount 1, and a missing stream is still not found', async () => {
        const stream = `${prefix}first`;
        await store.append(stream, ['E0', 'E1', 'E2'].map((t) => newEvent(t)), { expectedRevision: 'no_stream' });
        const first = await store.readStream(stream, { maxCount: 1 });
        expect(first.map((e) => [e.type, e.revision])).toEqual([['E0', 0]]);
        await expect(store.readStream(`${prefix}never-written`, { maxCount: 1 })).rejects.toBeInstanceOf(StreamNotFoundError);
      });

      it('reads the first events of many streams at once, leaving out streams never written', async () => {
        const streams = Array.from({ length: 3 }, (_, i) => `${prefix}many-${i}`);
        for (const stream of streams) await store.append(stream, ['First', 'Second'].map((t) => newEvent(t, { stream })), { expectedRevision: 'no_stream' });
        const first = await store.readFirstEvents([...streams, `${prefix}many-never`, streams[0]]);
        expect([...first.keys()].sort()).toEqual(streams);
        for (const stream of streams) expect([first.get(stream)?.type, first.get(stream)?.revision, first.get(stream)?.data]).toEqual(['First', 0, { stream }]);
        expect((await store.readFirstEvents([])).size).toBe(0);
      });

      it('reads first events across more streams than one batch', async () => {
        const streams = Array.from({ length: 1203 }, (_, i) => `${prefix}batch-${i}`);
        await Promise.all(streams.map((stream) => store.append(stream, [newEvent('First')], { expectedRevision: 'no_stream' })));
        expect((await store.readFirstEvents(streams)).size).toBe(1203);
      });

      it('answers a missing stream with a typed not-found, not an empty list', async () => {
        const error = await store.readStream(`${prefix}typo`).catch((e) => e);
        expect(error).toBeInstanceOf(StreamNotFoundError);
        expect(error.streamId).toBe(`${prefix}typo`);
      });
    });

    describe('the global log', () => {
      it('is totally ordered, reads strictly after a position, and filters by stream prefix and event type', async () => {
        await store.append(`${prefix}meeting-a`, [newEvent('MinutesRecorded'), newEvent('MeetingCorrected')], { expectedRevision: 'no_stream' });
        await store.append(`${prefix}pledge-a`, [newEvent('PledgeMade')], { expectedRevision: 'no_stream' });
        await store.append(`${prefix}meeting-b`, [newEvent('MinutesRecorded')], { expectedRevision: 'no_stream' });
        const all = await store.readAll({ filter: { streamPrefixes: [prefix] } });
        expect(all.map((e) => e.type)).toEqual(['MinutesRecorded', 'MeetingCorrected', 'PledgeMade', 'MinutesRecorded']);
        for (let i = 1; i < all.length; i++) expect(all[i].position > all[i - 1].position).toBe(true);
        const after = await store.readAll({ after: all[1].position, filter: { streamPrefixes: [prefix] } });
        expect(after.map((e) => e.position)).toEqual([all[2].position, all[3].position]);
        const meetings = await store.readAll({ filter: { streamPrefixes: [`${prefix}meeting-`] } });
        expect(meetings).toHaveLength(3);
        const minutes = await store.readAll({ filter: { streamPrefixes: [prefix], eventTypes: ['MinutesRecorded'] } });
        expect(minutes.map((e) => e.streamId)).toEqual([`${prefix}meeting-a`, `${prefix}meeting-b`]);
        const limited = await store.readAll({ filter: { streamPrefixes: [prefix] }, maxCount: 2 });
        expect(limited).toEqual(all.slice(0, 2));
        const head = await store.headPosition();
        expect(head >= all[3].position).toBe(true);
        expect(await store.readAll({ after: head, filter: { streamPrefixes: [prefix] } })).toEqual([]);
      });
    });

    describe('subscriptions', () => {
      it('catches up, then delivers live events in order', async () => {
        await store.append(`${prefix}m`, [newEvent('E1'), newEvent('E2'), newEvent('E3')], { expectedRevision: 'no_stream' });
        const pending = collect(store, prefix, 5);
        await new Promise((r) => setTimeout(r, 100));
        await store.append(`${prefix}m`, [newEvent('E4')], { expectedRevision: 2 });
        await store.append(`${prefix}n`, [newEvent('E5')], { expectedRevision: 'no_stream' });
        const { seen, caughtUp } = await pending;
        expect(seen.map((e) => e.type)).toEqual(['E1', 'E2', 'E3', 'E4', 'E5']);
        expect(caughtUp).toBe(true);
      });

      it('resumes exactly after its checkpoint', async () => {
        await store.append(`${prefix}m`, ['E1', 'E2', 'E3', 'E4'].map((t) => newEvent(t)), { expectedRevision: 'no_stream' });
        const all = await store.readAll({ filter: { streamPrefixes: [prefix] } });
        const { seen } = await collect(store, prefix, 2, all[1].position);
        expect(seen.map((e) => e.type)).toEqual(['E3', 'E4']);
      });

      it('never skips or repeats an event under concurrent writers', async () => {
        const writers = 6;
        const perWriter = 30;
        const pending = collect(store, prefix, writers * perWriter, undefined, 60000);
        await Promise.all(
          Array.from({ length: writers }, async (_, w) => {
            for (let i = 0; i < perWriter; i++) {
              await store.append(`${prefix}w${w}`, [newEvent('Tick', { w, i })], { expectedRevision: i === 0 ? 'no_stream' : i - 1 });
            }
          }),
        );
        const { seen } = await pending;
        const ids = new Set(seen.map((e) => e.id));
        expect(ids.size).toBe(writers * perWriter);
        for (let i = 1; i < seen.length; i++) expect(seen[i].position > seen[i - 1].position).toBe(true);
        for (let w = 0; w < writers; w++) {
          expect(seen.filter((e) => e.data.w === w).map((e) => e.data.i)).toEqual(Array.from({ length: perWriter }, (_, i) => i));
        }
      });

      it('filters live delivery by event type', async () => {
        const done = new Promise<RecordedEvent[]>((resolve, reject) => {
          const got: RecordedEvent[] = [];
          const sub = store.subscribeToAll(
            (e) => {
              got.push(e);
              if (got.length === 2) void sub.stop().then(() => resolve(got));
            },
            { filter: { streamPrefixes: [prefix], eventTypes: ['PledgeStatusChanged'] }, onError: reject },
          );
        });
        await store.append(`${prefix}p`, [newEvent('PledgeMade'), newEvent('PledgeStatusChanged', { to: 'in_progress' })], { expectedRevision: 'no_stream' });
        await store.append(`${prefix}p`, [newEvent('PledgeCorrected'), newEvent('PledgeStatusChanged', { to: 'fulfilled' })], { expectedRevision: 1 });
        const got = await done;
        expect(got.map((e) => e.data.to)).toEqual(['in_progress', 'fulfilled']);
      });
    });
  });
}
