import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataDigest, leafHash, readStoredLedger, toHex } from '@concordat/audit';
import * as exportCommand from '../../apps/ledger-cli/src/commands/export.command';
import * as verifyCommand from '../../apps/ledger-cli/src/commands/verify.command';
import { startTestApp, type TestApp } from '../support/test-app';
import { tempDir } from '../support/temp-dir';
import { AUDIT_ENV, auditor, LEDGER_SIZE, PLEDGE, PLEDGE_SEQUENCES, runCommand, storeFile, storeOf, tamper, writeLedger } from './audit-fixtures';

/** A ledger of 30 entries, checkpoints at 8, 16, 24 and (on demand) 30, and the auditor's copy of the public key. */
async function ledger(dir: string): Promise<{ t: TestApp; keyFile: string }> {
  const t = await startTestApp(AUDIT_ENV, dir);
  await writeLedger(storeOf(t.app));
  await auditor(t.app)('/v1/audit/checkpoints/latest').expect(200);
  const keyFile = join(dir, 'auditor-copy-of-public-key.pem');
  writeFileSync(keyFile, (await auditor(t.app)('/v1/audit/public-key')).body.publicKeyPem);
  return { t, keyFile };
}

async function serviceVerdict(t: TestApp) {
  return (await auditor(t.app)('/v1/audit/verify').expect(200)).body;
}

async function exportTo(t: TestApp, file: string): Promise<void> {
  const res = await auditor(t.app)('/v1/audit/export').buffer(true).parse((r, cb) => {
    let text = '';
    r.on('data', (c: Buffer) => (text += c.toString()));
    r.on('end', () => cb(null, text));
  });
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toMatch(/^application\/x-ndjson/);
  writeFileSync(file, res.body as string);
}

/** The standalone verifier, on the store file and on an export from the service; both must name `position`. */
async function standaloneVerdicts(t: TestApp, dir: string, keyFile: string, position: number, reason: RegExp): Promise<void> {
  const onFile = await runCommand(verifyCommand, ['--sqlite', storeFile(dir), '--public-key', keyFile]);
  expect(onFile.code).toBe(1);
  expect(onFile.out).toMatch(new RegExp(`^FAILED at ledger sequence ${position}: `));
  expect(onFile.out).toMatch(reason);
  const file = join(dir, 'export.ndjson');
  await exportTo(t, file);
  const onExport = await runCommand(verifyCommand, [file, '--public-key', keyFile, '--json']);
  expect(onExport.code).toBe(1);
  expect(JSON.parse(onExport.out)).toMatchObject({ ok: false, firstBrokenPosition: position, reason: expect.stringMatching(reason) });
}

