/**
 * The two sides every rebuild figure compares, each run as a child step (child-run.ts) so that
 * its peak RSS is its own: a bare loop reading the log's rows and parsing both JSON columns,
 * nothing else; and `rebuildOffline`, what `npm run rebuild` runs.
 */
import Database from 'better-sqlite3';
import { EmbeddedEventStore } from '@concordat/event-store';
import { rebuildOffline } from '@concordat/read-models';
import { nowNs, secondsSince } from './support';

export async function bareReadAndParse(eventsFile: string): Promise<{ seconds: number; count: number }> {
  const db = new Database(eventsFile, { readonly: true });
  const start = nowNs();
  let count = 0;
  for (const row of db.prepare('SELECT data, metadata FROM events ORDER BY position').iterate() as Iterable<{ data: string; metadata: string }>) {
    JSON.parse(row.data);
    JSON.parse(row.metadata);
    count++;
  }
  const seconds = secondsSince(start);
  db.close();
  return { seconds, count };
}

export async function timedRebuild(eventsFile: string, readModelsFile: string): Promise<{ seconds: number; count: number }> {
  const store = new EmbeddedEventStore({ file: eventsFile });
  const start = nowNs();
  const result = await rebuildOffline(store, readModelsFile);
  const seconds = secondsSince(start);
  await store.close();
  return { seconds, count: result.eventsProjected };
}
