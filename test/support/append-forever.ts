/**
 * Child process for crash tests: appends 3-event batches to the embedded store from several
 * concurrent "clerks", and prints one line per acknowledged append, until it is killed.
 * Usage: tsx test/support/append-forever.ts <file> <clerks>
 */
import { randomUUID } from 'node:crypto';
import { EmbeddedEventStore } from '@concordat/event-store';

const [file, clerksArg] = process.argv.slice(2);
const store = new EmbeddedEventStore({ file });
const clerks = Number(clerksArg ?? 4);

async function clerk(n: number): Promise<void> {
  for (let i = 0; ; i++) {
    const stream = `crash-${n}-${i}`;
    const events = ['A', 'B', 'C'].map((type, k) => ({
      id: randomUUID(),
      type,
      data: { clerk: n, batch: i, k, padding: 'p'.repeat(2000) },
      metadata: { recordedBy: `clerk-${n}`, correlationId: randomUUID(), schemaVersion: 1 },
    }));
    const result = await store.append(stream, events, { expectedRevision: 'no_stream' });
    process.stdout.write(`ACK ${stream} ${result.position} ${events.map((e) => e.id).join(',')}\n`);
  }
}

for (let n = 0; n < clerks; n++) void clerk(n);
