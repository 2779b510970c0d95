import Database from 'better-sqlite3';
import { join } from 'node:path';
import { call, LedgerService, TOKENS } from './support/ledger-service';
import { minutes, setUpReferenceData } from './support/workload';

export interface TamperFigures {
  entriesWritten: number;
  sealedBeforeTheEdit: number;
  editedSequence: number;
  detected: boolean;
  undetected: number;
  verdict: string;
}

/**
 * An operator with the file edits the newest ledger entry while the service is down (after a
 * SIGTERM, which seals the tail before exit). After the restart the service's own verification
 * names the edited entry, and it signs nothing over the altered history.
 */
export async function runTamper(dataDir: string): Promise<TamperFigures> {
  const service = new LedgerService(dataDir);
  await service.start();
  await setUpReferenceData(service.url);
  for (let i = 0; i < 5; i++) {
    const res = await call(service.url, 'POST', '/v1/meetings', minutes(`tamper-${i}`, [`tamper-${i}-p`]), { 'Idempotency-Key': `tamper-${i}` });
    if (res.status !== 201) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
  }
  await service.stop();

  const db = new Database(join(dataDir, 'events.sqlite'));
  const entries = db.prepare("SELECT COUNT(*) AS n FROM events WHERE stream_id <> 'ledger-checkpoints'").get() as { n: number };
  const sealed = db.prepare("SELECT MAX(json_extract(data, '$.checkpoint.treeSize')) AS n FROM events WHERE stream_id = 'ledger-checkpoints'").get() as { n: number | null };
  const newest = db.prepare("SELECT position FROM events WHERE stream_id <> 'ledger-checkpoints' ORDER BY position DESC LIMIT 1").get() as { position: number };
  db.exec('DROP TRIGGER IF EXISTS events_append_only_update');
  db.prepare("UPDATE events SET data = replace(data, 'pledge tamper-4-p', 'pledge tamper-4-p, and a little more') WHERE position = ?").run(newest.position);
  db.close();

  await service.start();
  const verdict = await call(service.url, 'GET', '/v1/audit/verify', undefined, {}, TOKENS.auditor);
  await service.stop();
  const detected = verdict.body?.ok === false && verdict.body?.firstBrokenPosition === entries.n;
  return {
    entriesWritten: entries.n,
    sealedBeforeTheEdit: sealed.n ?? 0,
    editedSequence: entries.n,
    detected,
    undetected: detected ? 0 : 1,
    verdict: String(verdict.body?.reason ?? JSON.stringify(verdict.body)),
  };
}

/** One byte that breaks a stored event's JSON: the start names the event and refuses to serve. */
export async function runCorruptEvent(dataDir: string): Promise<{ refusedToStart: boolean; message: string }> {
  const service = new LedgerService(dataDir);
  await service.start();
  await setUpReferenceData(service.url);
  const res = await call(service.url, 'POST', '/v1/meetings', minutes('corrupt-0', ['corrupt-0-p']), { 'Idempotency-Key': 'corrupt-0' });
  if (res.status !== 201) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
  await service.stop();
  const db = new Database(join(dataDir, 'events.sqlite'));
  db.exec('DROP TRIGGER IF EXISTS events_append_only_update');
  db.prepare("UPDATE events SET data = replace(data, '\"forum\":', '\"forum\"]') WHERE stream_id = 'meeting-corrupt-0'").run();
  db.close();
  const message = await service.start(30000).then(
    async () => {
      await service.stop();
      return '';
    },
    (error: Error) => error.message,
  );
  return { refusedToStart: message !== '', message };
}
