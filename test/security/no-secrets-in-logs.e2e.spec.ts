import request from 'supertest';
import { FIFTH_SCG_MINUTES } from '../../apps/ledger-api/src/clerk/meetings/minutes.example';
import { linesUntil, runTs, waitForExit } from '../support/child-process';
import { API_KEYS, TOKENS, startTestApp } from '../support/test-app';
import { tempDir } from '../support/temp-dir';
import { seedReferenceData } from '../clerk/clerk-fixtures';
import { startLocalIssuer } from './support/local-oidc-issuer';

/** The real service (main.ts) at LOG_LEVEL=trace, driven over HTTP with every kind of token; its whole output is searched. */
describe('no secret reaches a log', () => {
  it('no token, valid or not, appears in the logs of a full run; requests are logged under their correlation id', async () => {
    const { dir, cleanup } = tempDir('logs');
    const issuer = await startLocalIssuer();
    try {
      const setup = await startTestApp({}, dir);
      await seedReferenceData(setup.app);
      await setup.close();
      const port = String(20000 + Math.floor(Math.random() * 20000));
      const child = runTs('apps/ledger-api/src/main.ts', [], { DATA_DIR: dir, PORT: port, HOST: '127.0.0.1', API_KEYS, LOG_LEVEL: 'trace', SEED_ON_EMPTY: 'false', ...issuer.env }, 'ts-node');
      let output = '';
      child.stderr?.on('data', (d) => (output += d));
      const started = await linesUntil(child, (lines) => lines.some((l) => l.includes('listening')), 90_000);
      let rest = '';
      child.stdout?.on('data', (d) => (rest += d));
      const jwt = await issuer.token({ sub: 'oidc|logged-clerk', roles: ['clerk'] });
      const expired = await issuer.token({ sub: 'oidc|late', roles: ['clerk'], expiresIn: -600 });
      const forged = await issuer.token({ sub: 'oidc|forger', roles: ['admin'] }, 'forger');
      const garbage = 'garbage-token-that-someone-typed-wrong-000';
      const secrets = [TOKENS.clerk, TOKENS.auditor, TOKENS.admin, TOKENS.reporter, jwt, expired, forged, garbage];
      const http = request(`http://127.0.0.1:${port}`);
      const as = (token: string) => ({ Authorization: `Bearer ${token}` });
      const statuses = [
        (await http.post('/v1/meetings').set(as(TOKENS.clerk)).set('X-Correlation-Id', 'logged-write-1').send(FIFTH_SCG_MINUTES)).status,
        (await http.get('/v1/audit/events?limit=5').set(as(TOKENS.auditor))).status,
        (await http.get('/v1/pledges').set(as(TOKENS.reporter))).status,
        (await http.post('/v1/themes').set(as(jwt)).send({ id: 'logged-theme', name: 'L', definition: 'L' })).status,
        (await http.post('/v1/themes').set(as(TOKENS.clerk)).send({ id: 'Not A Slug' })).status,
        (await http.post('/v1/themes').set(as(TOKENS.clerk)).set('Content-Type', 'application/json').send('{"broken": ')).status,
        (await http.get('/v1/themes').set(as(expired))).status,
        (await http.get('/v1/themes').set(as(forged))).status,
        (await http.get('/v1/themes').set(as(garbage))).status,
        (await http.post('/v1/admin/projections/rebuild').set(as(TOKENS.admin))).status,
      ];
      expect(statuses).toEqual([201, 200, 200, 201, 400, 400, 401, 401, 401, 200]);
      child.kill('SIGTERM');
      await waitForExit(child);
      const log = [...started, rest, output].join('\n');
      for (const secret of secrets) {
        expect(log.includes(secret)).toBe(false);
        expect(log.includes(secret.slice(-20))).toBe(false);
      }
      expect(log).toContain('[redacted]');
      // The request log's id is the correlation id.
      const line = log.split('\n').find((l) => l.includes('"logged-write-1"') && l.includes('"res"'));
      expect(line && JSON.parse(line).req.id).toBe('logged-write-1');
      // Start-up lines carry their own times (they were once buffered and all stamped at once).
      const times = new Set(started.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l).time));
      expect(times.size).toBeGreaterThan(1);
    } finally {
      await issuer.close();
      cleanup();
    }
  }, 180_000);
});
