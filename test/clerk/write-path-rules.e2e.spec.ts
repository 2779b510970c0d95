import { FIFTH_SCG_MINUTES } from '../../apps/ledger-api/src/clerk/meetings/minutes.example';
import { startTestApp, type TestApp } from '../support/test-app';
import { SCG, clerk, ledgerEvents, seedReferenceData } from './clerk-fixtures';

const minutesOf = (id: string, pledgeIds: string[], sequence?: number) => ({
  ...FIFTH_SCG_MINUTES,
  id,
  sequence,
  pledges: pledgeIds.map((p) => ({ ...FIFTH_SCG_MINUTES.pledges![0], id: p, description: `${p} of ${id}` })),
});
const documentPledge = (id: string) => ({ id, by: ['US'], description: `document pledge ${id}`, themes: ['security-coordination'], status: 'proposed', madeOn: { date: '2016' }, source: { document: '000_3fdbd5733350c650.txt', quote: 'SCG' } });

describe('write path: one winner per id, refusals write nothing and leave the key free, retries get the truth', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await seedReferenceData(t.app);
  });
  afterAll(async () => t.close());

  it('two minutes racing for one new pledge id: one 201, one 409 naming the id and the holder, and the loser wrote nothing', async () => {
    for (let race = 0; race < 5; race++) {
      const shared = `race-${race}-shared`;
      const [a, b] = await Promise.all([
        clerk(t.app).post('/v1/meetings', minutesOf(`race-${race}-a`, [`race-${race}-a-own`, shared])),
        clerk(t.app).post('/v1/meetings', minutesOf(`race-${race}-b`, [shared, `race-${race}-b-own`])),
      ]);
      expect([a.status, b.status].sort()).toEqual([201, 409]);
      const [winner, loser] = a.status === 201 ? ['a', b] : ['b', a];
      expect(loser.body).toMatchObject({ code: 'PLEDGE.ALREADY_EXISTS', context: { pledgeId: shared, heldBy: `meeting-race-${race}-${winner}` } });
      const streams = (await ledgerEvents(t.app)).map((e) => e.streamId);
      const loserId = winner === 'a' ? 'b' : 'a';
      expect(streams.filter((s) => s.includes(`race-${race}-${loserId}`))).toEqual([]);
      expect(streams.filter((s) => s === `pledge-${shared}`)).toHaveLength(1);
    }
  });

  it('POST /v1/pledges racing minutes for one id follows the same rule', async () => {
    for (let race = 0; race < 5; race++) {
      const shared = `doc-race-${race}`;
      const [m, p] = await Promise.all([
        clerk(t.app).post('/v1/meetings', minutesOf(`doc-race-${race}-m`, [shared, `doc-race-${race}-m-own`])),
        clerk(t.app).post('/v1/pledges', documentPledge(shared)),
      ]);
      expect([m.status, p.status].sort()).toEqual([201, 409]);
      const loser = m.status === 409 ? m : p;
      expect(loser.body.context).toMatchObject({ pledgeId: shared });
      const events = (await ledgerEvents(t.app)).filter((e) => e.streamId.includes(`doc-race-${race}`));
      if (m.status === 201) expect(events.map((e) => e.streamId).sort()).toEqual([`meeting-doc-race-${race}-m`, `pledge-${shared}`, `pledge-doc-race-${race}-m-own`]);
      else expect(events.map((e) => [e.streamId, e.type])).toEqual([[`pledge-${shared}`, 'PledgeMade']]);
    }
  });

  it("a forum's meeting number is unique when given: the second is 409 naming the existing meeting", async () => {
    const [a, b] = await Promise.all([clerk(t.app).post('/v1/meetings', minutesOf('seq-a', [], 41)), clerk(t.app).post('/v1/meetings', minutesOf('seq-b', [], 41))]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.body).toMatchObject({ code: 'MEETING.SEQUENCE_TAKEN', context: { forum: SCG, sequence: 41, meetingId: a.status === 201 ? 'seq-a' : 'seq-b' } });
    // Retracted minutes give their number up.
    const winner = a.status === 201 ? 'seq-a' : 'seq-b';
    expect((await clerk(t.app).post(`/v1/meetings/${winner}/corrections`, { reason: 'Wrong number keyed in', retract: true })).status).toBe(201);
    expect((await clerk(t.app).post('/v1/meetings', minutesOf('seq-c', [], 41))).status).toBe(201);
  });

  it('refused requests of every 4xx kind leave the event count unchanged and their key free', async () => {
    await clerk(t.app).post('/v1/meetings', minutesOf('refusals', ['refusals-p'], 77));
    const refusals: Array<[string, string, unknown, Record<string, string>, number]> = [
      ['400', '/v1/meetings', { ...minutesOf('refusals-x', []), title: undefined }, {}, 400],
      ['404', '/v1/pledges/no-such-pledge/status-changes', { status: 'in_progress', effectiveOn: { date: '2017' }, reason: 'x', evidence: { document: 'd', quote: 'q' } }, {}, 404],
      ['409', '/v1/meetings', minutesOf('refusals-y', ['refusals-p']), {}, 409],
      ['412', '/v1/pledges/refusals-p/status-changes', { status: 'in_progress', effectiveOn: { date: '2017' }, reason: 'x', evidence: { document: 'd', quote: 'q' } }, { 'If-Match': '"7"' }, 412],
      ['422', '/v1/pledges/refusals-p/status-changes', { status: 'fulfilled', effectiveOn: { date: '2999' }, reason: 'x', evidence: { document: 'd', quote: 'q' } }, {}, 422],
    ];
    for (const [name, path, body, headers, status] of refusals) {
      for (const key of [undefined, `refused-${name}`]) {
        const count = (await ledgerEvents(t.app)).length;
        const res = await clerk(t.app).post(path, body, { ...headers, ...(key ? { 'Idempotency-Key': key } : {}) });
        expect({ name, key, status: res.status }).toEqual({ name, key, status });
        expect((await ledgerEvents(t.app)).length).toBe(count);
      }
    }
    // The key of a refused request is free: the corrected request under it works.
    const fixed = await clerk(t.app).post('/v1/pledges/refusals-p/status-changes', { status: 'in_progress', effectiveOn: { date: '2017' }, reason: 'x', evidence: { document: 'd', quote: 'q' } }, { 'Idempotency-Key': 'refused-412' });
    expect(fixed.status).toBe(201);
    expect(fixed.headers['idempotent-replayed']).toBe('false');
  });

  it('a retry of an applied write answers with its first answer, replayed, whatever its If-Match', async () => {
    await clerk(t.app).post('/v1/meetings', minutesOf('retry', ['retry-p']));
    const body = { status: 'in_progress', effectiveOn: { date: '2017' }, reason: 'x', evidence: { document: 'd', quote: 'q' } };
    const first = await clerk(t.app).post('/v1/pledges/retry-p/status-changes', body, { 'Idempotency-Key': 'retry-1', 'If-Match': '"0"' });
    expect(first.status).toBe(201);
    const count = (await ledgerEvents(t.app)).length;
    const again = await clerk(t.app).post('/v1/pledges/retry-p/status-changes', body, { 'Idempotency-Key': 'retry-1', 'If-Match': '"0"' });
    expect({ status: again.status, replayed: again.headers['idempotent-replayed'], body: again.body }).toEqual({ status: 201, replayed: 'true', body: first.body });
    expect((await ledgerEvents(t.app)).length).toBe(count);
  });

  it('concurrent requests with one key: one does the work, the others wait and replay its answer', async () => {
    const body = minutesOf('same-key', ['same-key-p1', 'same-key-p2']);
    const answers = await Promise.all([1, 2, 3, 4].map(() => clerk(t.app).post('/v1/meetings', body, { 'Idempotency-Key': 'one-key' })));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201]);
    expect(answers.map((a) => a.headers['idempotent-replayed']).sort()).toEqual(['false', 'true', 'true', 'true']);
    expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
    expect((await ledgerEvents(t.app)).filter((e) => e.streamId.includes('same-key'))).toHaveLength(3);
  });
});
