import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { EmbeddedEventStore, EventStoreDbEventStore, type EventStore } from '@concordat/event-store';
import { validateEnvironment } from '@concordat/ledger-api';

/** The store the service would open, from the same environment variables and the same validation. */
export function openConfiguredStore(options: { mustExist: boolean }): { store: EventStore; dataDir: string } {
  const env = validateEnvironment(process.env);
  if (env.EVENT_STORE === 'eventstoredb') return { store: new EventStoreDbEventStore(env.EVENTSTORE_CONNECTION_STRING!), dataDir: env.DATA_DIR };
  const file = join(env.DATA_DIR, 'events.sqlite');
  // Reading commands never create a ledger where there was none (a mistyped DATA_DIR).
  if (options.mustExist && !existsSync(file)) {
    throw new Error(`No ledger at ${file} (DATA_DIR=${env.DATA_DIR}): start the service once (npm start) or run "concordat seed" there first`);
  }
  return { store: new EmbeddedEventStore({ file }), dataDir: env.DATA_DIR };
}

/** `--data-dir` wins over DATA_DIR, for the commands that read the configured store. */
export function applyDataDir(dataDir: string | undefined): void {
  if (dataDir !== undefined) process.env.DATA_DIR = dataDir;
}
