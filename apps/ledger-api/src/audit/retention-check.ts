import { Logger } from '@nestjs/common';
import { EventStoreDbEventStore, type EventStore } from '@concordat/event-store';

/** How many ledger streams the start-up check reads the metadata of, at most. */
export const RETENTION_SAMPLE = 1000;

/**
 * EventStoreDB only: refuses to start when `$maxAge`, `$maxCount` or `$tb` (truncate-before) is
 * set on the checkpoint stream (once it exists) or on any sampled ledger stream — the server would otherwise
 * expire or scavenge ledger events, which the signed checkpoints would then report as deleted.
 * Up to RETENTION_SAMPLE streams are checked: all of them on a small ledger, else the oldest
 * and newest halves of that many (streams a script would touch first or last).
 */
export async function assertNoRetentionOnLedger(store: EventStore, streamIds: readonly string[], checkpointStream?: string): Promise<void> {
  if (!(store instanceof EventStoreDbEventStore)) return;
  const half = RETENTION_SAMPLE / 2;
  const sample = streamIds.length <= RETENTION_SAMPLE ? streamIds : [...streamIds.slice(0, half), ...streamIds.slice(-half)];
  await store.assertNoRetention(checkpointStream ? [checkpointStream, ...sample] : [...sample]);
  new Logger('RetentionCheck').log(`No retention metadata on ${checkpointStream ?? 'the (not yet created) checkpoint stream'} and ${sample.length} of ${streamIds.length} ledger streams`);
}
