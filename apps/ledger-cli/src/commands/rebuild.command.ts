import { join } from 'node:path';
import { EmbeddedEventStore, EventStoreDbEventStore, type EventStore } from '@concordat/event-store';
import { ReadModelsLockedError, rebuildOffline, terminalProgress } from '@concordat/read-models';
import { validateEnvironment } from '../../../ledger-api/src/config/environment';
import { parseArgs } from './export.command';

export const summary = 'Rebuild the read models from the event log beside the live ones, with a progress bar, then swap them in';

const USAGE =
  'Usage: concordat rebuild   (reads DATA_DIR, EVENT_STORE and EVENTSTORE_CONNECTION_STRING like the service)\n' +
  'Builds DATA_DIR/read-models.sqlite.rebuild from position 0 and renames it over DATA_DIR/read-models.sqlite once caught up.\n' +
  'Refused while a running service holds the read models: use its POST /v1/admin/projections/rebuild instead.\n' +
  'Exit status: 0 rebuilt, 1 refused or failed, 2 usage error.';

/** The store the service would open, from the same environment variables and the same validation. */
export function openConfiguredStore(): { store: EventStore; dataDir: string } {
  const env = validateEnvironment(process.env);
  const store =
    env.EVENT_STORE === 'eventstoredb'
      ? new EventStoreDbEventStore(env.EVENTSTORE_CONNECTION_STRING!)
      : new EmbeddedEventStore({ file: join(env.DATA_DIR, 'events.sqlite') });
  return { store, dataDir: env.DATA_DIR };
}

export async function run(argv: string[]): Promise<number> {
  try {
    const { options, positional } = parseArgs(argv, ['help']);
    if (options.has('help')) {
      console.log(USAGE);
      return 0;
    }
    if (positional.length > 0 || options.size > 0) throw new Error(`unexpected arguments: ${argv.join(' ')}`);
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { store, dataDir } = openConfiguredStore();
  const file = join(dataDir, 'read-models.sqlite');
  try {
    const result = await rebuildOffline(store, file, terminalProgress());
    const rate = Math.round(result.eventsProjected / Math.max(result.durationMs / 1000, 0.001));
    console.log(`Rebuilt ${file}: ${result.eventsProjected} events up to position ${result.position} in ${(result.durationMs / 1000).toFixed(1)} s (${rate} events/s)`);
    return 0;
  } catch (error) {
    if (!(error instanceof ReadModelsLockedError)) throw error;
    console.error(error.message);
    return 1;
  } finally {
    await store.close();
  }
}
