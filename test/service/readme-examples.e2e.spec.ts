import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/child-process';
import { tempDir } from '../support/temp-dir';

/**
 * Every shell example of the README, run with bash, in order, against the seeded ledger: the real
 * built service (built by the same freshness check as `npm start`) in a folder of its own, as a
 * newcomer's clone would be after `npm ci && npm start`. Only two kinds of block are not run:
 * the two commands themselves (this test does what they do), and EventStoreDB examples (no server).
 */
const README = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
const BLOCKS = [...README.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
const isTheTwoCommands = (block: string) => /^npm ci && npm (start|test)\b/m.test(block);
const needsEventStoreDb = (block: string) => block.includes('EVENT_STORE=eventstoredb');
const EXAMPLES = BLOCKS.filter((b) => !isTheTwoCommands(b) && !needsEventStoreDb(b));

/** What a clone holds, linked into a fresh folder so that the examples' ./data is the test's own. */
const CLONE_ENTRIES = ['package.json', 'package-lock.json', 'node_modules', 'bin', 'scripts', 'dist', 'apps', 'libs', 'seeds', 'nest-cli.json', 'tsconfig.json', 'tsconfig.build.json'];

async function waitForHealth(port: number, service: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (service.exitCode !== null) throw new Error(`the service exited (${service.exitCode})`);
    const health = await fetch(`http://127.0.0.1:${port}/health`).then((r) => (r.ok ? (r.json() as Promise<{ status?: string }>) : undefined), () => undefined);
    if (health?.status === 'ok') return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('the service did not become healthy');
}

/** The environment without the variables a newcomer has not set: every default applies. */
function newcomersEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['DATA_DIR', 'SEEDS_DIR', 'API_KEYS', 'EVENT_STORE', 'SEED_ON_EMPTY', 'LOG_FORMAT', 'LOG_LEVEL', 'PORT', 'HOST']) delete env[name];
  return env;
}

describe('the README, run as written', () => {
  const { dir: clone, cleanup } = tempDir('readme');
  const port = 20000 + Math.floor(Math.random() * 20000);
  let service: ChildProcess;
  let serviceLog = '';

  beforeAll(async () => {
    const build = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts/build-if-stale.cjs'), '--quiet'], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect({ status: build.status, stderr: build.status === 0 ? '' : build.stderr }).toEqual({ status: 0, stderr: '' });
    for (const entry of CLONE_ENTRIES) symlinkSync(join(REPO_ROOT, entry), join(clone, entry));
    mkdirSync(join(clone, 'data'));
    service = spawn(process.execPath, ['dist/apps/ledger-api/src/main.js'], { cwd: clone, env: { ...newcomersEnv(), PORT: String(port), LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'] });
    service.stdout?.on('data', (d) => (serviceLog += d));
    service.stderr?.on('data', (d) => (serviceLog += d));
    await waitForHealth(port, service, 240_000);
  }, 600_000);

  afterAll(async () => {
    if (service && service.exitCode === null) {
      const exited = new Promise((resolve) => service.once('exit', resolve));
      service.kill('SIGTERM');
      await exited;
    }
    cleanup();
  });

  it('builds once: the second freshness check (as npm start and the bin run it) builds nothing', () => {
    const again = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts/build-if-stale.cjs')], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect({ status: again.status, stderr: again.stderr }).toEqual({ status: 0, stderr: '' });
  });

  it('has shell examples beyond the two commands', () => {
    expect(BLOCKS.filter(isTheTwoCommands)).toHaveLength(1);
    expect(EXAMPLES.length).toBeGreaterThan(4);
  });

  it('runs every shell example with bash, in order, each command succeeding (curl failing on any HTTP error)', () => {
    const script = [
      'set -euo pipefail',
      // Test code, not the README's: an HTTP error fails the example, as a reader would see it fail.
      'curl() { command curl --fail-with-body --silent --show-error "$@"; }',
      ...EXAMPLES.map((block, i) => `echo '### example ${i + 1}' >&2\n${block.replaceAll('localhost:3000', `localhost:${port}`)}`),
    ].join('\n');
    const run = spawnSync('bash', ['-c', script], { cwd: clone, encoding: 'utf8', timeout: 300_000, env: newcomersEnv() });
    const failedAt = run.stderr.match(/### example (\d+)(?![\s\S]*### example)/)?.[1];
    const where = run.status === 0 ? undefined : { example: EXAMPLES[Number(failedAt) - 1], stdout: run.stdout.slice(-2000), stderr: run.stderr.slice(-2000), service: serviceLog.slice(-2000) };
    expect({ status: run.status, where }).toEqual({ status: 0, where: undefined });
    expect(run.stdout).toMatch(/^OK: \d+ ledger entries verified/m);
    // The correction's example shows the difference it promises: the themes as known before, and now.
    expect(run.stdout).toMatch(/^\[.*"organized-crime"\]$/m);
    expect(run.stdout).toMatch(/^\[.*"organized-crime","human-rights"\]$/m);
  }, 400_000);
});
