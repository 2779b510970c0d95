import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { EmbeddedEventStore, type EventStore, type ReadAllOptions, type ReadStreamOptions } from '@concordat/event-store';
import type { JsonObject } from '@concordat/shared-kernel';
import { MinutesCompletionProcess } from '../../apps/ledger-api/src/clerk/meetings/minutes-completion.process';
import { FIFTH_SCG_MINUTES } from '../../apps/ledger-api/src/clerk/meetings/minutes.example';
import { AggregateExecutor } from '../../apps/ledger-api/src/clerk/write-side/aggregate-executor';
import { AttentionRegistry } from '../../apps/ledger-api/src/health/attention.registry';
import { startTestApp } from '../support/test-app';
import { tempDir } from '../support/temp-dir';
import { clerk, ledgerEvents, seedReferenceData, storeOf } from './clerk-fixtures';

const MEETING = 'us-mx-security-cooperation-group-5';
/** More minutes than one page of the start-up walk (500), so that the repairs sit on a later page. */
const FILLER = 620;

/** The store, with every readStream and readAll call noted. */
function spied(store: EventStore) {
  const streamReads: Array<{ streamId: string; options?: ReadStreamOptions }> = [];
  const logReads: ReadAllOptions[] = [];
  const firstEventReads: string[][] = [];
  const proxy = new Proxy(store, {
    get(target, key) {
      if (key === 'readStream') return (streamId: string, options?: ReadStreamOptions) => (streamReads.push({ streamId, options }), target.readStream(streamId, options));
      if (key === 'readFirstEvents') return (streamIds: string[]) => (firstEventReads.push(streamIds), target.readFirstEvents(streamIds));
      if (key === 'readAll') return (options: ReadAllOptions = {}) => (logReads.push(options), target.readAll(options));
      const value = Reflect.get(target, key) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { proxy, streamReads, logReads, firstEventReads };
}

describe('minutes completion at start-up walks the log a page at a time and reads only pledge streams\' first events', () => {
  it('completes interrupted minutes, retracts pledges a retraction left standing, lists what it cannot complete, and writes nothing on a second start', async () => {
    const { dir, cleanup } = tempDir('minutes-start');
    try {
      const setup = await startTestApp({}, dir);
      await seedReferenceData(setup.app);
      const pledge = FIFTH_SCG_MINUTES.pledges![0];
      const recorded = await clerk(setup.app).post('/v1/meetings', { ...FIFTH_SCG_MINUTES, pledges: [1, 2].map((n) => ({ ...pledge, id: `start-a-${n}`, description: `pledge ${n}` })) });
      expect(recorded.status).toBe(201);
      const minutesA = (await storeOf(setup.app).readStream(`meeting-${MEETING}`))[0];
      await setup.close();

      // The states a crash leaves, written straight into the store.
      const raw = new EmbeddedEventStore({ file: join(dir, 'events.sqlite') });
      const metadata = { recordedBy: 'clerk-di', correlationId: randomUUID(), schemaVersion: 1 };
      const minutesOf = (meetingId: string, pledgeIds: string[]) => {
        const pledges = (minutesA.data.pledges as JsonObject[]).slice(0, pledgeIds.length).map((p, i) => ({ ...p, pledgeId: pledgeIds[i] }));
        return { id: randomUUID(), type: 'MinutesRecorded', data: { ...minutesA.data, meetingId, sequence: null, pledges }, metadata };
      };
      for (let i = 0; i < FILLER; i++) await raw.append(`meeting-filler-${i}`, [minutesOf(`filler-${i}`, [])], { expectedRevision: 'no_stream' });
      // Minutes whose pledge streams were never written (the crash fell between the steps).
      const late = minutesOf('late-1', ['start-late-1', 'start-late-2']);
      await raw.append('meeting-late-1', [late], { expectedRevision: 'no_stream' });
      // Minutes naming a pledge id another meeting's stream holds: a clerk must look at it.
      await raw.append('meeting-clash-1', [minutesOf('clash-1', ['start-a-1'])], { expectedRevision: 'no_stream' });
      // A malformed record on the same page: its own problem, the others on its page are still checked.
      await raw.append('meeting-broken-1', [{ ...minutesOf('broken-1', []), data: { ...minutesA.data, meetingId: 'broken-1', sequence: null, pledges: 'not a list' } }], { expectedRevision: 'no_stream' });
      // A retraction whose pledges were left standing.
      await raw.append(`meeting-${MEETING}`, [{ id: randomUUID(), type: 'MeetingRetracted', data: { meetingId: MEETING, reason: 'Entered in error' }, metadata }], { expectedRevision: 0 });

      const { proxy, streamReads, logReads, firstEventReads } = spied(raw);
      const attention = new AttentionRegistry();
      await new MinutesCompletionProcess(proxy, new AggregateExecutor(proxy), attention).onApplicationBootstrap();

      const made = await Promise.all(['start-late-1', 'start-late-2'].map(async (id) => (await raw.readStream(`pledge-${id}`)).map((e) => [e.type, e.metadata.causationId])));
      expect(made).toEqual([[['PledgeMade', late.id]], [['PledgeMade', late.id]]]);
      for (const id of ['start-a-1', 'start-a-2']) expect((await raw.readStream(`pledge-${id}`)).map((e) => e.type)).toEqual(['PledgeMade', 'PledgeRetracted']);
      const needsAClerk = [expect.objectContaining({ kind: 'minutes-incomplete', streamId: 'meeting-clash-1' }), expect.objectContaining({ kind: 'minutes-incomplete', streamId: 'meeting-broken-1' })];
      expect(attention.list()).toEqual(needsAClerk);

      // Paged: never an unbounded read of the log, and more than one page of minutes.
      expect(logReads.every((o) => o.maxCount !== undefined && o.maxCount <= 500)).toBe(true);
      expect(logReads.filter((o) => o.filter?.eventTypes?.includes('MinutesRecorded')).length).toBeGreaterThan(1);
      // Whole streams only where something is written or refused: the retracted meeting, its pledges, and the clashing id.
      const whole = [...new Set(streamReads.filter((r) => r.options?.maxCount === undefined).map((r) => r.streamId))].sort();
      expect(whole).toEqual([`meeting-${MEETING}`, 'pledge-start-a-1', 'pledge-start-a-2']);
      // Pledge streams are asked who made them a page of minutes at a time (the last page again record by record: it holds the malformed one).
      expect(firstEventReads[0]).toEqual(['pledge-start-a-1', 'pledge-start-a-2']);
      expect(firstEventReads).toContainEqual(['pledge-start-late-1', 'pledge-start-late-2']);
      const ledger = (await raw.readAll()).filter((e) => !e.streamId.startsWith('idempotency-') && e.streamId !== 'ledger-checkpoints').length;
      await raw.close();

      // The real start: nothing more to write, and the clash is under /health's attention.
      const restarted = await startTestApp({}, dir);
      try {
        expect((await ledgerEvents(restarted.app)).length).toBe(ledger);
        expect(restarted.app.get(AttentionRegistry).list()).toEqual(needsAClerk);
      } finally {
        await restarted.close();
      }
    } finally {
      cleanup();
    }
  }, 120_000);
});
