/**
 * Synthetic ledger history for the read benchmark, from a fixed seed: administrations, themes,
 * forums, meetings with 3-10 priorities and pledges each, status changes (some retroactive,
 * recorded years after they took effect), corrections of entries, and imprecise dates (years,
 * months, EDTF intervals). Events are produced in batches, never held all at once, with the shapes
 * the deciders emit (the read side folds them as it would the store's).
 */
import { PLEDGE_TRANSITIONS, effectiveOnOf, streamIdOf, toEventData, type DomainEvent, type PledgeStatus, type StreamCategory } from '@concordat/domain';
import { pledgeMade, statusChanged } from '@concordat/domain/testing/pledge-fixtures';
import { sourceRef } from '@concordat/domain/testing/fixtures';
import { closeSync, createReadStream, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { EventStore } from '@concordat/event-store';
import type { NewEvent, RecordedEvent } from '@concordat/shared-kernel';

/** mulberry32: a tiny seeded PRNG, so every run builds the same history. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const THEMES = ['counter-narcotics', 'weapons-trafficking', 'money-laundering', 'human-smuggling', 'border-infrastructure', 'trade-facilitation', 'cybersecurity', 'justice-reform', 'police-professionalization', 'central-america', 'migration', 'corruption', 'human-rights', 'fentanyl'];
export const ADMINS = [
  ['US-bush', 'US', '2001-01-20', '2009-01-19'],
  ['US-obama', 'US', '2009-01-20', '2017-01-19'],
  ['US-trump', 'US', '2017-01-20', '2021-01-19'],
  ['US-biden', 'US', '2021-01-20', '2025-01-19'],
  ['MX-calderon', 'MX', '2006-12-01', '2012-11-30'],
  ['MX-pena-nieto', 'MX', '2012-12-01', '2018-11-30'],
  ['MX-lopez-obrador', 'MX', '2018-12-01', '2024-09-30'],
] as const;
export const FORUMS = Array.from({ length: 12 }, (_, i) => `forum-${i}`);
const PARTIES = [['US', 'MX'], ['US'], ['MX'], ['US', 'MX', 'GT'], ['Some University']];
const START = Date.parse('2025-01-01T00:00:00Z');

export type Marks = { meetings: string[]; pledges: string[]; firstRecordedAt: string; lastRecordedAt: string };

/** Writes `total` events to `sink` in batches; returns ids to ask about. */
export function generateHistory(total: number, sink: (batch: RecordedEvent[]) => void, seed = 20261201): Marks {
  const rnd = prng(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)];
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pad = (n: number) => String(n).padStart(2, '0');
  const date = (year: number) => {
    const r = rnd();
    if (r < 0.15) return String(year);
    if (r < 0.2) return `${year}/${year + int(1, 2)}`;
    if (r < 0.4) return `${year}-${pad(int(1, 12))}`;
    if (r < 0.43) return `${year}-03/${year}-05`;
    return `${year}-${pad(int(1, 12))}-${pad(int(1, 28))}`;
  };
  const revisions = new Map<string, number>();
  const status = new Map<string, { status: PledgeStatus; year: number; entries: string[] }>();
  let position = 0;
  let batch: RecordedEvent[] = [];
  const marks: Marks = { meetings: [], pledges: [], firstRecordedAt: new Date(START).toISOString(), lastRecordedAt: '' };
  const record = (category: StreamCategory, id: string, event: DomainEvent) => {
    const streamId = streamIdOf(category, id);
    const revision = (revisions.get(streamId) ?? -1) + 1;
    revisions.set(streamId, revision);
    position += 1;
    const recordedAt = new Date(START + position * 1000).toISOString();
    marks.lastRecordedAt = recordedAt;
    const effectiveOn = effectiveOnOf(event);
    batch.push({
      id: `e-${position}`,
      type: event.type,
      streamId,
      revision,
      position: BigInt(position),
      recordedAt,
      data: toEventData(event),
      metadata: { recordedBy: 'clerk-bench', correlationId: `c-${position}`, schemaVersion: 1, ...(effectiveOn ? { effectiveOn } : {}) },
    });
    if (batch.length >= 2000) {
      sink(batch);
      batch = [];
    }
  };
  const PUBLIC = { document: 'public-record', locator: null, quote: null, note: null };
  for (const [id, country, startedOn, endedOn] of ADMINS) record('administration', id, { type: 'AdministrationRegistered', data: { administrationId: id, country, leader: id, startedOn, endedOn, source: PUBLIC } });
  for (const id of THEMES) record('theme', id, { type: 'ThemeDefined', data: { themeId: id, name: id, definition: `The ${id} theme`, source: PUBLIC } } as never);
  for (const id of FORUMS) record('forum', id, { type: 'ForumRegistered', data: { forumId: id, name: `Forum ${id}`, aliases: [], kind: 'standing-group', parties: ['US', 'MX'], description: null, parentForum: null, establishedOn: { date: '2005', approximate: false, reasoning: null }, source: sourceRef() } });
  const sequences = new Map<string, number>();
  while (position < total) {
    const r = rnd();
    const open = marks.pledges.length > 0 ? marks.pledges[Math.floor(rnd() * marks.pledges.length)] : null;
    if (r < 0.12 || open === null) {
      const forum = pick(FORUMS);
      const seq = (sequences.get(forum) ?? 0) + (rnd() < 0.05 ? 2 : 1);
      sequences.set(forum, seq);
      const meetingId = `${forum}-${seq}`;
      const year = int(2007, 2024);
      const heldOn = { date: date(year), approximate: false, reasoning: null };
      const themes = Array.from({ length: int(3, 10) }, () => pick(THEMES));
      const pledges = Array.from({ length: int(3, 10) }, (_, i) => ({
        ...pledgeMade({ pledgeId: `${meetingId}-pledge-${i + 1}`, meetingId, forum, madeOn: heldOn, by: pick(PARTIES), themes: [pick(THEMES)], status: pick(['agreed', 'agreed', 'not_yet_assessed', 'proposed'] as const), description: `Pledge ${i + 1} of ${meetingId}` }).data,
      }));
      const minutes = { meetingId, forum, title: `Sitting ${seq} of ${forum}`, sequence: seq, heldOn, place: null, hostCountry: pick(['US', 'MX']), coChairs: [], delegations: [], summary: null, priorities: themes.map((theme) => ({ theme, statement: `agreed on ${theme}`, source: sourceRef() })), source: sourceRef(), pledges };
      record('meeting', meetingId, { type: 'MinutesRecorded', data: minutes } as never);
      marks.meetings.push(meetingId);
      for (const p of pledges) {
        const { pledgeId: _id, ...rest } = p;
        record('pledge', p.pledgeId, { type: 'PledgeMade', data: { pledgeId: p.pledgeId, ...rest } });
        marks.pledges.push(p.pledgeId);
        status.set(p.pledgeId, { status: p.status, year, entries: [] });
      }
    } else if (r < 0.9) {
      const s = status.get(open)!;
      const next = PLEDGE_TRANSITIONS[s.status];
      if (next.length === 0) continue;
      const to = pick(next);
      const entryId = `${open}-s${s.entries.length + 1}`;
      s.year = Math.min(2024, s.year + int(0, 2));
      const change = statusChanged(entryId, s.status, to, date(s.year));
      record('pledge', open, { ...change, data: { ...change.data, pledgeId: open } });
      s.status = to;
      s.entries.push(entryId);
    } else {
      const s = status.get(open)!;
      if (s.entries.length === 0) continue;
      const entryId = pick(s.entries);
      record('pledge', open, { type: 'PledgeEntryCorrected', data: { pledgeId: open, entryId, reason: 'clerical', entryKind: 'status_change', changes: { reason: 'the source says otherwise' } } } as never);
    }
  }
  if (batch.length > 0) sink(batch);
  return marks;
}

