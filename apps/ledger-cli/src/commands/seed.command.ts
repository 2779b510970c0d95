import { loadApplication } from '@concordat/ledger-api';
import { createCliLogger } from '../support/cli-logger';
import { applyDataDir } from '../support/configured-store';
import { defineCommand } from '../support/define-command';
import { nestLoggerOver } from '../support/nest-logger';

export const seedCommand = defineCommand<{ dir?: string; dataDir?: string }>({
  name: 'seed',
  summary: 'Load seeds/ into the configured store through the clerk commands (idempotent: loading twice changes nothing)',
  details: [
    'Reads DATA_DIR, EVENT_STORE and SEEDS_DIR like the service; creates the embedded store if there is none.',
    'Logs are JSON lines on stderr (readable on a terminal or with LOG_FORMAT=pretty).',
    'Exit status: 0 loaded, 1 failed (a seed file the API would refuse, an unreachable store), 2 usage error.',
  ].join('\n'),
  configure: (c) =>
    c
      .option('--dir <seeds-dir>', 'the seed files (default: $SEEDS_DIR, else ./seeds)')
      .option('--data-dir <dir>', 'the data directory (default: $DATA_DIR, else ./data)'),
  act: async (_args, o) => {
    if (o.dir !== undefined) process.env.SEEDS_DIR = o.dir;
    applyDataDir(o.dataDir);
    process.env.SEED_ON_EMPTY = 'false'; // this command does the loading itself
    const logger = nestLoggerOver(createCliLogger('seed'));
    const [{ NestFactory }, { AppModule, SeedLoader }] = await Promise.all([import('@nestjs/core'), loadApplication()]);
    const app = await NestFactory.createApplicationContext(AppModule.forRoot(), { logger });
    try {
      const report = await app.get(SeedLoader).load();
      console.log(`Seeds: ${report.operations} records; ${report.written} written, ${report.alreadyLoaded} already in the ledger`);
      return 0;
    } finally {
      await app.close();
    }
  },
});

export const { summary, run } = seedCommand;
