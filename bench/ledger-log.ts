/**
 * A plausible ledger log of any size for the rebuild and verify benches: reference data, then
 * meetings with three pledges each and runs of status changes, all decided by the real deciders
 * and appended through EmbeddedEventStore (200 meetings' streams at a time, so group commit
 * keeps the fill quick). A fixed seed: two fills of the same size hold the same history.
 */
import { randomUUID } from 'node:crypto';
import {
  effectiveOnOf,
  makePledgeCommandsFromMinutes,
  meetingDecider,
  pledgeDecider,
  streamIdOf,
  toEventData,
  type DomainEvent,
  type MinutesRecorded,
  type PledgeEvent,
  type PledgeState,
} from '@concordat/domain';
import { EmbeddedEventStore } from '@concordat/event-store';
import type { NewEvent } from '@concordat/shared-kernel';
import { LedgerWriter } from '../test/read-side/support/ledger-writer';

export const SOURCE = { document: '000_3fdbd5733350c650.txt', locator: 'paragraph 1', quote: 'We pledged to continue holding this vital forum' };
export const THEMES = ['counter-narcotics', 'cybersecurity', 'weapons-trafficking', 'money-laundering', 'migration'];
const context = (() => {
  let n = 0;
  return { now: '2025-06-01T00:00:00.000Z', newId: () => `entry-${++n}` };
})();

/** A small deterministic PRNG, so two runs build the same log (reset by each fill). */
let seed = 42;
const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);

function toNew(events: DomainEvent[]): NewEvent[] {
  return events.map((e) => {
    const effectiveOn = effectiveOnOf(e);
    return { id: randomUUID(), type: e.type, data: toEventData(e), metadata: { recordedBy: 'bench', correlationId: randomUUID(), schemaVersion: 1, ...(effectiveOn ? { effectiveOn } : {}) } };
  });
}

/** One meeting's streams: the minutes, then each pledge made there with a run of re-ratings. */
export function meetingStreams(i: number): Array<[string, NewEvent[]]> {
  const year = 2009 + (i % 14);
  const minutes = meetingDecider.decide(
    {
      type: 'RecordMinutes',
      data: {
        id: `scg-bench-${i}`,
        forum: 'us-mx-security-cooperation-group',
        title: `Bench meeting ${i}`,
        heldOn: { date: `${year}-${String(1 + (i % 12)).padStart(2, '0')}` },
        priorities: [{ theme: THEMES[i % THEMES.length], statement: 'agreed to work on it' }],
        pledges: [0, 1, 2].map((k) => ({ by: ['US', 'MX'], description: `pledge ${k} of meeting ${i}`, themes: [THEMES[(i + k) % THEMES.length]], status: 'agreed' as const })),
        source: SOURCE,
      },
    },
    meetingDecider.initialState(),
    context,
  );
  const streams: Array<[string, NewEvent[]]> = [[streamIdOf('meeting', `scg-bench-${i}`), toNew(minutes)]];
  for (const make of makePledgeCommandsFromMinutes(minutes[0] as MinutesRecorded)) {
    const id = make.data.origin === 'minutes' ? make.data.pledge.pledgeId : '';
    let state: PledgeState = pledgeDecider.initialState();
    const events: PledgeEvent[] = [];
    const apply = (decided: PledgeEvent[]) => {
      events.push(...decided);
      state = decided.reduce(pledgeDecider.evolve, state);
    };
    apply(pledgeDecider.decide(make, state, context));
    const changes = 1 + Math.floor(random() * 9);
    for (let k = 0; k < changes; k++) {
      const status = k % 2 === 0 ? 'in_progress' : 'stalled';
      const date = `${Math.min(2024, year + 1 + Math.floor(k / 2))}-${String(1 + (k % 12)).padStart(2, '0')}`;
      apply(pledgeDecider.decide({ type: 'ChangePledgeStatus', data: { pledgeId: id, input: { status, effectiveOn: { date }, reason: 're-rated', evidence: SOURCE } } }, state, context));
    }
    streams.push([streamIdOf('pledge', id), toNew(events)]);
  }
  return streams;
}

/** Fills `store` (empty) with at least `target` events; returns the events written. */
export async function fillLedger(store: EmbeddedEventStore, target: number, progress?: (written: number) => void): Promise<number> {
  seed = 42;
  const writer = new LedgerWriter(store, { recordedBy: 'bench' });
  for (const id of THEMES) await writer.execute('theme', id, { type: 'DefineTheme', data: { id, name: id, definition: 'bench theme' } });
  await writer.execute('forum', 'us-mx-security-cooperation-group', { type: 'RegisterForum', data: { id: 'us-mx-security-cooperation-group', name: 'U.S.-Mexico Security Cooperation Group', kind: 'standing-group', parties: ['US', 'MX'], source: SOURCE } });
  let written = Number(await store.headPosition());
  for (let i = 0; written < target; i += 200) {
    // 200 meetings' streams appended concurrently: the store commits them in a few group commits.
    const batch = Array.from({ length: 200 }, (_, k) => meetingStreams(i + k)).flat();
    await Promise.all(batch.map(([streamId, events]) => store.append(streamId, events, { expectedRevision: 'no_stream' })));
    written = Number(await store.headPosition());
    progress?.(written);
  }
  return written;
}
