/**
 * Memory while reading the whole global log in pages: 100k events are appended by a child
 * process (so the measuring process starts clean), then this process reads them with
 * `readAll({ after, maxCount: 1000 })`, page after page, sampling RSS and V8 heap after every page
 * and, after a forced GC, every 10k events. Bounded means: the peak stays a small constant above
 * the baseline, and what is retained after GC does not grow with the number of events read.
 * For contrast it finally reads the log in one `readAll()` call.
 *
 * Run on its own: `npx tsx bench/memory.bench.ts`
 */
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { EmbeddedEventStore } from '@concordat/event-store/embedded';
import { type BenchResult, REPO_ROOT, type Target, fmt, gcFunction, log, main, mb, newEvent, nowNs, secondsSince, tempDir,
  sized,
} from './support';

/** 100k events; a tenth with --quick (the growth checks then compare 1k, 5k and 10k). */
const EVENTS = sized(100_000);
const PAGE = 1000;
const SEED_CLERKS = 100;
const EVENTS_PER_APPEND = 10;
/** Peak RSS and heap above the baseline while paging (a page of 1000 events is ~2–3 MB of objects). */
const PEAK_BOUND_MB = 64;
/** Heap retained after GC at the end, compared with after the first 10k events. */
const GROWTH_BOUND_MB = 4;
/** RSS after GC at the end, compared with half-way: once the allocator has its working set, no creep. */
const RSS_CREEP_BOUND_MB = 8;

/** Child mode: `--seed <file>`: appends EVENTS events through the store. */
async function seed(file: string): Promise<void> {
  const store = new EmbeddedEventStore({ file });
  const appendsPerClerk = EVENTS / SEED_CLERKS / EVENTS_PER_APPEND;
  await Promise.all(
    Array.from({ length: SEED_CLERKS }, async (_, c) => {
      for (let a = 0; a < appendsPerClerk; a++) {
        const events = Array.from({ length: EVENTS_PER_APPEND }, (_, k) => newEvent(c, a * EVENTS_PER_APPEND + k));
        await store.append(`meeting-${c}-${a}`, events, { expectedRevision: 'no_stream' });
      }
    }),
  );
  await store.close();
}

interface Sample {
  events: number;
  rssMb: number;
  heapMb: number;
}

function sample(events: number): Sample {
  const m = process.memoryUsage();
  return { events, rssMb: mb(m.rss), heapMb: mb(m.heapUsed) };
}

