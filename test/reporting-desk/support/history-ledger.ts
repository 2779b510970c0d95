import { join } from 'node:path';
import { EmbeddedEventStore } from '@concordat/event-store';
import { rebuildOffline } from '@concordat/read-models';
import { appendHistory, type Marks } from '../../../bench/reads-history';

/**
 * A long ledger for the page to read: the read benchmark's synthetic history (seven
 * administrations, fourteen themes, twelve forums, meetings with 3-10 priorities and pledges,
 * status changes, corrections, imprecise dates) appended to a real embedded store in DATA_DIR,
 * and the read models built from it as `concordat rebuild` builds them, so the service starts
 * caught up (`appendHistory` says how the log is filled).
 */
export async function buildHistoryLedger(dataDir: string, events: number): Promise<{ written: number; marks: Marks }> {
  const store = new EmbeddedEventStore({ file: join(dataDir, 'events.sqlite') });
  try {
    const marks = await appendHistory(store, events, dataDir);
    const written = Number(await store.headPosition());
    await rebuildOffline(store, join(dataDir, 'read-models.sqlite'));
    return { written, marks };
  } finally {
    await store.close();
  }
}

/** The last position of a ledger already built in `dataDir`. */
export async function headOf(dataDir: string): Promise<number> {
  const store = new EmbeddedEventStore({ file: join(dataDir, 'events.sqlite') });
  try {
    return Number(await store.headPosition());
  } finally {
    await store.close();
  }
}
