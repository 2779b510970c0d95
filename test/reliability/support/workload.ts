import { join } from 'node:path';
import { EmbeddedEventStore } from '@concordat/event-store';
import type { RecordedEvent } from '@concordat/shared-kernel';
import { idempotencyScope } from '../../../apps/ledger-api/src/clerk/write-side/idempotency-scope';
import { call, type Answer } from './ledger-service';

export const SCG = 'us-mx-security-cooperation-group';
export const CLERK_PRINCIPAL = 'clerk-ana';
const source = { document: '000_3fdbd5733350c650.txt', quote: 'Security Cooperation Group (SCG)' };

/** The forum and themes every minutes body below refers to. */
export async function setUpReferenceData(url: string): Promise<void> {
  const writes: Array<[string, unknown]> = [
    ['/v1/forums', { id: SCG, name: 'U.S.-Mexico Security Cooperation Group', aliases: ['SCG'], kind: 'standing-group', parties: ['US', 'MX'], source }],
    ['/v1/themes', { id: 'security-coordination', name: 'Security coordination', definition: 'Security coordination, as the parties use the words' }],
  ];
  for (const [path, body] of writes) {
    const res = await call(url, 'POST', path, body, { 'Idempotency-Key': `setup${path.replace(/\//g, '.')}` });
    if (res.status !== 201) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
  }
}

export function minutes(id: string, pledgeIds: string[], sequence?: number) {
  return {
    id,
    forum: SCG,
    title: `Meeting ${id}`,
    ...(sequence === undefined ? {} : { sequence }),
    heldOn: { date: '2016-11-04' },
    priorities: [{ theme: 'security-coordination', statement: 'keep coordinating' }],
    pledges: pledgeIds.map((p) => ({ id: p, by: ['US', 'MX'], description: `pledge ${p}`, themes: ['security-coordination'], status: 'agreed' })),
    source,
  };
}

export function documentPledge(id: string) {
  return { id, by: ['US'], description: `document pledge ${id}`, themes: ['security-coordination'], status: 'proposed', madeOn: { date: '2016' }, source };
}

export function statusChange(status: string) {
  return { status, effectiveOn: { date: '2017' }, reason: `rated ${status}`, evidence: source };
}

/** Waits until the service answers again (it is being restarted), then sends the same request again. */
export async function untilAnswered(url: () => string, send: (url: string) => Promise<Answer>, onInterrupted: () => void, isStopped: () => boolean): Promise<Answer | undefined> {
  for (;;) {
    try {
      return await send(url());
    } catch {
      onInterrupted();
      if (isStopped()) return undefined;
      await new Promise((r) => setTimeout(r, 30));
    }
  }
}

export async function readLog(dataDir: string): Promise<RecordedEvent[]> {
  const store = new EmbeddedEventStore({ file: join(dataDir, 'events.sqlite') });
  try {
    return await store.readAll();
  } finally {
    await store.close();
  }
}

export const scopeOf = (key: string) => idempotencyScope({ principal: { id: CLERK_PRINCIPAL, roles: ['clerk'] }, idempotencyKey: key })!;

/** Minutes whose pledge streams are missing, or made by another record: broken records. */
export function brokenMinutes(log: RecordedEvent[]): string[] {
  const madeBy = new Map<string, unknown>();
  for (const e of log) if (e.type === 'PledgeMade' && e.revision === 0) madeBy.set(e.streamId, e.data.meetingId);
  const broken: string[] = [];
  for (const e of log) {
    if (e.type !== 'MinutesRecorded') continue;
    for (const p of (e.data.pledges ?? []) as Array<{ pledgeId: string }>) {
      const by = madeBy.get(`pledge-${p.pledgeId}`);
      if (by !== e.data.meetingId) broken.push(`${e.streamId} lists pledge ${p.pledgeId}, ${by === undefined ? 'which has no stream' : `made by ${String(by ?? 'a document')}`}`);
    }
  }
  return broken;
}
