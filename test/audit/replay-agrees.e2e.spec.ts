import { join } from 'node:path';
import request from 'supertest';
import { run as replay } from '../../apps/ledger-cli/src/commands/replay.command';
import { REPO_ROOT } from '../support/child-process';
import { startTestApp, TOKENS, type TestApp } from '../support/test-app';
import { storeOf } from '../clerk/clerk-fixtures';

/** The replay tool computes from the log; the API answers from the read models. On the seed record they must agree. */
const DATES = ['2008-12-31', '2012-11-30', '2013-07-31', '2015-03-01', '2016-11-30', '2016-12-31', '2017-01-20', '2017-10-31', '2018-12-01', '2019-12-31'];
const REPORTS: Array<[string, string]> = [
  ['pledges', '/v1/pledges'],
  ['meetings', '/v1/meetings'],
  ['priorities', '/v1/reports/priorities-by-administration'],
  ['priority-changes', '/v1/reports/priority-changes'],
  ['inherited', '/v1/reports/inherited-commitments'],
  ['forum-activity', '/v1/reports/forum-activity'],
];

describe('replay (from the log) and the read models (over HTTP) agree on the seed record', () => {
  let t: TestApp;
  let min: string;
  beforeAll(async () => {
    t = await startTestApp({ SEED_ON_EMPTY: 'true', SEEDS_DIR: join(REPO_ROOT, 'seeds') });
    min = (await storeOf(t.app).headPosition()).toString();
  });
  afterAll(async () => t.close());

  async function replayJson(argv: string[]): Promise<{ items: unknown[] }> {
    const printed: string[] = [];
    const spy = jest.spyOn(console, 'log').mockImplementation((line: string) => void printed.push(line));
    try {
      expect(await replay(argv)).toBe(0);
    } finally {
      spy.mockRestore();
    }
    return JSON.parse(printed.join('\n'));
  }

  it.each(DATES)('as of %s', async (asOf) => {
    for (const [report, path] of REPORTS) {
      const fromLog = await replayJson(['--as-of', asOf, '--report', report, '--format', 'json']);
      const res = await request(t.app.getHttpServer()).get(`${path}?asOf=${asOf}&limit=500&minPosition=${min}`).set('Authorization', `Bearer ${TOKENS.auditor}`);
      expect(res.status).toBe(200);
      expect([report, res.body.items]).toEqual([report, fromLog.items]);
    }
  });

  it('and as known at an earlier instant', async () => {
    const events = await storeOf(t.app).readAll();
    const knownAt = events[Math.floor(events.length / 2)].recordedAt;
    const fromLog = await replayJson(['--as-of', '2019-12-31', '--known-at', knownAt, '--report', 'pledges', '--format', 'json']);
    const res = await request(t.app.getHttpServer()).get(`/v1/pledges?asOf=2019-12-31&knownAt=${knownAt}&limit=500&minPosition=${min}`).set('Authorization', `Bearer ${TOKENS.auditor}`);
    expect(res.body.items).toEqual(fromLog.items);
    expect(fromLog.items.length).toBeLessThan((await replayJson(['--as-of', '2019-12-31', '--report', 'pledges', '--format', 'json'])).items.length);
  });
});
