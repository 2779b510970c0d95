import request from 'supertest';
import { startTestApp } from '../support/test-app';

describe('rate limiting (Nest throttler)', () => {
  it('answers 429 in the common error shape once a client exceeds RATE_LIMIT_PER_MINUTE; health stays reachable', async () => {
    const t = await startTestApp({ RATE_LIMIT_PER_MINUTE: '3' });
    try {
      const server = t.app.getHttpServer();
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await request(server).post('/v1/themes').send({})).status);
      expect(statuses).toEqual([401, 401, 401, 429]);
      const limited = await request(server).post('/v1/themes').send({});
      expect(limited.body).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED' });
      expect((await request(server).get('/health')).status).toBe(200);
    } finally {
      await t.close();
    }
  });
});
