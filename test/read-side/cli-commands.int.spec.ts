import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { EmbeddedEventStore } from '@concordat/event-store';
import { ProjectionHost, runReport, viewAt } from '@concordat/read-models';
import { runTs } from '../support/child-process';
import { tempDir } from '../support/temp-dir';
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
});
