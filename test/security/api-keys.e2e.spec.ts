import request from 'supertest';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { appendKey, generateKey, parseApiKeys, removeKey } from '../../apps/ledger-api/src/auth/api-keys';
import { runKeysTool } from '../../apps/ledger-api/src/auth/keys.tool';
import { startTestApp } from '../support/test-app';

const mode = (path: string) => (statSync(path).mode & 0o777).toString(8);

async function eventually(check: () => Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`not within ${ms} ms: ${what}`);
}

describe('API keys: hashed at rest, generated strong, rotated without a restart', () => {
  it('a first start without API_KEYS stores only salted hashes, shows the tokens once in a 0600 file, and keeps DATA_DIR 0700', async () => {
    const t = await startTestApp({ API_KEYS: '' });
    try {
      const keyFile = readFileSync(join(t.dataDir, 'api-keys'), 'utf8');
      const tokens = readFileSync(join(t.dataDir, 'new-api-tokens.txt'), 'utf8').trim().split('\n').map((l) => l.split(':'));
      expect(tokens.map(([principal, roles]) => `${principal}:${roles}`)).toEqual(['local-clerk:clerk', 'local-auditor:auditor', 'local-reporter:reporter', 'local-admin:admin']);
      for (const [, , token] of tokens) {
        expect(token).toMatch(/^cck_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/); // 32 random bytes
        expect(keyFile).not.toContain(token);
        expect(keyFile).not.toContain(token.slice(17));
      }
      const clerkToken = tokens[0][2];
      const res = await request(t.app.getHttpServer()).post('/v1/themes').set('Authorization', `Bearer ${clerkToken}`).send({ id: 'generated-key-theme', name: 'G', definition: 'G' });
      expect(res.status).toBe(201);
      expect(mode(t.dataDir)).toBe('700');
      for (const file of ['api-keys', 'new-api-tokens.txt', 'events.sqlite']) expect({ file, mode: mode(join(t.dataDir, file)) }).toEqual({ file, mode: '600' });
    } finally {
      await t.close();
    }
  });

  it('refuses configured tokens shorter than 32 characters', () => {
    expect(() => parseApiKeys('clerk-ana:clerk:short-token-123')).toThrow(/shorter than 32/);
  });

  it('adds and revokes keys while the service runs: on file change and on SIGHUP', async () => {
    const t = await startTestApp();
    try {
      const file = join(t.dataDir, 'api-keys');
      const status = async (token: string) => (await request(t.app.getHttpServer()).get('/v1/audit/public-key').set('Authorization', `Bearer ${token}`)).status;
      const lines: string[] = [];
      expect(runKeysTool(['add', 'auditor-new', 'auditor', '--file', file], (l) => lines.push(l))).toBe(0);
      const token = lines[1];
      await eventually(async () => (await status(token)) === 200, 'the added key is accepted');
      const keyId = lines[0].split(' ')[1];
      expect(removeKey(file, keyId)).toBe(true);
      await eventually(async () => (await status(token)) === 401, 'the revoked key is refused');

      // SIGHUP (the file keeps its old modification time; its size still changes, so the watcher may see it too).
      // This step also keeps Nest's shutdown hooks off SIGHUP: they used to stop the service on it.
      const { token: second, key } = generateKey('auditor-hup', ['auditor']);
      const before = statSync(file);
      appendKey(file, key);
      const { utimesSync } = await import('node:fs');
      utimesSync(file, before.atime, before.mtime);
      // Jest's sandboxed process object does not receive OS signals: deliver the event it would raise.
      process.emit('SIGHUP', 'SIGHUP');
      await eventually(async () => (await status(second)) === 200, 'the key added before SIGHUP is accepted');
      expect(mode(file)).toBe('600');
      writeFileSync(file, 'not a key line\n');
      process.emit('SIGHUP', 'SIGHUP');
      await new Promise((r) => setTimeout(r, 300));
      expect(await status(second)).toBe(200); // a broken file keeps the keys in force
    } finally {
      await t.close();
    }
  });
});
