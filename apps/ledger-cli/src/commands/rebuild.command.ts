import { join } from 'node:path';
import { ReadModelsLockedError, rebuildOffline, terminalProgress } from '@concordat/read-models';
import { applyDataDir, openConfiguredStore } from '../support/configured-store';
import { defineCommand } from '../support/define-command';

export { openConfiguredStore } from '../support/configured-store';

export const rebuildCommand = defineCommand<{ dataDir?: string }>({
  name: 'rebuild',
  summary: 'Rebuild the read models from the event log beside the live ones, with a progress bar, then swap them in',
  details: [
    'Reads DATA_DIR, EVENT_STORE and EVENTSTORE_CONNECTION_STRING like the service.',
    'Builds DATA_DIR/read-models.sqlite.rebuild from position 0 and renames it over DATA_DIR/read-models.sqlite once caught up.',
    'Refused while a running service holds the read models: use its POST /v1/admin/projections/rebuild instead.',
    'Exit status: 0 rebuilt, 1 refused or failed, 2 usage error.',
  ].join('\n'),
  configure: (c) => c.option('--data-dir <dir>', 'the data directory (default: $DATA_DIR, else ./data)'),
  act: async (_args, o) => {
    applyDataDir(o.dataDir);
    const { store, dataDir } = openConfiguredStore({ mustExist: true });
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
  },
});

export const { summary, run } = rebuildCommand;
