import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as exportCommand from '../../apps/ledger-cli/src/commands/export.command';
import * as verifyCommand from '../../apps/ledger-cli/src/commands/verify.command';
import { runTs, waitForExit } from '../support/child-process';
import { startTestApp, type TestApp } from '../support/test-app';
import { tempDir } from '../support/temp-dir';
import { AUDIT_ENV, auditor, runCommand, storeFile, storeOf, writeLedger } from './audit-fixtures';

describe('export (API and CLI) and the standalone verifier', () => {
  const temp = tempDir('export');
  const dir = temp.dir;
  let t: TestApp;
  let keyFile: string;

  const download = async (query = ''): Promise<string> => {
    const res = await auditor(t.app)(`/v1/audit/export${query}`).buffer(true).parse((r, cb) => {
      let text = '';
      r.on('data', (c: Buffer) => (text += c.toString()));
      r.on('end', () => cb(null, text));
    });
    expect(res.status).toBe(200);
    return res.body as string;
  };
  const save = (name: string, text: string): string => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };
  const verify = (...argv: string[]) => runCommand(verifyCommand, [...argv, '--public-key', keyFile]);

  beforeAll(async () => {
    t = await startTestApp(AUDIT_ENV, dir);
    await writeLedger(storeOf(t.app));
    keyFile = save('ledger.pem', (await auditor(t.app)('/v1/audit/public-key')).body.publicKeyPem);
  });
  afterAll(async () => {
    await t.close();
    temp.cleanup();
  });

  it('streams a full export as entries then checkpoints, sealing uncovered entries first', async () => {
    const lines = (await download()).trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines.slice(0, 30).map((l) => l.sequence)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(lines.slice(30).map((l) => l.checkpoint?.treeSize)).toEqual([8, 16, 24, 30]);
    expect(Object.keys(lines[0])).toEqual(['sequence', 'envelope', 'data', 'leafHash']);
  });

  it('the CLI exports the same bytes from the store file, read-only, beside the running service', async () => {
    const fromApi = await download();
    const out = join(dir, 'cli-export.ndjson');
    const cli = await runCommand(exportCommand, ['--data-dir', dir, '--out', out]);
    expect(cli.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(fromApi);
    expect((await verify(out)).code).toBe(0);
  });

  it('keeps the trust file moving forward only, and checks a later export against it', async () => {
    const trust = join(dir, 'verifier-state.json');
    const first = await verify(save('first.ndjson', await download()), '--trust-file', trust);
    expect(first.code).toBe(0);
    expect(JSON.parse(readFileSync(trust, 'utf8')).checkpoint.treeSize).toBe(30);
    await writeLedger(storeOf(t.app), 31, 34);
    const later = await verify(save('later.ndjson', await download()), '--trust-file', trust);
    expect(later.out).toMatch(/consistent with the trusted checkpoint at tree size 30/);
    expect(JSON.parse(readFileSync(trust, 'utf8')).checkpoint.treeSize).toBe(34);
    // An older export than the trusted state is refused, and the trust file is left alone.
    const stale = await verify(join(dir, 'first.ndjson'), '--trust-file', trust);
    expect(stale.code).toBe(1);
    expect(stale.out).toMatch(/^FAILED at ledger sequence 31: trusted checkpoint at tree size 34 is beyond the end of the log \(30 events\)/);
    expect(JSON.parse(readFileSync(trust, 'utf8')).checkpoint.treeSize).toBe(34);
  });

  it('verifies a partial export by its proofs, and names a tampered entry in it', async () => {
    const trust = join(dir, 'partial-state.json');
    const text = await download('?from=5&to=12');
    const partial = await verify(save('partial.ndjson', text), '--trust-file', trust);
    expect(partial).toMatchObject({ code: 0, out: expect.stringMatching(/OK: 8 ledger entries verified[\s\S]*partial export: only sequences 5\.\.12/) });
    const cli = join(dir, 'cli-partial.ndjson');
    expect((await runCommand(exportCommand, ['--sqlite', storeFile(dir), '--from', '5', '--to', '12', '--out', cli])).code).toBe(0);
    expect(readFileSync(cli, 'utf8')).toBe(text);
    expect((await verify(cli, '--trust-file', trust)).code).toBe(0);

    const edited = text.replace('meeting number 9', 'meeting number 8');
    expect((await verify(save('edited.ndjson', edited), '--json')).out).toMatch(/"firstBrokenPosition": 9,\s+"reason": "leaf hash mismatch at sequence 9"/);
    const noProof = text.split('\n').filter((l) => !l.includes('"inclusionProof":{"sequence":7,')).join('\n');
    expect((await verify(save('no-proof.ndjson', noProof))).out).toMatch(/^FAILED at ledger sequence 7: no inclusion proof for sequence 7/);
  });

  it('runs as the real command line: exit 0 when verified, 1 on a broken log, 2 on misuse', async () => {
    const good = save('good.ndjson', await download());
    const bad = save('bad.ndjson', readFileSync(good, 'utf8').replace('meeting number 13', 'meeting number 18'));
    const exit = async (...args: string[]) => {
      const child = runTs('apps/ledger-cli/src/main.ts', args);
      let out = '';
      child.stdout?.on('data', (d) => (out += d));
      await waitForExit(child);
      return { code: child.exitCode, out };
    };
    expect(await exit('verify', good, '--public-key', keyFile)).toMatchObject({ code: 0, out: expect.stringMatching(/^OK/) });
    expect(await exit('verify', bad, '--public-key', keyFile)).toMatchObject({ code: 1, out: expect.stringMatching(/^FAILED at ledger sequence 13: leaf hash mismatch at sequence 13/) });
    expect((await exit('verify', good)).code).toBe(2);
    expect((await runCommand(exportCommand, ['--data-dir', dir, '--from', 'x'])).code).toBe(2);
    expect((await runCommand(verifyCommand, [good, '--public-key', good])).code).toBe(2);
  });
});
