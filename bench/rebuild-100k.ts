/**
 * Fills a temporary embedded store with ~100,000 valid domain events (minutes, pledges, and
 * runs of status changes, all decided by the real deciders), then rebuilds the read models
 * from zero with the progress bar, as `concordat rebuild` does, and prints the figures.
 * (`npm run bench -- rebuild` measures the same against its baseline.)
 * Usage: npx tsx bench/rebuild-100k.ts [events=100000] [--keep]
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { EmbeddedEventStore } from '@concordat/event-store';
import { rebuildOffline, terminalProgress } from '@concordat/read-models';
import { fillLedger } from './ledger-log';

const target = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 100_000);
const keep = process.argv.includes('--keep');

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'concordat-bench-'));
  const store = new EmbeddedEventStore({ file: join(dir, 'events.sqlite') });
  const fillStart = Date.now();
  const written = await fillLedger(store, target, (n) => process.stderr.write(`\rfilling the log: ${n} events`));
  process.stderr.write(`\rfilled the log with ${written} events in ${((Date.now() - fillStart) / 1000).toFixed(1)} s\n`);

  const result = await rebuildOffline(store, join(dir, 'read-models.sqlite'), terminalProgress());
  const seconds = result.durationMs / 1000;
  console.log(`rebuilt ${result.eventsProjected} events in ${seconds.toFixed(1)} s (${Math.round(result.eventsProjected / seconds)} events/s); read models ${(statSync(join(dir, 'read-models.sqlite')).size / 1e6).toFixed(0)} MB; checkpoint ${result.position}`);
  await store.close();
  if (keep) console.log(`kept ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
