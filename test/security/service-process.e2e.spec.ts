import { chmodSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { appendKey, generateKey, removeKey } from '../../apps/ledger-api/src/auth/api-keys';
import { call, LedgerService } from '../reliability/support/ledger-service';
import { minutes, setUpReferenceData } from '../reliability/support/workload';
import { tempDir } from '../support/temp-dir';

const mode = (path: string) => (statSync(path).mode & 0o777).toString(8);

/** Every file and folder under `dir` with its mode, `dir` itself as `.`. */
function modes(dir: string): Record<string, string> {
  const out: Record<string, string> = { '.': mode(dir) };
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      out[relative(dir, path)] = mode(path);
      if (statSync(path).isDirectory()) walk(path);
    }
  };
  walk(dir);
  return out;
}

async function eventually(check: () => boolean | Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`not within ${ms} ms: ${what}`);
}

/** The real service as its own process, as an operator runs it: real signals, a real umask, the files it leaves. */
describe('the service process: SIGHUP re-reads the API keys; DATA_DIR stays private', () => {
  const { dir: root, cleanup } = tempDir('process');
  const dataDir = join(root, 'data');
  let service: LedgerService;
  beforeAll(async () => {
    // A data folder an operator left open: 0755, with a world-readable file and folder in it.
    mkdirSync(join(dataDir, 'notes'), { recursive: true, mode: 0o755 });
    chmodSync(dataDir, 0o755);
    chmodSync(join(dataDir, 'notes'), 0o755);
    writeFileSync(join(dataDir, 'notes', 'readme.txt'), 'left here\n', { mode: 0o644 });
    service = new LedgerService(dataDir, { LOG_LEVEL: 'info' });
    await service.start();
    await setUpReferenceData(service.url);
    expect((await call(service.url, 'POST', '/v1/meetings', minutes('process-meeting', ['process-pledge']))).status).toBe(201);
  }, 120_000);
  afterAll(async () => {
    await service.stop();
    cleanup();
  });

  it('keeps DATA_DIR 0700 and every file in it 0600: the event store, the read models, their journals, the signing key, files left before the start', async () => {
    const found = modes(dataDir);
    for (const file of ['events.sqlite', 'events.sqlite-wal', 'read-models.sqlite', 'read-models.sqlite-wal', 'ledger-signing-key.pem']) expect(Object.keys(found)).toContain(file);
    const expected = Object.fromEntries(Object.keys(found).map((name) => [name, name === '.' || name === 'notes' ? '700' : '600']));
    expect(found).toEqual(expected);
  });

  it('re-reads the key file on SIGHUP while serving: a key added is accepted, a key removed is refused, and the signal stops nothing', async () => {
    const file = join(dataDir, 'api-keys');
    const status = async (token: string) => (await call(service.url, 'GET', '/v1/audit/public-key', undefined, {}, token)).status;
    const reloads = () => (service.logs.match(/API keys re-read from [^\n]*\(SIGHUP\)/g) ?? []).length;
    const { token, key } = generateKey('auditor-hup', ['auditor']);
    expect(await status(token)).toBe(401);
    appendKey(file, key);
    service.hangUp();
    await eventually(() => reloads() === 1, 'the service logs a re-read on SIGHUP');
    expect(await status(token)).toBe(200);
    expect(removeKey(file, key.keyId)).toBe(true);
    service.hangUp();
    await eventually(() => reloads() === 2, 'the service logs a second re-read on SIGHUP');
    expect(await status(token)).toBe(401);
    expect(service.running).toBe(true);
    expect((await call(service.url, 'GET', '/v1/themes')).status).toBe(200);
    expect(mode(file)).toBe('600');
  });
});
