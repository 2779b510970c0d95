import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import request from 'supertest';
import type { INestApplication } from '@nestjs/common';
import { EMBEDDED_SCHEMA, EVENT_STORE, type EventStore } from '@concordat/event-store';
import type { JsonObject, NewEvent } from '@concordat/shared-kernel';
import { TOKENS } from '../support/test-app';

/** The ledger every tamper test writes: 30 entries; stream PLEDGE holds sequences 11, 19 and 27. */
export const LEDGER_SIZE = 30;
export const PLEDGE = 'pledge-us-mx-security-cooperation-group-2-pledge-1';
export const PLEDGE_SEQUENCES = [11, 19, 27];
export const FORUM = 'forum-us-mx-security-cooperation-group';
/** Small, so that the 30 entries get checkpoints at 8, 16 and 24 (and 30 on demand). */
export const AUDIT_ENV = { CHECKPOINT_EVERY_EVENTS: '8', CHECKPOINT_EVERY_MINUTES: '0', CHECKPOINT_WITHIN_MS: '0' };

export const storeOf = (app: INestApplication): EventStore => app.get<EventStore>(EVENT_STORE);
export const storeFile = (dataDir: string): string => join(dataDir, 'events.sqlite');

const heldOn = (s: number) => `20${10 + (s % 10)}-${String(1 + (s % 12)).padStart(2, '0')}-15`;

/** The (domain-shaped) event with ledger sequence `s` of the fixture ledger. */
export function fixtureEvent(s: number): { streamId: string; event: NewEvent } {
  const meta = (effectiveOn?: string) => ({
    recordedBy: s % 2 === 0 ? 'clerk-ana' : 'clerk-bo',
    correlationId: randomUUID(),
    schemaVersion: 1,
    ...(effectiveOn ? { effectiveOn } : {}),
  });
  if (s === 1) {
    const data: JsonObject = { forumId: 'us-mx-security-cooperation-group', name: 'U.S.-Mexico Security Cooperation Group', parties: ['US', 'MX'] };
    return { streamId: FORUM, event: { id: randomUUID(), type: 'ForumRegistered', data, metadata: meta() } };
  }
  const p = PLEDGE_SEQUENCES.indexOf(s);
  if (p === 0) {
    const data: JsonObject = { pledgeId: 'us-mx-security-cooperation-group-2-pledge-1', text: 'Train 2,500 police officers', status: 'announced', madeOn: { date: '2011-03-15' } };
    return { streamId: PLEDGE, event: { id: randomUUID(), type: 'PledgeMade', data, metadata: meta('2011-03-15') } };
  }
  if (p > 0) {
    const status = p === 1 ? 'in_progress' : 'partially_fulfilled';
    const data: JsonObject = { pledgeId: 'us-mx-security-cooperation-group-2-pledge-1', status, effectiveOn: { date: `201${2 + p}` }, reason: `review ${p}` };
    return { streamId: PLEDGE, event: { id: randomUUID(), type: 'PledgeStatusChanged', data, metadata: meta(`201${2 + p}`) } };
  }
  const data: JsonObject = { meetingId: `us-mx-security-cooperation-group-${s}`, heldOn: { date: heldOn(s) }, summary: `Minutes of meeting number ${s}` };
  return { streamId: `meeting-us-mx-security-cooperation-group-${s}`, event: { id: randomUUID(), type: 'MinutesRecorded', data, metadata: meta(heldOn(s)) } };
}

/** Appends sequences from..to of the fixture ledger, one append at a time (as clerks would). */
export async function writeLedger(store: EventStore, from = 1, to = LEDGER_SIZE): Promise<void> {
  for (let s = from; s <= to; s++) {
    const { streamId, event } = fixtureEvent(s);
    await store.append(streamId, [event], { expectedRevision: 'any' });
  }
}

export function auditor(app: INestApplication, token = TOKENS.auditor) {
  return (path: string) => request(app.getHttpServer()).get(path).set('Authorization', `Bearer ${token}`);
}

/**
 * What an attacker with the file can do: open it outside the service, drop the append-only
 * triggers, change rows, and put the triggers back.
 */
export function tamper(dataDir: string, change: (db: Database.Database, positionOf: (sequence: number) => number) => void): void {
  const db = new Database(storeFile(dataDir));
  try {
    db.exec('DROP TRIGGER IF EXISTS events_append_only_update; DROP TRIGGER IF EXISTS events_append_only_delete;');
    const ledger = db.prepare("SELECT position FROM events WHERE stream_id <> 'ledger-checkpoints' ORDER BY position").all() as Array<{ position: number }>;
    db.transaction(() => change(db, (s) => ledger[s - 1].position))();
    db.exec(EMBEDDED_SCHEMA);
  } finally {
    db.close();
  }
}

/** Runs a CLI command in-process, capturing what it prints. */
export async function runCommand(command: { run(argv: string[]): Promise<number> }, argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = jest.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  const error = jest.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  try {
    const code = await command.run(argv);
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}
