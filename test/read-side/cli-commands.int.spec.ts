import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { EmbeddedEventStore } from '@concordat/event-store';
import { ProjectionHost, runReport, viewAt } from '@concordat/read-models';
import { REPO_ROOT, runTs } from '../support/child-process';
import { tempDir } from '../support/temp-dir';
import { exportCommand } from '../../apps/ledger-cli/src/commands/export.command';
import { verifyCommand } from '../../apps/ledger-cli/src/commands/verify.command';
import { LedgerWriter } from './support/ledger-writer';
import { writeScgDataset } from './support/scg-dataset';
import { dumpReadModels } from './support/table-dump';

function cli(dataDir: string, ...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = runTs('apps/ledger-cli/src/main.ts', args, { DATA_DIR: dataDir, EVENT_STORE: 'embedded' });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d) => (stdout += d));
  child.stderr?.on('data', (d) => (stderr += d));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

const TSX_LOADER = pathToFileURL(join(REPO_ROOT, 'node_modules/tsx/dist/loader.mjs')).href;

/** The CLI from its source, run where a user would run it: in a folder of their own, DATA_DIR unset. */
function cliIn(cwd: string, ...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, TSX_TSCONFIG_PATH: join(REPO_ROOT, 'tsconfig.json') };
  for (const name of ['DATA_DIR', 'SEEDS_DIR', 'EVENT_STORE', 'LOG_FORMAT']) delete env[name];
  const child = spawn(process.execPath, ['--import', TSX_LOADER, join(REPO_ROOT, 'apps/ledger-cli/src/main.ts'), ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

const COMMANDS = ['seed', 'rebuild', 'replay', 'export', 'verify'];

describe('concordat, the command-line tool', () => {
  const { dir: cwd, cleanup } = tempDir('cli-help');
  afterAll(cleanup);

  it('prints --help for itself and for every command, exit 0, and writes nothing (no ./data)', async () => {
    const runs = await Promise.all([cliIn(cwd, '--help'), ...COMMANDS.map((c) => cliIn(cwd, c, '--help')), cliIn(cwd, 'help', 'seed')]);
    const [top, ...rest] = runs;
    expect({ code: top.code, stderr: top.stderr }).toEqual({ code: 0, stderr: '' });
    for (const c of COMMANDS) expect(top.stdout).toMatch(new RegExp(`^  ${c} `, 'm'));
    rest.forEach((run, i) => {
      const name = [...COMMANDS, 'seed'][i];
      expect({ name, code: run.code, stderr: run.stderr }).toEqual({ name, code: 0, stderr: '' });
      expect(run.stdout).toMatch(new RegExp(`^Usage: concordat ${name} `));
      expect(run.stdout).toMatch(/Exit status: 0 /);
    });
    expect(readdirSync(cwd)).toEqual([]);
  }, 120_000);

  it('prints its version, and refuses an unknown command or option with exit 2', async () => {
    const version = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).version as string;
    const [printed, unknown, badOption, noCommand] = await Promise.all([
      cliIn(cwd, '--version'),
      cliIn(cwd, 'frobnicate'),
      cliIn(cwd, 'export', '--data-dir', cwd, '--frob'),
      cliIn(cwd),
    ]);
    expect(printed).toMatchObject({ code: 0, stdout: `${version}\n` });
    expect(unknown).toMatchObject({ code: 2, stderr: expect.stringContaining("unknown command 'frobnicate'") });
    expect(badOption).toMatchObject({ code: 2, stderr: expect.stringContaining("unknown option '--frob'") });
    expect(noCommand).toMatchObject({ code: 2, stderr: expect.stringContaining('Usage: concordat') });
    expect(readdirSync(cwd)).toEqual([]);
  }, 120_000);

  it('is the package\'s bin: an executable node script that runs the built tool', () => {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    const bin = join(REPO_ROOT, pkg.bin.concordat);
    expect(readFileSync(bin, 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n[\s\S]*require\('\.\.\/dist\/apps\/ledger-cli\/src\/main\.js'\)/);
    expect(statSync(bin).mode & 0o111).not.toBe(0);
    // The built path is where nest-cli.json's ledger-cli project puts its entry file.
    const nest = JSON.parse(readFileSync(join(REPO_ROOT, 'nest-cli.json'), 'utf8'));
    expect(nest.projects['ledger-cli']).toMatchObject({ sourceRoot: 'apps/ledger-cli/src', entryFile: 'main' });
  });
});

describe('concordat replay and concordat rebuild', () => {
  const { dir, cleanup } = tempDir('cli');
  let store: EmbeddedEventStore;
  beforeAll(async () => {
    store = new EmbeddedEventStore({ file: join(dir, 'events.sqlite') });
    await writeScgDataset(new LedgerWriter(store));
  });
  afterAll(async () => {
    await store.close();
    cleanup();
  });

  it('replay prints a report computed from the log, as of a date and as known at an instant', async () => {
    const events = await store.readAll();
    const knownAt = events[events.length - 1].recordedAt;
    const res = await cli(dir, 'replay', '--as-of', '2022-06-30', '--known-at', knownAt, '--report', 'inherited', '--format', 'json');
    expect(res.code).toBe(0);
    const printed = JSON.parse(res.stdout);
    expect(printed).toMatchObject({ asOf: '2022-06-30', knownAt, report: 'inherited' });
    expect(printed.items).toEqual(JSON.parse(JSON.stringify(runReport(viewAt(events, { asOf: '2022-06-30', knownAt }), 'inherited-commitments'))));
    const table = await cli(dir, 'replay', '--as-of', '2019-12-31', '--report', 'forum-activity');
    expect(table.stdout).toMatch(/us-mx-security-cooperation-group\s+3\s+2015\s+2017-10\s+366\s+3\s+791/);
    expect((await cli(dir, 'replay', '--as-of', '2016-02-30')).code).toBe(2);
    // A year or a month counts at its end, as everywhere in the ledger.
    const year = await cli(dir, 'replay', '--as-of', '2016', '--report', 'meetings', '--format', 'json');
    expect(JSON.parse(year.stdout)).toMatchObject({ asOf: '2016-12-31', report: 'meetings' });
  }, 60_000);

  it('rebuild builds the read models beside the live file and swaps them in; refused while a live process projects', async () => {
    const file = join(dir, 'read-models.sqlite');
    const res = await cli(dir, 'rebuild');
    expect({ code: res.code, stderr: res.stderr }).toMatchObject({ code: 0 });
    expect(res.stdout).toMatch(/Rebuilt .*read-models\.sqlite: \d+ events/);
    expect(res.stderr).toMatch(/rebuilding read models/);
    expect(dumpReadModels(file).checkpoint?.position).toBe(await store.headPosition());
    expect(existsSync(`${file}.rebuild`)).toBe(false);

    const host = new ProjectionHost(store, file);
    host.start();
    try {
      const refused = await cli(dir, 'rebuild');
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(`in use by process ${process.pid}`);
    } finally {
      await host.stop();
    }
  }, 60_000);

  it('export --out writes the export alone; verify calls a stray line (npm\'s banner) malformed input, exit 2, not a break', async () => {
    const out = join(dir, 'ledger.ndjson');
    const exported = await inProcess(() => exportCommand.run(['--data-dir', dir, '--out', out]));
    expect(exported).toMatchObject({ code: 0, stdout: '' });
    expect(readFileSync(out, 'utf8').split('\n')[0]).toMatch(/^\{"sequence":1,/);
    const key = join(dir, 'any-ed25519.pem');
    writeFileSync(key, generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }));
    const banner = join(dir, 'with-banner.ndjson');
    writeFileSync(banner, `\n> concordat@0.1.0 export\n> node bin/concordat.js export --data-dir ./data\n\n${readFileSync(out, 'utf8')}`);
    const verified = await inProcess(() => verifyCommand.run([banner, '--public-key', key]));
    expect(verified.code).toBe(2);
    expect(verified.stdout).toBe('');
    expect(verified.stderr).toMatch(/^Malformed input, not a break in the ledger: .*with-banner\.ndjson: line 2 of the export: not JSON; nothing was verified\./);
    expect(verified.stderr).not.toMatch(/ledger sequence/);
  });
});

/** A command run in this process, with what it printed. */
async function inProcess(run: () => Promise<number>): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const log = jest.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void stdout.push(a.join(' ')));
  const error = jest.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void stderr.push(a.join(' ')));
  try {
    return { code: await run(), stdout: stdout.join('\n'), stderr: stderr.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}
