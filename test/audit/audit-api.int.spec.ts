import request from 'supertest';
import { createPublicKey } from 'node:crypto';
import { dataDigest, fromHex, leafHash, toHex, verifyCheckpointSignature, verifyConsistency, verifyInclusion, type SignedCheckpoint } from '@concordat/audit';
import { startTestApp, TOKENS, type TestApp } from '../support/test-app';
import { AUDIT_ENV, auditor, FORUM, LEDGER_SIZE, PLEDGE, PLEDGE_SEQUENCES, storeOf, writeLedger } from './audit-fixtures';

describe('auditor API', () => {
  let t: TestApp;
  let get: ReturnType<typeof auditor>;

  beforeAll(async () => {
    t = await startTestApp(AUDIT_ENV);
    get = auditor(t.app);
    await writeLedger(storeOf(t.app));
  });
  afterAll(() => t.close());

  it('refuses callers without a token (401) or without the auditor role (403), in the ApiError shape', async () => {
    for (const path of ['/v1/audit/events', '/v1/audit/verify', '/v1/audit/export', '/v1/audit/public-key', '/v1/audit/checkpoints/latest']) {
      const anonymous = await request(t.app.getHttpServer()).get(path);
      expect(anonymous.status).toBe(401);
      expect(anonymous.body).toMatchObject({ statusCode: 401, code: 'AUTH.MISSING_TOKEN' });
      const clerk = await auditor(t.app, TOKENS.clerk)(path);
      expect(clerk.status).toBe(403);
      expect(clerk.body.code).toBe('AUTH.FORBIDDEN');
    }
    expect((await auditor(t.app, TOKENS.admin)('/v1/audit/public-key')).status).toBe(200);
  });

  it('pages the global log by cursor, each entry with envelope, data and a leaf hash that recomputes', async () => {
    const seen: Array<{ sequence: number; position: string; envelope: never; data: never; leafHash: string }> = [];
    let cursor: string | null = '0';
    while (cursor !== null) {
      const res: request.Response = await get(`/v1/audit/events?limit=7&cursor=${cursor}`).expect(200);
      seen.push(...res.body.items);
      cursor = res.body.nextCursor;
    }
    expect(seen.map((e) => e.sequence)).toEqual(Array.from({ length: LEDGER_SIZE }, (_, i) => i + 1));
    for (const e of seen) expect(toHex(leafHash(e.envelope, dataDigest(e.data)))).toBe(e.leafHash);
    // Checkpoint events take store positions but no sequence: after the first checkpoint they differ.
    expect(seen[LEDGER_SIZE - 1].position).not.toBe(String(LEDGER_SIZE));
  });

  it('filters by stream, prefix, type, recorder and both time axes', async () => {
    const seqs = async (query: string) => (await get(`/v1/audit/events?${query}`).expect(200)).body.items.map((e: { sequence: number }) => e.sequence);
    expect(await seqs(`stream=${PLEDGE}`)).toEqual(PLEDGE_SEQUENCES);
    expect(await seqs('streamPrefix=forum-')).toEqual([1]);
    expect(await seqs('type=PledgeStatusChanged')).toEqual([19, 27]);
    expect((await seqs('recordedBy=clerk-ana')).every((s: number) => s % 2 === 0)).toBe(true);
    expect(await seqs('effectiveFrom=2013&effectiveTo=2014&streamPrefix=pledge-')).toEqual([19, 27]);
    expect(await seqs('recordedFrom=2000-01-01T00:00:00Z&limit=1000')).toHaveLength(LEDGER_SIZE);
    expect(await seqs('recordedTo=2000-01-01T00:00:00Z')).toEqual([]);
    const bad = await get('/v1/audit/events?effectiveFrom=2016-13&limit=0').expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['effectiveFrom', 'limit']);
  });

  it('shows one stream with revisions, and 404s an unknown one', async () => {
    const res = await get(`/v1/audit/streams/${PLEDGE}`).expect(200);
    expect(res.body).toMatchObject({ streamId: PLEDGE, revision: 2 });
    expect(res.body.events.map((e: { envelope: { revision: number }; sequence: number }) => [e.envelope.revision, e.sequence])).toEqual([[0, 11], [1, 19], [2, 27]]);
    expect((await get(`/v1/audit/streams/${FORUM}`).expect(200)).body.events).toHaveLength(1);
    expect((await get('/v1/audit/streams/pledge-nope').expect(404)).body.code).toBe('NOT_FOUND');
    expect((await get('/v1/audit/streams/ledger-checkpoints').expect(404)).body.message).toMatch(/checkpoints/);
  });

  it('serves a signed latest checkpoint (issued on demand) and proofs that verify on the client', async () => {
    const { publicKeyPem, keyId } = (await get('/v1/audit/public-key').expect(200)).body;
    const key = createPublicKey(publicKeyPem);
    const latest: SignedCheckpoint = (await get('/v1/audit/checkpoints/latest').expect(200)).body;
    expect(latest).toMatchObject({ origin: 'concordat', treeSize: LEDGER_SIZE, keyId });
    expect(verifyCheckpointSignature(latest, key)).toBe(true);
    const all: SignedCheckpoint[] = (await get('/v1/audit/checkpoints').expect(200)).body.checkpoints;
    expect(all.map((c) => c.treeSize)).toEqual([8, 16, 24, 30]);

    for (const seq of [1, 11, 17, 30]) {
      const p = (await get(`/v1/audit/proofs/inclusion?seq=${seq}`).expect(200)).body;
      expect(p).toMatchObject({ sequence: seq, leafIndex: seq - 1, treeSize: LEDGER_SIZE, rootHash: latest.rootHash, checkpoint: latest });
      const event = (await get(`/v1/audit/events?cursor=0&limit=1000`)).body.items[seq - 1];
      expect(p.leafHash).toBe(event.leafHash);
      expect(verifyInclusion(fromHex(event.leafHash), seq - 1, p.treeSize, p.proof.map((h: string) => fromHex(h)), fromHex(latest.rootHash))).toBe(true);
    }
    const old = (await get('/v1/audit/proofs/inclusion?seq=3&treeSize=8').expect(200)).body;
    expect(old.checkpoint).toEqual(all[0]);
    expect(verifyInclusion(fromHex(old.leafHash), 2, 8, old.proof.map((h: string) => fromHex(h)), fromHex(all[0].rootHash))).toBe(true);

    for (const [from, to] of [[8, 30], [16, 24], [1, 30], [30, 30]]) {
      const c = (await get(`/v1/audit/proofs/consistency?from=${from}&to=${to}`).expect(200)).body;
      expect(verifyConsistency(from, to, c.proof.map((h: string) => fromHex(h)), fromHex(c.fromRoot), fromHex(c.toRoot))).toBe(true);
    }
    const c = (await get('/v1/audit/proofs/consistency?from=8').expect(200)).body;
    expect(c).toMatchObject({ to: LEDGER_SIZE, fromCheckpoint: all[0], toCheckpoint: latest, fromRoot: all[0].rootHash });
  });

  it('answers 400 naming the field for ranges outside the tree', async () => {
    const field = async (path: string) => {
      const res = await get(path).expect(400);
      expect(res.body.code).toBe('REQUEST.INVALID');
      return [...new Set(res.body.details.map((d: { field: string }) => d.field))];
    };
    expect(await field('/v1/audit/proofs/inclusion?seq=31&treeSize=30')).toEqual(['seq']);
    expect(await field('/v1/audit/proofs/inclusion?seq=5&treeSize=31')).toEqual(['treeSize']);
    expect(await field('/v1/audit/proofs/inclusion?seq=0')).toEqual(['seq']);
    expect(await field('/v1/audit/proofs/inclusion')).toEqual(['seq']);
    expect(await field('/v1/audit/proofs/consistency?from=20&to=10')).toEqual(['from']);
    expect(await field('/v1/audit/proofs/consistency?from=1&to=99')).toEqual(['to']);
    expect(await field('/v1/audit/proofs/consistency?from=x')).toEqual(['from']);
    expect(await field('/v1/audit/export?to=99')).toEqual(['to']);
    expect(await field('/v1/audit/export?from=9&to=3')).toEqual(['from']);
  });

  it('verifies the intact log, whole and per stream', async () => {
    const whole = (await get('/v1/audit/verify').expect(200)).body;
    expect(whole).toMatchObject({ ok: true, checkedEvents: LEDGER_SIZE, lastCheckpoint: { treeSize: LEDGER_SIZE } });
    const stream = (await get(`/v1/audit/verify?stream=${PLEDGE}`).expect(200)).body;
    expect(stream).toMatchObject({ ok: true, checkedEvents: 3 });
    expect((await get('/v1/audit/verify?stream=meeting-none').expect(404)).body.code).toBe('NOT_FOUND');
  });

  it('documents every auditor endpoint in the OpenAPI document with typed answers and errors', async () => {
    const doc = (await request(t.app.getHttpServer()).get('/docs-json').expect(200)).body;
    const paths = ['events', 'streams/{streamId}', 'export', 'public-key', 'checkpoints/latest', 'proofs/inclusion', 'proofs/consistency', 'verify'];
    for (const p of paths) {
      const op = doc.paths[`/v1/audit/${p}`]?.get;
      expect(op).toBeDefined();
      expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['200', '401', '403']));
      expect(op.responses['401'].content['application/json'].schema.$ref).toMatch(/ApiError$/);
    }
    expect(doc.components.schemas.AuditEventDto.properties.leafHash.example).toMatch(/^[0-9a-f]{64}$/);
    expect(doc.paths['/v1/audit/export'].get.responses['200'].content['application/x-ndjson']).toBeDefined();
  });
});
