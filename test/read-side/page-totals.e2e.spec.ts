import request from 'supertest';
import type { RecordMinutesInput } from '@concordat/domain';
import { FIFTH_SCG_MINUTES } from '../../apps/ledger-api/src/clerk/meetings/minutes.example';
import { clerk, seedReferenceData, SCG } from '../clerk/clerk-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';

/** Minutes of one SCG sitting on `date`, with one pledge. */
function sitting(sequence: number, date: string): RecordMinutesInput {
  return {
    ...FIFTH_SCG_MINUTES,
    title: `Sitting ${sequence} of the SCG`,
    sequence,
    heldOn: { date },
    pledges: [{ ...FIFTH_SCG_MINUTES.pledges![0], description: `pledge of sitting ${sequence}` }],
  };
}

/**
 * A page's total counts what matches as of the day asked. The service counts it once per
 * read-model position for every day after the same last row (sqlite-source.ts `page`), so what
 * must hold: each day gets its own total, days after the record share one, and the next event,
 * even one dated before everything else, changes the total of every day it precedes.
 */
describe('page totals as of a day: true for each day, and renewed by the next event', () => {
  let t: TestApp;
  let position = '0';
  beforeAll(async () => {
    t = await startTestApp();
    await seedReferenceData(t.app);
    for (const [sequence, date] of [[11, '2014-03-01'], [12, '2015-06-01'], [13, '2016-09-01']] as const) {
      const written = await clerk(t.app).post('/v1/meetings', sitting(sequence, date));
      expect(written.status).toBe(201);
      position = String(written.body.position);
    }
  });
  afterAll(async () => t.close());

  const totals = async (asOf: string, query: Record<string, string> = {}) => {
    const get = (path: string) => request(t.app.getHttpServer()).get(path).query({ limit: '1', asOf, minPosition: position, ...query }).expect(200);
    const [meetings, pledges] = await Promise.all([get('/v1/meetings'), get('/v1/pledges')]);
    return { asOf, meetings: meetings.body.page.total, pledges: pledges.body.page.total, meetingsExact: meetings.body.page.totalExact, pledgesExact: pledges.body.page.totalExact };
  };

  it('counts what was held or made by each day; every day after the last row has the same total, whichever is asked first', async () => {
    const days = ['2031-05-05', '2014-02-28', '2014-03-01', '2015-12-31', '2016-08-31', '2030-01-01', '2016-09-01', '2031-05-05'];
    const expected: Record<string, number> = { '2014-02-28': 0, '2014-03-01': 1, '2015-12-31': 2, '2016-08-31': 2, '2016-09-01': 3, '2030-01-01': 3, '2031-05-05': 3 };
    for (const asOf of days) {
      expect(await totals(asOf)).toEqual({ asOf, meetings: expected[asOf], pledges: expected[asOf], meetingsExact: true, pledgesExact: true });
    }
    // With a filter the count is the filter's: another forum holds none of them.
    expect((await totals('2030-01-01', { forum: 'no-such-forum' })).meetings).toBe(0);
    expect((await totals('2031-05-05', { forum: SCG })).meetings).toBe(3);
  });

  it('after an event dated before all of them, every day from it on counts one more, the days after the record included', async () => {
    const before = await totals('2031-05-05');
    const written = await clerk(t.app).post('/v1/meetings', sitting(10, '2013-01-15'));
    expect(written.status).toBe(201);
    position = String(written.body.position);
    expect(await totals('2031-05-05')).toEqual({ ...before, meetings: before.meetings + 1, pledges: before.pledges + 1 });
    expect(await totals('2030-01-01')).toEqual({ asOf: '2030-01-01', meetings: 4, pledges: 4, meetingsExact: true, pledgesExact: true });
    expect(await totals('2013-06-01')).toEqual({ asOf: '2013-06-01', meetings: 1, pledges: 1, meetingsExact: true, pledgesExact: true });
    expect(await totals('2015-12-31')).toEqual({ asOf: '2015-12-31', meetings: 3, pledges: 3, meetingsExact: true, pledgesExact: true });
  });

  it('a page after a cursor counts what follows the cursor, the same for every day after the record', async () => {
    const first = await request(t.app.getHttpServer()).get('/v1/meetings').query({ limit: '1', asOf: '2030-01-01', minPosition: position }).expect(200);
    const cursor = first.body.page.nextCursor as string;
    expect(cursor).toEqual(expect.any(String));
    for (const asOf of ['2030-01-01', '2031-05-05']) {
      const next = await request(t.app.getHttpServer()).get('/v1/meetings').query({ limit: '1', asOf, cursor }).expect(200);
      expect({ asOf, total: next.body.page.total, first: next.body.items[0].sequence }).toEqual({ asOf, total: 3, first: 11 });
    }
  });
});
