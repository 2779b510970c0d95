import request from 'supertest';
import { FIFTH_SCG_MINUTES } from '../../apps/ledger-api/src/clerk/meetings/minutes.example';
import { startTestApp, TOKENS, type TestApp } from '../support/test-app';
import { clerk, ledgerEvents, seedReferenceData, storeOf } from './clerk-fixtures';

describe('clerk API: minutes, idempotency, status changes, corrections (real app, embedded store)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await seedReferenceData(t.app);
  });
  afterAll(async () => t.close());

  const meetingId = 'us-mx-security-cooperation-group-5';
  const pledgeId = `${meetingId}-pledge-1`;

  it('records the fifth SCG meeting in one request: the meeting stream, then one stream per pledge', async () => {
    const before = (await ledgerEvents(t.app)).length;
    const res = await clerk(t.app).post('/v1/meetings', FIFTH_SCG_MINUTES, { 'Idempotency-Key': 'scg-5-minutes', 'X-Correlation-Id': 'corr-scg-5' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ id: meetingId, meetingId, pledgeIds: [pledgeId] });
    expect(res.body.streams).toEqual([
      { streamId: `meeting-${meetingId}`, revision: 0 },
      { streamId: `pledge-${pledgeId}`, revision: 0 },
    ]);
    expect(Number(res.body.position)).toBeGreaterThan(0);

    const written = (await ledgerEvents(t.app)).slice(before);
    expect(written.map((e) => [e.streamId, e.type])).toEqual([
      [`meeting-${meetingId}`, 'MinutesRecorded'],
      [`pledge-${pledgeId}`, 'PledgeMade'],
    ]);
    const [minutes, pledge] = written;
    expect(minutes.data).toMatchObject({
      meetingId,
      forum: 'us-mx-security-cooperation-group',
      sequence: 5,
      heldOn: { date: '2016', approximate: true },
      coChairs: [expect.objectContaining({ name: 'Amy Pope', country: 'US' }), expect.objectContaining({ name: 'Eugenio Imaz', country: 'MX' })],
      priorities: [expect.objectContaining({ theme: 'counter-narcotics' }), expect.objectContaining({ theme: 'police-professionalization' })],
    });
    expect(minutes.metadata).toMatchObject({ recordedBy: 'clerk-ana', correlationId: 'corr-scg-5', effectiveOn: '2016', schemaVersion: 1 });
    expect(pledge.data).toMatchObject({ pledgeId, meetingId, status: 'agreed', by: ['US', 'MX'], themes: ['security-coordination'] });
    expect(pledge.metadata).toMatchObject({ recordedBy: 'clerk-ana', causationId: minutes.id, correlationId: 'corr-scg-5' });
  });

  it('answers a retry with the same Idempotency-Key with the original response and writes nothing', async () => {
    const head = (await ledgerEvents(t.app)).length; // ledger entries: the sealer may add a checkpoint meanwhile
    const first = await clerk(t.app).post('/v1/meetings', FIFTH_SCG_MINUTES, { 'Idempotency-Key': 'scg-5-minutes' });
    expect(first.status).toBe(201);
    expect(first.headers['idempotent-replayed']).toBe('true');
    expect(first.body.pledgeIds).toEqual([pledgeId]);
    expect((await ledgerEvents(t.app)).length).toBe(head);
  });

  it('refuses the same Idempotency-Key with a different body (422) and writes nothing', async () => {
    const head = (await ledgerEvents(t.app)).length; // ledger entries: the sealer may add a checkpoint meanwhile
    const res = await clerk(t.app).post('/v1/meetings', { ...FIFTH_SCG_MINUTES, title: 'Another title' }, { 'Idempotency-Key': 'scg-5-minutes' });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'IDEMPOTENCY.KEY_REUSED', details: [expect.objectContaining({ field: 'header.Idempotency-Key' })] });
    expect((await ledgerEvents(t.app)).length).toBe(head);
  });

  it('refuses the same minutes again without a key: the meeting already exists (409)', async () => {
    const res = await clerk(t.app).post('/v1/meetings', FIFTH_SCG_MINUTES);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('MEETING.ALREADY_EXISTS');
  });

  const evidence = { document: '000_3fdbd5733350c650.txt', locator: 'paragraph 2', quote: 'SCG' };
  let stalledEntry: string;

  it('records three status changes, each as one event with its effective date, reason and evidence', async () => {
    const steps = [
      { status: 'in_progress', effectiveOn: { date: '2017-01' }, reason: 'Work plan adopted' },
      { status: 'stalled', effectiveOn: { date: '2017-10' }, reason: 'No meeting after October 2017' },
      { status: 'in_progress', effectiveOn: { date: '2018-03' }, reason: 'Talks resumed' },
    ];
    for (const [i, step] of steps.entries()) {
      const res = await clerk(t.app).post(`/v1/pledges/${pledgeId}/status-changes`, { ...step, evidence });
      expect(res.status).toBe(201);
      expect(res.body.streams).toEqual([{ streamId: `pledge-${pledgeId}`, revision: i + 1 }]);
      expect(res.headers.etag).toBe(`"${i + 1}"`);
      expect(res.body.entryIds).toHaveLength(1);
      if (step.status === 'stalled') stalledEntry = res.body.entryIds[0];
    }
    const stream = await storeOf(t.app).readStream(`pledge-${pledgeId}`);
    expect(stream.map((e) => [e.type, e.data.status, e.data.previousStatus ?? null, e.metadata.effectiveOn])).toEqual([
      ['PledgeMade', 'agreed', null, '2016'],
      ['PledgeStatusChanged', 'in_progress', 'agreed', '2017-01'],
      ['PledgeStatusChanged', 'stalled', 'in_progress', '2017-10'],
      ['PledgeStatusChanged', 'in_progress', 'stalled', '2018-03'],
    ]);
    expect(stream[2].data).toMatchObject({ reason: 'No meeting after October 2017', evidence: expect.objectContaining({ quote: 'SCG' }) });
  });

  it('refuses an illegal transition with 422 naming the current status and the allowed next ones', async () => {
    const res = await clerk(t.app).post(`/v1/pledges/${pledgeId}/status-changes`, { status: 'proposed', effectiveOn: { date: '2018-06' }, reason: 'x', evidence });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('PLEDGE.ILLEGAL_TRANSITION');
    expect(res.body.context).toMatchObject({ currentStatus: 'in_progress', allowedNext: expect.arrayContaining(['stalled', 'fulfilled']) });
  });

  it('corrects a status change entered wrongly: a new event naming the corrected one; the old one stays', async () => {
    const res = await clerk(t.app).post(`/v1/pledges/${pledgeId}/corrections`, { reason: 'It was suspended, not stalled', entry: { id: stalledEntry, status: 'suspended' } });
    expect(res.status).toBe(201);
    const stream = await storeOf(t.app).readStream(`pledge-${pledgeId}`);
    expect(stream).toHaveLength(5);
    const correction = stream[4];
    expect(correction.type).toBe('PledgeEntryCorrected');
    expect(correction.data).toMatchObject({ entryId: stalledEntry, reason: 'It was suspended, not stalled', changes: { status: 'suspended' } });
    expect(correction.metadata.corrects).toBe(stream[2].id);
    expect(stream[2].data.status).toBe('stalled');
  });

  it('answers a write with a stale If-Match with 412 and writes nothing', async () => {
    const head = (await ledgerEvents(t.app)).length; // ledger entries: the sealer may add a checkpoint meanwhile
    const res = await clerk(t.app).post(`/v1/pledges/${pledgeId}/status-changes`, { status: 'fulfilled', effectiveOn: { date: '2019' }, reason: 'Done', evidence }, { 'If-Match': '"2"' });
    expect(res.status).toBe(412);
    expect(res.body.context).toMatchObject({ ifMatch: 2, currentRevision: 4 });
    expect((await ledgerEvents(t.app)).length).toBe(head);
    const fresh = await clerk(t.app).post(`/v1/pledges/${pledgeId}/status-changes`, { status: 'fulfilled', effectiveOn: { date: '2019' }, reason: 'Done', evidence }, { 'If-Match': '"4"' });
    expect(fresh.status).toBe(201);
  });

  it('serializes concurrent edits by two clerks: no lost update', async () => {
    const target = 'standalone-pledge';
    await clerk(t.app).post('/v1/pledges', { id: target, by: ['US'], description: 'train judicial officials', themes: ['police-professionalization'], status: 'agreed', madeOn: { date: '2016' }, source: evidence });
    const [a, b] = await Promise.all([
      clerk(t.app).post(`/v1/pledges/${target}/status-changes`, { status: 'in_progress', effectiveOn: { date: '2017' }, reason: 'clerk A', evidence }, { 'If-Match': '"0"' }),
      clerk(t.app, TOKENS.clerk2).post(`/v1/pledges/${target}/status-changes`, { status: 'stalled', effectiveOn: { date: '2017' }, reason: 'clerk B', evidence }, { 'If-Match': '"0"' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 412]);
    expect(await storeOf(t.app).readStream(`pledge-${target}`)).toHaveLength(2);
  });

  it('round-trips the ETag of a GET as If-Match: the read side names the stream revision a write must build on', async () => {
    const write = await clerk(t.app).post(`/v1/pledges/${pledgeId}/status-changes`, { status: 'partially_fulfilled', effectiveOn: { date: '2020' }, reason: 'Re-rated', evidence });
    expect(write.status).toBe(201);
    const read = await request(t.app.getHttpServer()).get(`/v1/pledges/${pledgeId}?minPosition=${write.body.position}`);
    expect(read.status).toBe(200);
    expect(read.headers.etag).toBe(`"${write.body.streams[0].revision}"`);
    expect(read.body.status).toBe('partially_fulfilled');
    const notModified = await request(t.app.getHttpServer()).get(`/v1/pledges/${pledgeId}`).set('If-None-Match', read.headers.etag);
    expect(notModified.status).toBe(304);
    const stale = await clerk(t.app).post(`/v1/pledges/${pledgeId}/status-changes`, { status: 'fulfilled', effectiveOn: { date: '2021' }, reason: 'x', evidence }, { 'If-Match': '"1"' });
    expect(stale.status).toBe(412);
    const fresh = await clerk(t.app).post(`/v1/pledges/${pledgeId}/status-changes`, { status: 'fulfilled', effectiveOn: { date: '2021' }, reason: 'Done', evidence }, { 'If-Match': read.headers.etag });
    expect(fresh.status).toBe(201);
  });

  it('needs a clerk: 401 without a token, 403 for an auditor', async () => {
    const none = await request(t.app.getHttpServer()).post('/v1/themes').send({ id: 'x', name: 'x', definition: 'x' });
    expect(none.status).toBe(401);
    const auditor = await clerk(t.app, TOKENS.auditor).post('/v1/themes', { id: 'x', name: 'x', definition: 'x' });
    expect(auditor.status).toBe(403);
    expect(auditor.body.code).toBe('AUTH.FORBIDDEN');
  });
});