/**
 * The history appended to a real store, as the service's own log (a read-model file is tied to
 * its log): written to a file of lines in `scratchDir` first so it is never held whole, then
 * appended in batches, each stream's events of a batch in one append and the streams
 * concurrently (group commit keeps the fill quick). Returns the ids to ask about.
 */
export async function appendHistory(store: EventStore, total: number, scratchDir: string): Promise<Marks> {
  const lines = join(scratchDir, 'history.ndjson');
  const fd = openSync(lines, 'w');
  const marks = generateHistory(total, (batch) => {
    for (const e of batch) writeSync(fd, `${JSON.stringify({ streamId: e.streamId, event: { id: e.id, type: e.type, data: e.data, metadata: e.metadata } })}\n`);
  });
  closeSync(fd);
  let pending: Array<{ streamId: string; event: NewEvent }> = [];
  const flush = async () => {
    const byStream = new Map<string, NewEvent[]>();
    for (const { streamId, event } of pending) byStream.set(streamId, [...(byStream.get(streamId) ?? []), event]);
    await Promise.all([...byStream].map(([streamId, events]) => store.append(streamId, events, { expectedRevision: 'any' })));
    pending = [];
  };
  try {
    for await (const line of createInterface({ input: createReadStream(lines) })) {
      pending.push(JSON.parse(line));
      if (pending.length >= 2000) await flush();
    }
    await flush();
  } finally {
    rmSync(lines, { force: true });
  }
  return marks;
}
