import request from 'supertest';
import { FIFTH_SCG_MINUTES } from '../../apps/ledger-api/src/clerk/meetings/minutes.example';
import { clerk, quote, seedReferenceData } from '../clerk/clerk-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';

const MEETING = 'us-mx-security-cooperation-group-5';

/**
 * A meeting's detail lists its pledges with their status on asOf, as known at knownAt (read from
 * the status intervals, not from each pledge's whole history: sqlite-source.ts `pledgeStates`).
 */
describe('a meeting\'s pledges in its detail: status on the day asked, themes as recorded', () => {
  let t: TestApp;
  let pledges: string[];
  let beforeChange: string;
  let position: string;
  beforeAll(async () => {
    t = await startTestApp();
    await seedReferenceData(t.app);
    const written = await clerk(t.app).post('/v1/meetings', {
      ...FIFTH_SCG_MINUTES,
      pledges: [
        { by: ['US', 'MX'], description: 'coordinate security programming', themes: ['security-coordination', 'counter-narcotics'], status: 'agreed' },
        { by: ['MX'], description: 'train judicial officials', themes: ['police-professionalization'], status: 'agreed' },
      ],
    });
    expect(written.status).toBe(201);
    const meeting = await request(t.app.getHttpServer()).get(`/v1/meetings/${MEETING}`).query({ minPosition: String(written.body.position) }).expect(200);
    pledges = meeting.body.pledgeIds;
    await new Promise((resolve) => setTimeout(resolve, 5));
    beforeChange = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const changed = await clerk(t.app).post(`/v1/pledges/${pledges[0]}/status-changes`, { status: 'in_progress', effectiveOn: { date: '2017-03-01' }, reason: 'work began', evidence: quote('the working group met twice') });
    expect(changed.status).toBe(201);
    position = String(changed.body.position);
  });
  afterAll(async () => t.close());

  const detail = async (query: Record<string, string>) =>
    (await request(t.app.getHttpServer()).get(`/v1/meetings/${MEETING}`).query({ minPosition: position, ...query }).expect(200)).body.pledges as Array<{ id: string; description: string; themes: string[]; status: string }>;

  it('after the change, before it, and as known before it was recorded', async () => {
    const now = await detail({});
    expect(now).toEqual([
      { id: pledges[0], description: 'coordinate security programming', themes: ['security-coordination', 'counter-narcotics'], status: 'in_progress' },
      { id: pledges[1], description: 'train judicial officials', themes: ['police-professionalization'], status: 'agreed' },
    ]);
    expect((await detail({ asOf: '2017-02-28' })).map((p) => p.status)).toEqual(['agreed', 'agreed']);
    expect((await detail({ asOf: '2017-03-01' })).map((p) => p.status)).toEqual(['in_progress', 'agreed']);
    expect((await detail({ knownAt: beforeChange })).map((p) => p.status)).toEqual(['agreed', 'agreed']);
    expect((await detail({ knownAt: beforeChange })).map((p) => p.themes)).toEqual([['security-coordination', 'counter-narcotics'], ['police-professionalization']]);
  });
});