describe('tamper evidence: the service and the standalone verifier name the first bad position', () => {
  let dir: string;
  let cleanup: () => void;
  let t: TestApp | undefined;
  beforeEach(() => ({ dir, cleanup } = tempDir('tamper')));
  afterEach(async () => {
    await t?.close();
    t = undefined;
    cleanup();
  });

  it('accepts the untouched ledger everywhere, and the export is what the verifier accepts', async () => {
    let keyFile: string;
    ({ t, keyFile } = await ledger(dir));
    expect(await serviceVerdict(t)).toMatchObject({ ok: true, checkedEvents: LEDGER_SIZE });
    const file = join(dir, 'export.ndjson');
    await exportTo(t, file);
    const trust = join(dir, 'verifier-state.json');
    const run = await runCommand(verifyCommand, [file, '--public-key', keyFile, '--trust-file', trust]);
    expect(run).toMatchObject({ code: 0, out: expect.stringMatching(/^OK: 30 ledger entries verified/) });
    expect((await runCommand(verifyCommand, ['--sqlite', storeFile(dir), '--public-key', keyFile, '--trust-file', trust])).code).toBe(0);
  });

  it('(a) one byte of one event\'s data edited in the SQLite file', async () => {
    let keyFile: string;
    ({ t, keyFile } = await ledger(dir));
    tamper(dir, (db, positionOf) => {
      const changed = db.prepare("UPDATE events SET data = replace(data, 'meeting number 13', 'meeting number 18') WHERE position = ?").run(positionOf(13));
      expect(changed.changes).toBe(1);
    });
    const reason = /leaf hash mismatch at sequence 13/;
    expect(await serviceVerdict(t)).toMatchObject({ ok: false, checkedEvents: 12, firstBrokenPosition: 13, reason: expect.stringMatching(reason), lastCheckpoint: { treeSize: 8 } });
    await standaloneVerdicts(t, dir, keyFile, 13, reason);
    // After a restart the index is rebuilt from the altered file; the signed leaf lists still pin it.
    await t.close();
    t = await startTestApp(AUDIT_ENV, dir);
    expect(await serviceVerdict(t)).toMatchObject({ ok: false, firstBrokenPosition: 13, reason: expect.stringMatching(reason) });
  });

  it('(b) the last event deleted', async () => {
    let keyFile: string;
    ({ t, keyFile } = await ledger(dir));
    tamper(dir, (db, positionOf) => db.prepare('DELETE FROM events WHERE position = ?').run(positionOf(LEDGER_SIZE)));
    const reason = /checkpoint at tree size 30 is beyond the end of the log \(29 events\): events deleted/;
    expect(await serviceVerdict(t)).toMatchObject({ ok: false, firstBrokenPosition: 30, reason: expect.stringMatching(reason) });
    await standaloneVerdicts(t, dir, keyFile, 30, reason);
  });

  it('(c) two events reordered (their rows\' contents swapped)', async () => {
    let keyFile: string;
    ({ t, keyFile } = await ledger(dir));
    tamper(dir, (db, positionOf) => {
      const columns = ['event_id', 'stream_id', 'revision', 'type', 'data', 'metadata', 'recorded_at'];
      const row = (s: number) => db.prepare('SELECT * FROM events WHERE position = ?').get(positionOf(s)) as Record<string, unknown>;
      const [five, nine] = [row(5), row(9)];
      const set = db.prepare(`UPDATE events SET ${columns.map((c) => `${c} = @${c}`).join(', ')} WHERE position = @position`);
      set.run({ ...five, stream_id: 'swap-in-progress', event_id: 'swap-in-progress' });
      set.run({ ...five, position: nine.position });
      set.run({ ...nine, position: five.position });
    });
    const reason = /leaf hash mismatch at sequence 5: the event found there is the one the ledger recorded at sequence 9 \(events reordered\)/;
    expect(await serviceVerdict(t)).toMatchObject({ ok: false, firstBrokenPosition: 5, reason: expect.stringMatching(reason) });
    await standaloneVerdicts(t, dir, keyFile, 5, reason);
  });

  it('(d) a whole stream rewritten with freshly recomputed hashes: only the signed checkpoints catch it', async () => {
    let keyFile: string;
    ({ t, keyFile } = await ledger(dir));
    tamper(dir, (db) => db.prepare(`UPDATE events SET data = json_set(data, '$.status', 'fulfilled') WHERE stream_id = ?`).run(PLEDGE));
    // The attacker recomputes every leaf hash of the rewritten events and fixes up the unsigned
    // leaf lists stored with the checkpoints: everything but the signatures now agrees.
    const rewritten = readStoredLedger(exportCommand.readSqliteEvents(storeFile(dir)), undefined).entries;
    const fresh = new Map(PLEDGE_SEQUENCES.map((s) => [s, toHex(leafHash(rewritten[s - 1].envelope, dataDigest(rewritten[s - 1].data)))]));
    tamper(dir, (db) => {
      for (const row of db.prepare("SELECT position, data FROM events WHERE stream_id = 'ledger-checkpoints'").all() as Array<{ position: number; data: string }>) {
        const record = JSON.parse(row.data);
        record.leaves.hashes = record.leaves.hashes.map((h: string, i: number) => fresh.get(record.leaves.from + i) ?? h);
        db.prepare('UPDATE events SET data = ? WHERE position = ?').run(JSON.stringify(record), row.position);
      }
    });
    // While the service runs, its memory still holds the original leaves: the exact event.
    expect(await serviceVerdict(t)).toMatchObject({ ok: false, firstBrokenPosition: 11, reason: 'leaf hash mismatch at sequence 11' });
    // After a restart only the signatures are left to tell, and they do.
    await t.close();
    t = await startTestApp(AUDIT_ENV, dir);
    const reason = /checkpoint at tree size 16 does not match the log \(root differs\): history rewritten between sequence 9 and 16/;
    expect(await serviceVerdict(t)).toMatchObject({ ok: false, firstBrokenPosition: 9, lastCheckpoint: { treeSize: 8 }, reason: expect.stringMatching(reason) });
    await standaloneVerdicts(t, dir, keyFile, 9, reason);
    expect((await auditor(t.app)(`/v1/audit/verify?stream=${PLEDGE}`)).body).toMatchObject({ ok: false, firstBrokenPosition: 9 });
    // And the service refuses to sign anything on top of the rewritten history.
    await storeOf(t.app).append('meeting-after-the-rewrite', [{ id: 'x-1', type: 'MinutesRecorded', data: {}, metadata: { recordedBy: 'clerk-ana', correlationId: 'c', schemaVersion: 1 } }], { expectedRevision: 'any' });
    expect((await auditor(t.app)('/v1/audit/checkpoints/latest').expect(200)).body.treeSize).toBe(LEDGER_SIZE);
  });

  it('the trust file catches a truncation that also removed the checkpoints covering it', async () => {
    let keyFile: string;
    ({ t, keyFile } = await ledger(dir));
    const trust = join(dir, 'verifier-state.json');
    expect((await runCommand(verifyCommand, ['--sqlite', storeFile(dir), '--public-key', keyFile, '--trust-file', trust])).code).toBe(0);
    await t.close();
    t = undefined;
    tamper(dir, (db, positionOf) => {
      db.prepare('DELETE FROM events WHERE position >= ?').run(positionOf(25));
      db.prepare("DELETE FROM events WHERE stream_id = 'ledger-checkpoints' AND json_extract(data, '$.checkpoint.treeSize') > 24").run();
    });
    const blind = await runCommand(verifyCommand, ['--sqlite', storeFile(dir), '--public-key', keyFile]);
    expect(blind).toMatchObject({ code: 0, out: expect.stringMatching(/^OK: 24 ledger entries verified/) });
    const held = await runCommand(verifyCommand, ['--sqlite', storeFile(dir), '--public-key', keyFile, '--trust-file', trust]);
    expect(held.code).toBe(1);
    expect(held.out).toMatch(/^FAILED at ledger sequence 25: trusted checkpoint at tree size 30 is beyond the end of the log \(24 events\): events deleted/);
  });
});
