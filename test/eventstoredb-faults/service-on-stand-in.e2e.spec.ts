import request from 'supertest';
import { startTestApp, type TestApp } from '../support/test-app';
import { clerk, seedReferenceData, storeOf } from '../clerk/clerk-fixtures';
import { StreamsStandIn } from './streams-stand-in';

/**
 * The whole service with EVENT_STORE=eventstoredb, its adapter talking over the real client to the
 * wire-level stand-in (not a real server: see streams-stand-in.ts). What a first start on a secure
 * server meets: `$all` already holding the server's own non-JSON events, an append limit, and
 * subscriptions that drop.
 */
describe('the service on EventStoreDB (wire-level stand-in): first contact', () => {
  let server: StreamsStandIn;
  let t: TestApp;
  beforeAll(async () => {
    server = await StreamsStandIn.start();
    server.writeSystemNoise(); // as a secure server's `$users` and the system projections leave it
    server.tombstone('some-old-stream');
    t = await startTestApp({ EVENT_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: server.connectionString });
  });
  afterAll(async () => {
    await t?.close();
    await server?.stop();
  });

  it('starts, is healthy, and takes writes that the read side shows', async () => {
    await request(t.app.getHttpServer()).get('/health').expect(200);
    await seedReferenceData(t.app);
    const res = await request(t.app.getHttpServer()).get('/v1/themes').query({ minPosition: String(await storeOf(t.app).headPosition()) }).expect(200);
    expect(JSON.stringify(res.body)).toContain('police-professionalization');
  });

  it('answers an append over the server\'s limit with a 413 naming the limit, and writes nothing', async () => {
    server.options.maxAppendSize = 1024; // EVENTSTORE_MAX_APPEND_SIZE set low, so that a valid request exceeds it
    const before = server.log.length;
    const res = await clerk(t.app).post('/v1/themes', { id: 'long-theme', name: 'Long', definition: 'a long definition '.repeat(55) });
    server.options.maxAppendSize = 1024 * 1024;
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ statusCode: 413, code: 'EVENT_STORE.EVENT_TOO_LARGE', context: { maxAppendBytes: 1024 } });
    expect(server.log.slice(before).filter((r) => !r.streamId.startsWith('idempotency-'))).toEqual([]);
  });

  it('keeps projecting after the server drops its subscriptions', async () => {
    for (const kind of ['unavailable', 'end'] as const) {
      await waitUntil(() => server.liveSubscriptions > 0);
      server.dropSubscriptions(kind);
      const id = `theme-after-${kind}`;
      const created = await clerk(t.app).post('/v1/themes', { id, name: `After ${kind}`, definition: 'written after a drop' });
      expect(created.status).toBe(201);
      const res = await request(t.app.getHttpServer()).get('/v1/themes').query({ minPosition: created.body.position }).expect(200);
      expect(JSON.stringify(res.body)).toContain(id);
    }
    await request(t.app.getHttpServer()).get('/health').expect(200);
  });
});

async function waitUntil(condition: () => boolean, timeoutMs = 10000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}
