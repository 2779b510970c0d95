import type { ChildProcess } from 'node:child_process';
import request from 'supertest';
import { linesUntil, runTs } from '../support/child-process';
import { startTestApp, type TestApp } from '../support/test-app';
import { tempDir } from '../support/temp-dir';

describe('the service shell', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(async () => t.close());

  it('answers /health with the adapter in use and the store reachable', async () => {
    const res = await request(t.app.getHttpServer()).get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', info: { eventStore: { status: 'up', adapter: 'embedded' } } });
  });

  it('serves Swagger UI at /docs and the OpenAPI 3 document at /docs-json', async () => {
    const page = await request(t.app.getHttpServer()).get('/docs');
    expect(page.status).toBe(200);
    expect(page.text).toContain('swagger-ui');
    const init = await request(t.app.getHttpServer()).get('/docs/swagger-ui-init.js');
    expect(init.status).toBe(200);
    const doc = await request(t.app.getHttpServer()).get('/docs-json');
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/health', '/v1/meetings', '/v1/reports/priorities-by-administration', '/v1/audit/verify']));
  });

  it('echoes a correlation id on every answer', async () => {
    const res = await request(t.app.getHttpServer()).get('/health').set('X-Correlation-Id', 'trace-42');
    expect(res.headers['x-correlation-id']).toBe('trace-42');
  });

});

describe('the service process', () => {
  it('refuses to start on a wrong variable with one plain line each: the variable, the value given, what is allowed', async () => {
    const { dir, cleanup } = tempDir('bad-config');
    try {
      const child = runTs('apps/ledger-api/src/main.ts', [], { DATA_DIR: dir, EVENT_STORE: 'postgres', PORT: 'abc' }, 'ts-node');
      const { stdout, stderr, code } = await allOutput(child);
      expect(code).toBe(1);
      expect(stderr.trimEnd().split('\n')).toEqual([
        'Invalid configuration: PORT must be an integer number, must not be less than 0, must not be greater than 65535 (got "abc")',
        'Invalid configuration: EVENT_STORE must be "embedded" or "eventstoredb" (got "postgres")',
      ]);
      expect(stdout).toBe('');
    } finally {
      cleanup();
    }
  }, 180_000);

  it('shuts down gracefully on SIGTERM, closing the store and writing every log line before it exits', async () => {
    const { dir, cleanup } = tempDir('sigterm');
    const port = String(20000 + Math.floor(Math.random() * 20000));
    const child = runTs('apps/ledger-api/src/main.ts', [], { DATA_DIR: dir, PORT: port, HOST: '127.0.0.1', SEED_ON_EMPTY: 'false', LOG_LEVEL: 'info' }, 'ts-node');
    try {
      const output = allOutput(child);
      const lines = await linesUntil(child, (l) => l.some((x) => x.includes('listening')), 150_000);
      const started = lines.find((x) => x.includes('listening'))!;
      expect(JSON.parse(started)).toMatchObject({ level: 30, msg: expect.stringContaining(port) });
      child.kill('SIGTERM');
      // Every line the process wrote, read until its stdout closed (not merely until it exited).
      const { stdout, code, signal } = await output;
      const messages = stdout.trimEnd().split('\n').map((line) => (JSON.parse(line) as { msg: string }).msg);
      expect(messages).toContain('Event store (embedded) closed after SIGTERM');
      expect({ code, signal }).toEqual({ code: 0, signal: null });
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      cleanup();
    }
  }, 180_000); // ts-node compiles the whole service first: slow on a busy machine
});

/** Everything a child wrote, once its output streams closed (the 'exit' event can come before the last data). */
function allOutput(child: ChildProcess): Promise<{ stdout: string; stderr: string; code: number | null; signal: NodeJS.Signals | null }> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d) => (stdout += d));
  child.stderr?.on('data', (d) => (stderr += d));
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ stdout, stderr, code, signal })));
}
