import request from 'supertest';
import { startTestApp, TOKENS } from '../support/test-app';

describe('rate limiting: per principal, per address without a token, 429 in the common shape with Retry-After', () => {
  it('counts each principal across all routes, anonymous callers (and refused tokens) per address; health stays reachable', async () => {
    const t = await startTestApp({ RATE_LIMIT_PER_MINUTE: '3', RATE_LIMIT_ANONYMOUS_PER_MINUTE: '2' });
    try {
      const server = t.app.getHttpServer();
      const as = (token?: string) => (path: string) => {
        const r = request(server).get(path);
        return token ? r.set('Authorization', `Bearer ${token}`) : r;
      };
      const clerk = as(TOKENS.clerk);
      // One budget across routes: three different routes, then the fourth request is refused.
      const statuses = [(await clerk('/v1/themes')).status, (await clerk('/v1/forums')).status, (await clerk('/v1/administrations')).status];
      expect(statuses).toEqual([200, 200, 200]);
      const limited = await clerk('/v1/meetings');
      expect(limited.status).toBe(429);
      expect(limited.body).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED', context: { limitPerMinute: 3 } });
      expect(limited.body.message).toContain('clerk-ana');
      expect(limited.body.message).not.toContain('ThrottlerException');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(limited.body.correlationId).toBe(limited.headers['x-correlation-id']);
      // Another principal has its own budget.
      expect((await as(TOKENS.clerk2)('/v1/themes')).status).toBe(200);
      // Anonymous: per address, with its own limit; a refused token counts there too.
      expect([(await as()('/v1/themes')).status, (await as('not-a-real-token-not-a-real-token-xx')('/v1/themes')).status]).toEqual([200, 401]);
      const anonymous = await as()('/v1/themes');
      expect(anonymous.status).toBe(429);
      expect(anonymous.body.message).toContain('this address');
      expect((await request(server).get('/health')).status).toBe(200);
    } finally {
      await t.close();
    }
  });
});
