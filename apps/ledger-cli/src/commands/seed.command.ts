import { NestFactory } from '@nestjs/core';
import { AppModule } from '../../../ledger-api/src/app.module';
import { SeedLoader } from '../../../ledger-api/src/seeding/seed-loader.service';

export const summary = 'Load seeds/ into the configured store through the clerk commands (idempotent: loading twice changes nothing)';

export async function run(argv: string[]): Promise<number> {
  const dirFlag = argv.indexOf('--dir');
  if (dirFlag >= 0) process.env.SEEDS_DIR = argv[dirFlag + 1];
  process.env.SEED_ON_EMPTY = 'false'; // this command does the loading itself
  process.env.LOG_LEVEL ??= 'warn';
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(), { logger: ['error', 'warn'] });
  try {
    const report = await app.get(SeedLoader).load();
    console.log(`Seeds: ${report.operations} records; ${report.written} written, ${report.alreadyLoaded} already in the ledger`);
    return 0;
  } finally {
    await app.close();
  }
}