export async function memory(): Promise<BenchResult> {
  const gc = gcFunction();
  const tmp = tempDir('memory');
  try {
    const seedStart = nowNs();
    const child = spawnSync(process.execPath, ['--import', 'tsx', __filename, '--seed', tmp.file], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, BENCH_RESULT_FILE: '' },
    });
    if (child.status !== 0) throw new Error(`seeding child exited with ${child.status}`);
    const seedSeconds = secondsSince(seedStart);
    const fileMb = mb(statSync(tmp.file).size);
    log(`seeded ${fmt(EVENTS)} events (${fmt(fileMb, 1)} MB file) in ${fmt(seedSeconds, 1)} s`);

    const store = new EmbeddedEventStore({ file: tmp.file });
    try {
      // Warm the read path once (JIT, SQLite page cache), then measure from a clean heap.
      await store.readAll({ maxCount: PAGE });
      gc();
      gc();
      const baseline = sample(0);
      let peakRss = baseline.rssMb;
      let peakHeap = baseline.heapMb;
      const checkpoints: Sample[] = [];
      let after = 0n;
      let read = 0;
      const readStart = nowNs();
      for (;;) {
        const page = await store.readAll({ after, maxCount: PAGE });
        if (page.length === 0) break;
        read += page.length;
        after = page[page.length - 1].position;
        const s = sample(read);
        peakRss = Math.max(peakRss, s.rssMb);
        peakHeap = Math.max(peakHeap, s.heapMb);
        if (read % (EVENTS / 10) === 0) {
          gc();
          checkpoints.push(sample(read));
        }
      }
      const readSeconds = secondsSince(readStart);
      if (read !== EVENTS) throw new Error(`read ${read} events, expected ${EVENTS}`);

      // Contrast: the same log in one call.
      gc();
      const beforeAll = sample(0);
      const all = await store.readAll();
      const allAtOnce = sample(all.length);
      const allCount = all.length;
      all.length = 0;

      const first = checkpoints[0];
      const last = checkpoints[checkpoints.length - 1];
      const half = checkpoints[Math.floor(checkpoints.length / 2) - 1];
      const rows = [
        ['baseline (store open, after GC)', fmt(baseline.rssMb, 1), fmt(baseline.heapMb, 1)],
        ...checkpoints
          .filter((c) => c === first || c === half || c === last)
          .map((c) => [`after ${fmt(c.events)} events, after GC`, fmt(c.rssMb, 1), fmt(c.heapMb, 1)]),
        ['peak while paging', fmt(peakRss, 1), fmt(peakHeap, 1)],
        [`contrast: one readAll() of ${fmt(allCount)}`, fmt(allAtOnce.rssMb, 1), fmt(allAtOnce.heapMb, 1)],
      ];
      const targets: Target[] = [
        {
          id: 'memory.paged.peak-rss-growth',
          description: `peak RSS above baseline while reading ${fmt(EVENTS)} events in pages of ${PAGE}`,
          actual: peakRss - baseline.rssMb,
          comparator: '<=',
          threshold: PEAK_BOUND_MB,
          unit: 'MB',
          digits: 1,
        },
        {
          id: 'memory.paged.peak-heap-growth',
          description: 'peak V8 heap above baseline while paging',
          actual: peakHeap - baseline.heapMb,
          comparator: '<=',
          threshold: PEAK_BOUND_MB,
          unit: 'MB',
          digits: 1,
        },
        {
          id: 'memory.paged.retained-growth',
          description: `heap retained after GC at ${fmt(last.events)} events minus at ${fmt(first.events)} (no growth with log length)`,
          actual: last.heapMb - first.heapMb,
          comparator: '<=',
          threshold: GROWTH_BOUND_MB,
          unit: 'MB',
          digits: 1,
        },
        {
          id: 'memory.paged.rss-creep',
          description: `RSS after GC at ${fmt(last.events)} events minus at ${fmt(half.events)} (no growth with log length)`,
          actual: last.rssMb - half.rssMb,
          comparator: '<=',
          threshold: RSS_CREEP_BOUND_MB,
          unit: 'MB',
          digits: 1,
        },
      ];
      return {
        bench: 'memory',
        title: `Memory: reading a ${fmt(EVENTS)}-event global log with readAll({ after, maxCount: ${PAGE} })`,
        headers: ['point', 'RSS MB', 'heap MB'],
        rows,
        targets,
        notes: [
          `log: ${fmt(EVENTS)} events of ~570 B JSON, ${fmt(fileMb, 1)} MB SQLite file, seeded in ${fmt(seedSeconds, 1)} s by a child process; paged read took ${fmt(readSeconds, 2)} s (${fmt(EVENTS / readSeconds)} events/s).`,
          `contrast row: one unpaged readAll() adds ${fmt(allAtOnce.rssMb - beforeAll.rssMb, 0)} MB RSS / ${fmt(allAtOnce.heapMb - beforeAll.heapMb, 0)} MB heap — what paging avoids.`,
        ],
      };
    } finally {
      await store.close();
    }
  } finally {
    tmp.cleanup();
  }
}

if (require.main === module) {
  const args = process.argv.slice(2);
  if (args[0] === '--seed') {
    seed(args[1]).catch((error: unknown) => {
      process.stderr.write(`${String(error)}\n`);
      process.exitCode = 2;
    });
  } else {
    main(memory);
  }
}
