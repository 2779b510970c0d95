/**
 * Rebuilding the read models from the log (rebuildOffline, what `npm run rebuild` runs) against
 * reading the same rows with a bare better-sqlite3 loop and JSON.parse-ing data and metadata,
 * nothing else. Each side runs in a fresh process (so each peak RSS is its own), the two
 * alternating, after one untimed run of each.
 *
 * Sizes: 100k events in the full run, 10k in --quick; BENCH_REBUILD_SIZES=100000,1000000 adds
 * 1M (filling and rebuilding 1M takes ~12 min on 2 shared cores, beyond the suite's 15).
 *
 * Run on its own: `npx tsx bench/rebuild.bench.ts`
 */
import { join } from 'node:path';
import { EmbeddedEventStore } from '@concordat/event-store';
import { childStep, runStep, type StepResult } from './child-run';
import { bareReadAndParse, timedRebuild } from './rebuild-steps';
import { fillLedger } from './ledger-log';
import { type BenchResult, type Figure, QUICK, fmt, log, main, median, nowNs, ratioOf, secondsSince, sizeLabel, tempDir } from './support';

const SIZES = (process.env.BENCH_REBUILD_SIZES ?? (QUICK ? '10000' : '100000')).split(',').map(Number);
const PAIRS = 2;
/** Rebuild ≥ 50 % of the bare read-and-parse (issue #15). */
const TARGET_RATIO = 0.5;

const steps = {
  /** The bare side: every row, both JSON columns parsed. */
  'read-and-parse': ([file]: string[]) => bareReadAndParse(file),
  /** The ledger's side: a full offline rebuild into a fresh read-model file. */
  async rebuild([file]: string[]) {
    const dir = tempDir('rebuild-out');
    try {
      return await timedRebuild(file, join(dir.dir, 'read-models.sqlite'));
    } finally {
      dir.cleanup();
    }
  },
};

interface SizeResult {
  /** The size asked for (the id); `size` is what the fill wrote (whole meetings, a little more). */
  requested: number;
  size: number;
  bare: StepResult[];
  rebuild: StepResult[];
}

async function measure(size: number): Promise<SizeResult> {
  const tmp = tempDir('rebuild');
  try {
    const store = new EmbeddedEventStore({ file: tmp.file });
    const fillStart = nowNs();
    const written = await fillLedger(store, size);
    await store.close();
    log(`filled ${fmt(written)} events in ${secondsSince(fillStart).toFixed(1)} s`);
    const result: SizeResult = { requested: size, size: written, bare: [], rebuild: [] };
    runStep(__filename, 'read-and-parse', [tmp.file]); // untimed: page cache and the file's first read
    for (let p = 0; p < PAIRS; p++) {
      const bare = () => result.bare.push(runStep(__filename, 'read-and-parse', [tmp.file]));
      const rebuild = () => result.rebuild.push(runStep(__filename, 'rebuild', [tmp.file]));
      if (p % 2 === 0) {
        rebuild();
        bare();
      } else {
        bare();
        rebuild();
      }
      const [r, b] = [result.rebuild[p], result.bare[p]];
      log(`${fmt(written)} events, pair ${p + 1}/${PAIRS}: rebuild ${fmt(r.count / r.seconds)} ev/s (${fmt(r.maxRssMb)} MB), read-and-parse ${fmt(b.count / b.seconds)} ev/s (${fmt(b.maxRssMb)} MB)`);
    }
    return result;
  } finally {
    tmp.cleanup();
  }
}

function figures(r: SizeResult): Figure[] {
  const rate = (s: StepResult) => s.count / s.seconds;
  // The first size is the run's own (100k, or 10k with --quick): the same ids in both runs' JSON.
  const label = r.requested === SIZES[0] ? 'rebuild' : `rebuild.${sizeLabel(r.requested)}`;
  return [
    {
      id: `${label}.rate`,
      figure: `rebuild the read models from ${fmt(r.size)} events`,
      unit: 'ev/s',
      value: median(r.rebuild.map(rate)),
      baseline: { what: 'read the same rows + JSON.parse, ev/s', value: median(r.bare.map(rate)) },
      ...ratioOf(r.rebuild.map((s, i) => rate(s) / rate(r.bare[i]))),
      target: { on: 'ratio', comparator: '>=', threshold: TARGET_RATIO },
    },
    {
      id: `${label}.peak-rss`,
      figure: `rebuild of ${fmt(r.size)} events, peak RSS of its process (ratio = rebuild/bare)`,
      unit: 'MB',
      value: median(r.rebuild.map((s) => s.maxRssMb)),
      baseline: { what: 'read-and-parse process, MB', value: median(r.bare.map((s) => s.maxRssMb)) },
      ...ratioOf(r.rebuild.map((s, i) => s.maxRssMb / r.bare[i].maxRssMb)),
    },
  ];
}

async function rebuildBench(): Promise<BenchResult> {
  const results: SizeResult[] = [];
  for (const size of SIZES) results.push(await measure(size));
  const all = results.flatMap(figures);
  return {
    bench: 'rebuild',
    title: 'Rebuild of the read models vs reading the same rows and JSON.parse-ing them',
    headers: ['events', 'rebuild ev/s', 'bare ev/s', 'ratio', 'rebuild peak RSS', 'bare peak RSS'],
    rows: results.map((r) => {
      const [rate, rss] = figures(r);
      return [fmt(r.size), fmt(rate.value), fmt(rate.baseline!.value), fmt(rate.ratio!, 3), `${fmt(rss.value)} MB`, `${fmt(rss.baseline!.value)} MB`];
    }),
    targets: [],
    figures: all,
    notes: [
      `${PAIRS} alternating pairs per size after one untimed read; each side in a fresh process (node + tsx, ~60 MB of RSS before any work). The log: meetings with 3 pledges and 1–9 status changes each, decided by the real deciders.`,
    ],
  };
}

if (!childStep(steps) && require.main === module) main(rebuildBench);
