import request from 'supertest';
import { FIFTH_SCG_MINUTES } from '../../apps/ledger-api/src/clerk/meetings/minutes.example';
import { startTestApp, type TestApp } from '../support/test-app';
import { clerk, ledgerEvents, seedReferenceData, storeOf } from './clerk-fixtures';

describe('correcting and retracting minutes: nothing is deleted, the old version stays visible as known before', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await seedReferenceData(t.app);
  });
  afterAll(async () => t.close());

  const id = 'us-mx-security-cooperation-group-5';
  const read = (query: string) => request(t.app.getHttpServer()).get(`/v1/meetings/${id}?${query}`);

  it('a correction replaces a field from now on; knownAt before it still shows the old value', async () => {
    const recorded = await clerk(t.app).post('/v1/meetings', { ...FIFTH_SCG_MINUTES, place: 'Mexico City' });
    expect(recorded.status).toBe(201);
    await new Promise((r) => setTimeout(r, 5));
    const beforeCorrection = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 5));
    const corrected = await clerk(t.app).post(`/v1/meetings/${id}/corrections`, { reason: 'The post says Washington', changes: { place: 'Washington, D.C.' } }, { 'If-Match': '"0"' });
    expect(corrected.status).toBe(201);
    expect(corrected.body.streams).toEqual([{ streamId: `meeting-${id}`, revision: 1 }]);

    const now = await read(`minPosition=${corrected.body.position}`);
    expect(now.body.place).toBe('Washington, D.C.');
    expect(now.body.corrections).toEqual([expect.objectContaining({ reason: 'The post says Washington' })]);
    const then = await read(`knownAt=${beforeCorrection}`);
    expect(then.body.place).toBe('Mexico City');

    const stream = await storeOf(t.app).readStream(`meeting-${id}`);
    expect(stream.map((e) => e.type)).toEqual(['MinutesRecorded', 'MeetingCorrected']);
    expect(stream[0].data.place).toBe('Mexico City');
    expect(stream[1].metadata.corrects).toBe(stream[0].id);
  });

  it('a retraction keeps the minutes on the record but out of every count, retracts the pledges made there, and refuses further change', async () => {
    const retracted = await clerk(t.app).post(`/v1/meetings/${id}/corrections`, { reason: 'Entered under the wrong forum', retract: true });
    expect(retracted.status).toBe(201);
    expect(retracted.body.streams).toEqual([
      { streamId: `meeting-${id}`, revision: 2 },
      { streamId: `pledge-${id}-pledge-1`, revision: 1 },
    ]);
    const pledgeStream = await storeOf(t.app).readStream(`pledge-${id}-pledge-1`);
    expect(pledgeStream.map((e) => e.type)).toEqual(['PledgeMade', 'PledgeRetracted']);
    expect(pledgeStream[1].data.reason).toMatch(/minutes of .* were retracted: Entered under the wrong forum/);
    const meetingStream = await storeOf(t.app).readStream(`meeting-${id}`);
    expect(pledgeStream[1].metadata.causationId).toBe(meetingStream[2].id);
    const board = await request(t.app.getHttpServer()).get(`/v1/pledges?minPosition=${retracted.body.position}`);
    expect(board.body.items.map((p: { id: string }) => p.id)).not.toContain(`${id}-pledge-1`);
    const list = await request(t.app.getHttpServer()).get(`/v1/meetings?minPosition=${retracted.body.position}`);
    expect(list.body.items.map((m: { id: string }) => m.id)).not.toContain(id);
    const again = await clerk(t.app).post(`/v1/meetings/${id}/corrections`, { reason: 'x', changes: { place: 'Ottawa' } });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('MEETING.RETRACTED');
    expect((await storeOf(t.app).readStream(`meeting-${id}`)).map((e) => e.type)).toEqual(['MinutesRecorded', 'MeetingCorrected', 'MeetingRetracted']);
  });

  it('refuses a correction that changes nothing, or that both changes and retracts, writing nothing', async () => {
    const standalone = { id: 'standalone-pledge', by: ['US'], description: 'x', themes: [], status: 'agreed', madeOn: { date: '2016' }, source: { document: '000_3fdbd5733350c650.txt', quote: 'SCG' } };
    expect((await clerk(t.app).post('/v1/pledges', standalone)).status).toBe(201);
    const head = (await ledgerEvents(t.app)).length; // ledger entries: the sealer may add a checkpoint meanwhile
    const nothing = await clerk(t.app).post('/v1/pledges/standalone-pledge/corrections', { reason: 'x' });
    expect({ status: nothing.status, code: nothing.body.code }).toEqual({ status: 422, code: 'PLEDGE.INVALID' });
    const both = await clerk(t.app).post('/v1/pledges/standalone-pledge/corrections', { reason: 'x', retract: true, changes: { description: 'y' } });
    expect({ status: both.status, code: both.body.code }).toEqual({ status: 422, code: 'PLEDGE.INVALID' });
    expect((await ledgerEvents(t.app)).length).toBe(head);
  });
});
