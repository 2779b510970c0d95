import type { EventStore } from '@concordat/event-store';
import { ReadModelDb } from './read-model-db';
import { acquireLock, rebuildFileFor, removeDbFiles, swapIn } from './read-model-files';
import { silentProgress, type ProgressSink } from './progress';
import { buildFromLog, catchUp, rebuildResult, type RebuildResult } from './rebuild';

/**
 * The command-line rebuild: no service is projecting into `liveFile` (the lock proves it), so
 * the new file is built beside it and renamed over it once it has caught up with the log.
 */
export async function rebuildOffline(store: EventStore, liveFile: string, sink: ProgressSink = silentProgress): Promise<RebuildResult> {
  const release = acquireLock(liveFile);
  const nextFile = rebuildFileFor(liveFile);
  try {
    const startedAt = new Date();
    removeDbFiles(nextFile);
    const next = ReadModelDb.open(nextFile, { build: true });
    try {
      const writer = await buildFromLog(store, next, { sink });
      const checkpoint = await catchUp(store, writer, { sink });
      sink.stop();
      next.seal();
      swapIn(nextFile, liveFile);
      return rebuildResult(startedAt, checkpoint);
    } catch (error) {
      sink.stop();
      next.close();
      removeDbFiles(nextFile);
      throw error;
    }
  } finally {
    release();
  }
}
