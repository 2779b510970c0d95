/**
 * Child process for the crash test: projects the log of `<events file>` into `<read-model file>`
 * with small batches and a pause after each, printing `COMMIT <position> <events>` after every
 * transaction, until it is killed.
 * Usage: tsx test/read-side/support/project-slowly.ts <events file> <read-model file> <batch> <pause ms>
 */
import { EmbeddedEventStore } from '@concordat/event-store';
import { ProjectionHost } from '@concordat/read-models';

const [eventsFile, readModelFile, batch, pause] = process.argv.slice(2);
const store = new EmbeddedEventStore({ file: eventsFile });
const host = new ProjectionHost(store, readModelFile, {
  batchSize: Number(batch),
  commitPauseMs: Number(pause),
  onCommit: (checkpoint) => process.stdout.write(`COMMIT ${checkpoint.position} ${checkpoint.eventsProjected}\n`),
  onError: (error) => process.stderr.write(`ERROR ${String(error)}\n`),
});
host.start();
setInterval(() => undefined, 1 << 30); // stay alive until killed
