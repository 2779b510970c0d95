import { join } from 'node:path';
import type { RecordedEvent } from '@concordat/shared-kernel';
import { EmbeddedEventStore } from '@concordat/event-store';
import { MemorySource, ProjectionHost, viewAt, type ReportSource } from '@concordat/read-models';
import { tempDir } from '../../support/temp-dir';
import { LedgerWriter } from './ledger-writer';
import { HistoryRun, type Step } from './random-history';

export type LiveProjection = { store: EmbeddedEventStore; host: ProjectionHost; run: HistoryRun; events: RecordedEvent[]; dir: string; file: string; instants: string[] };

/**
 * Records `steps` through the real embedded store while the projection follows live in batches
 * of `batchSize`, then hands `check` the store, the host, the log, its temp dir, the read-model file
 * and every recorded instant with the millisecond before it (where an answer as known at T changes, or not yet).
 */
export async function withLiveProjection(label: string, steps: readonly Step[], batchSize: number, check: (p: LiveProjection) => void | Promise<void>): Promise<void> {
  const { dir, cleanup } = tempDir(label);
  const clock = { ms: Date.parse('2024-01-01T00:00:00Z') };
  const store = new EmbeddedEventStore({ file: join(dir, 'events.sqlite'), clock: () => new Date(clock.ms) });
  const file = join(dir, 'read-models.sqlite');
  const host = new ProjectionHost(store, file, { batchSize });
  try {
    host.start();
    const run = new HistoryRun(new LedgerWriter(store), clock);
    for (const step of steps) await run.run(step);
    expect(await host.waitFor(await store.headPosition(), 10_000)).toBe(true);
    const events = await store.readAll();
    const instants = [...new Set(events.flatMap((e) => [e.recordedAt, new Date(Date.parse(e.recordedAt) - 1).toISOString()]))];
    await check({ store, host, run, events, dir, file, instants });
  } finally {
    await host.stop();
    await store.close();
    cleanup();
  }
}

/** The projection's answers (`ask`, as JSON) equal the replay's, byte for byte, at each knownAt and asOf; a difference names both. */
export function expectReplayAnswers(p: LiveProjection, knownAts: ReadonlyArray<string | undefined>, asOfs: readonly string[], today: string, ask: (source: ReportSource) => string): void {
  for (const knownAt of knownAts) {
    for (const asOf of asOfs) {
      const naive = ask(new MemorySource(viewAt(p.events, { asOf, knownAt, today })));
      const projected = ask(p.host.source(asOf, knownAt));
      if (projected !== naive) expect({ asOf, knownAt, projected: JSON.parse(projected) }).toEqual({ asOf, knownAt, projected: JSON.parse(naive) });
    }
  }
}
