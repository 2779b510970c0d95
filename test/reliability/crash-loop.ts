import type { RecordedEvent } from '@concordat/shared-kernel';
import { call, LedgerService, sleep, type Answer } from './support/ledger-service';
import { brokenMinutes, minutes, readLog, scopeOf, setUpReferenceData, statusChange, untilAnswered } from './support/workload';

export interface CrashLoopFigures {
  kills: number;
  requests: number;
  writesAcknowledged: number;
  interruptedRequestsRetried: number;
  acknowledgedWritesLost: number;
  duplicates: number;
  retriesOfAppliedWritesAnswered412: number;
  failedRestarts: number;
  halfRecordedMinutes: number;
  serverErrors: number;
  attentionAfterwards: number;
}

type Kind = 'minutes' | 'status' | 'status-if-match' | 'correction' | 'correction-if-match' | 'retry';
interface Op {
  kind: Kind;
  key: string;
  path: string;
  body: unknown;
  headers: Record<string, string>;
}
interface Acknowledged {
  op: Op;
  answer: Answer;
}

/**
 * Clients write concurrently (minutes with pledges, status changes with and without If-Match,
 * meeting corrections, retries of acknowledged requests) while a killer SIGKILLs the service at
 * random moments and restarts it. Every request interrupted by a kill is retried with the same
 * Idempotency-Key and headers until it is answered, as a careful client would. Afterwards the
 * log on disk is checked against every acknowledgement.
 */
export async function runCrashLoop(dataDir: string, options: { kills: number; clients: number; killEveryMs?: [number, number] }): Promise<CrashLoopFigures> {
  const service = new LedgerService(dataDir);
  await service.start();
  await setUpReferenceData(service.url);
  const figures: CrashLoopFigures = {
    kills: 0, requests: 0, writesAcknowledged: 0, interruptedRequestsRetried: 0, acknowledgedWritesLost: 0, duplicates: 0,
    retriesOfAppliedWritesAnswered412: 0, failedRestarts: 0, halfRecordedMinutes: 0, serverErrors: 0, attentionAfterwards: 0,
  };
  const acknowledged: Acknowledged[] = [];
  const interrupted412: Op[] = [];
  const attempted: Op[] = [];
  const pledges: Array<{ id: string; revision: number; status: string }> = [];
  const meetings: Array<{ id: string; revision: number }> = [];
  let stopped = false;
  let counter = 0;

  const nextOp = (client: number): Op => {
    const n = ++counter;
    const key = `c${client}-op${n}`;
    const roll = Math.random();
    if (pledges.length < 4 || roll < 0.25) {
      const id = `m${client}-${n}`;
      return { kind: 'minutes', key, path: '/v1/meetings', body: minutes(id, [`${id}-p1`, `${id}-p2`]), headers: {} };
    }
    if (roll < 0.6) {
      const p = pledges[Math.floor(Math.random() * pledges.length)];
      const next = p.status === 'in_progress' ? 'stalled' : 'in_progress';
      const ifMatch = roll < 0.42;
      return { kind: ifMatch ? 'status-if-match' : 'status', key, path: `/v1/pledges/${p.id}/status-changes`, body: statusChange(next), headers: ifMatch ? { 'If-Match': `"${p.revision}"` } : {} };
    }
    if (roll < 0.85 && meetings.length > 0) {
      const m = meetings[Math.floor(Math.random() * meetings.length)];
      const ifMatch = roll < 0.72;
      return { kind: ifMatch ? 'correction-if-match' : 'correction', key, path: `/v1/meetings/${m.id}/corrections`, body: { reason: `place ${n}`, changes: { place: `Place ${n}` } }, headers: ifMatch ? { 'If-Match': `"${m.revision}"` } : {} };
    }
    const earlier = acknowledged[Math.floor(Math.random() * acknowledged.length)];
    return earlier ? { ...earlier.op, kind: 'retry' } : nextOp(client);
  };

  const learn = (op: Op, answer: Answer) => {
    for (const s of (answer.body?.streams ?? []) as Array<{ streamId: string; revision: number }>) {
      const id = s.streamId.replace(/^(pledge|meeting)-/, '');
      const list: Array<{ id: string; revision: number }> = s.streamId.startsWith('pledge-') ? pledges : meetings;
      const known = list.find((x) => x.id === id);
      if (known) known.revision = Math.max(known.revision, s.revision);
      else if (s.streamId.startsWith('pledge-')) pledges.push({ id, revision: s.revision, status: 'agreed' });
      else meetings.push({ id, revision: s.revision });
    }
    if (op.kind.startsWith('status')) {
      const p = pledges.find((x) => op.path.includes(`/${x.id}/`));
      if (p) p.status = (op.body as { status: string }).status;
    }
  };

  const client = async (c: number) => {
    while (!stopped) {
      const op = nextOp(c);
      if (op.kind !== 'retry') attempted.push(op);
      let wasInterrupted = false;
      const answer = await untilAnswered(() => service.url, (url) => call(url, 'POST', op.path, op.body, { ...op.headers, 'Idempotency-Key': op.key }), () => (wasInterrupted = true), () => false);
      if (!answer) continue;
      figures.requests++;
      if (wasInterrupted) figures.interruptedRequestsRetried++;
      if (answer.status >= 500) figures.serverErrors++;
      if (answer.status === 412 && (wasInterrupted || op.kind === 'retry')) interrupted412.push(op);
      if (answer.status === 201) {
        if (op.kind !== 'retry') {
          figures.writesAcknowledged++;
          acknowledged.push({ op, answer });
        } else if (answer.headers.get('idempotent-replayed') !== 'true') figures.duplicates++;
        learn(op, answer);
      }
    }
  };

  const killer = async () => {
    const [min, max] = options.killEveryMs ?? [250, 900];
    while (figures.kills < options.kills) {
      await sleep(min + Math.random() * (max - min));
      await service.kill();
      figures.kills++;
      for (let attempt = 0; ; attempt++) {
        try {
          await service.start();
          break;
        } catch (error) {
          figures.failedRestarts++;
          if (attempt >= 2) throw error;
        }
      }
    }
  };

  const clients = Array.from({ length: options.clients }, (_, c) => client(c));
  try {
    await killer();
  } finally {
    stopped = true;
    await Promise.all(clients);
  }
  await sleep(200);
  const health = await call(service.url, 'GET', '/health');
  figures.attentionAfterwards = (health.body?.attention ?? []).length;
  await service.stop();

  const log = await readLog(dataDir);
  const ids = new Set(log.map((e) => e.id));
  for (const { answer } of acknowledged) {
    for (const e of answer.body.events as Array<{ id: string }>) if (!ids.has(e.id)) figures.acknowledgedWritesLost++;
  }
  const byScope = new Map<string, RecordedEvent[]>();
  for (const e of log) {
    const scope = e.metadata.idempotencyKey;
    if (typeof scope === 'string') byScope.set(scope, [...(byScope.get(scope) ?? []), e]);
  }
  for (const op of attempted) {
    const written = byScope.get(scopeOf(op.key)) ?? [];
    // Each request writes exactly one event under its key (minutes: MinutesRecorded; the pledges are the process manager's).
    if (written.length > 1) figures.duplicates += written.length - 1;
  }
  figures.retriesOfAppliedWritesAnswered412 = interrupted412.filter((op) => (byScope.get(scopeOf(op.key)) ?? []).length > 0).length;
  figures.halfRecordedMinutes = brokenMinutes(log).length;
  return figures;
}
