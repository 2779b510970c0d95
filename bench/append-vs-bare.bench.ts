/**
 * Append throughput of the embedded store against a bare better-sqlite3 insert loop with the
 * same durability: same file system (os.tmpdir()), same schema, same pragmas (WAL +
 * synchronous=FULL), same ~570 B JSON payload, and the same number of rows per committed
 * transaction.
 *
 * - clerks = 1: each append awaited before the next (one commit, one fsync per event) against an
 *   autocommit INSERT loop (one transaction, one fsync per row).
 * - clerks = N: N concurrent clerks each awaiting its own append (the store commits them
 *   together) against a bare loop committing transactions of N rows.
 *
 * fsync latency on a shared machine drifts by several times within seconds, so the two sides are
 * not timed one after the other: both files are open side by side and timed in short alternating
 * blocks (after an untimed warm-up). Each block pair gives a ratio store/bare; the target is the
 * median ratio over all pairs, over several sessions on fresh files.
 *
 * Run on its own: `npx tsx bench/append-vs-bare.bench.ts`
 */
import type Database from 'better-sqlite3';
import { tmpdir } from 'node:os';
import type { NewEvent } from '@concordat/shared-kernel';
import { EmbeddedEventStore } from '@concordat/event-store/embedded';
import {
  BARE_INSERT,
  type BenchResult,
  type Target,
  fmt,
  log,
  main,
  median,
  newEvent,
  quantile,
  nowNs,
  openBare,
  payloadBytes,
  secondsSince,
  tempDir,
} from './support';

export const TARGET_RATIO = 0.8;
const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 5);
const BLOCKS = Number(process.env.BENCH_BLOCKS ?? 20);
/** Blocks of an untimed first session per case: the first session's figures still carry JIT warm-up. */
const WARM_BLOCKS = 5;

interface Case {
  clerks: number;
  /** Appends per clerk in one timed block. */
  roundsPerBlock: number;
  /** Untimed appends per clerk before the first block. */
  warmRounds: number;
}

const CASES: Case[] = [
  { clerks: 1, roundsPerBlock: 60, warmRounds: 300 },
  { clerks: 8, roundsPerBlock: 12, warmRounds: 40 },
  { clerks: 64, roundsPerBlock: 4, warmRounds: 8 },
];

/** One side of the comparison: appends `rounds` more events per clerk, returns seconds taken. */
export interface Side {
  block(rounds: number): Promise<number>;
  close(): Promise<void>;
}

function streamOf(clerk: number): string {
  return `meeting-${clerk}`;
}

/** Workload generator shared by both sides: clerk c's r-th event. Built before timing. */
function events(clerks: number, fromRound: number, rounds: number): NewEvent[][] {
  return Array.from({ length: clerks }, (_, c) => Array.from({ length: rounds }, (_, k) => newEvent(c, fromRound + k)));
}

/** Anything constructed like EmbeddedEventStore (a scratch copy can be compared with the real one). */
export type StoreClass = new (options: { file: string }) => Pick<EmbeddedEventStore, 'append' | 'close'>;

export function storeSide(clerks: number, Store: StoreClass = EmbeddedEventStore): Side {
  const tmp = tempDir('store');
  const store = new Store({ file: tmp.file });
  let next = 0; // next revision of every clerk's stream
  return {
    async block(rounds) {
      const work = events(clerks, next, rounds);
      const from = next;
      const start = nowNs();
      await Promise.all(
        work.map(async (clerkEvents, clerk) => {
          for (let k = 0; k < rounds; k++) {
            const revision = from + k;
            await store.append(streamOf(clerk), [clerkEvents[k]], {
              expectedRevision: revision === 0 ? 'no_stream' : revision - 1,
            });
          }
        }),
      );
      const seconds = secondsSince(start);
      next += rounds;
      return seconds;
    },
    async close() {
      await store.close();
      tmp.cleanup();
    },
  };
}

export function bareSide(clerks: number): Side {
  const tmp = tempDir('bare');
  const db: Database.Database = openBare(tmp.file);
  const insert = db.prepare(BARE_INSERT);
  const insertRow = (clerk: number, revision: number, e: NewEvent, at: string) =>
    insert.run(e.id, streamOf(clerk), revision, e.type, JSON.stringify(e.data), JSON.stringify(e.metadata), at);
  const commitRound = db.transaction((work: NewEvent[][], k: number, revision: number) => {
    const at = new Date().toISOString();
    for (let c = 0; c < work.length; c++) insertRow(c, revision, work[c][k], at);
  });
  let next = 0;
  return {
    async block(rounds) {
      const work = events(clerks, next, rounds);
      const start = nowNs();
      if (clerks === 1) {
        // One row per transaction: SQLite's autocommit is the barest form of it.
        for (let k = 0; k < rounds; k++) insertRow(0, next + k, work[0][k], new Date().toISOString());
      } else {
        for (let k = 0; k < rounds; k++) commitRound(work, k, next + k);
      }
      const seconds = secondsSince(start);
      next += rounds;
      return seconds;
    },
    async close() {
      db.close();
      tmp.cleanup();
    },
  };
}

interface CaseResult {
  c: Case;
  /** Per block, events per second. */
  store: number[];
  bare: number[];
  ratios: number[];
  storeSeconds: number;
  bareSeconds: number;
  events: number;
}

async function measure(c: Case): Promise<CaseResult> {
  const result: CaseResult = { c, store: [], bare: [], ratios: [], storeSeconds: 0, bareSeconds: 0, events: 0 };
  const perBlock = c.clerks * c.roundsPerBlock;
  {
    const store = storeSide(c.clerks);
    const bare = bareSide(c.clerks);
    await store.block(c.warmRounds);
    await bare.block(c.warmRounds);
    for (let b = 0; b < WARM_BLOCKS; b++) {
      await store.block(c.roundsPerBlock);
      await bare.block(c.roundsPerBlock);
    }
    await store.close();
    await bare.close();
  }
  for (let session = 0; session < SESSIONS; session++) {
    const store = storeSide(c.clerks);
    const bare = bareSide(c.clerks);
    try {
      await store.block(c.warmRounds);
      await bare.block(c.warmRounds);
      for (let b = 0; b < BLOCKS; b++) {
        let s: number;
        let r: number;
        if ((b + session) % 2 === 0) {
          s = await store.block(c.roundsPerBlock);
          r = await bare.block(c.roundsPerBlock);
        } else {
          r = await bare.block(c.roundsPerBlock);
          s = await store.block(c.roundsPerBlock);
        }
        result.store.push(perBlock / s);
        result.bare.push(perBlock / r);
        result.ratios.push(r / s);
        result.storeSeconds += s;
        result.bareSeconds += r;
        result.events += perBlock;
      }
    } finally {
      await store.close();
      await bare.close();
    }
    const recent = result.ratios.slice(-BLOCKS);
    log(`clerks=${c.clerks} session ${session + 1}/${SESSIONS}: median block ratio ${median(recent).toFixed(3)}`);
  }
  return result;
}

export async function appendVsBare(): Promise<BenchResult> {
  const sample = newEvent(0, 0);
  const results: CaseResult[] = [];
  for (const c of CASES) results.push(await measure(c));
  const rows = results.map((r) => [
    r.c.clerks === 1 ? '1 clerk, sequential' : `${r.c.clerks} concurrent clerks`,
    `${r.c.clerks}`,
    fmt(r.events),
    fmt(median(r.store)),
    fmt(median(r.bare)),
    fmt(median(r.ratios), 3),
    `${fmt(quantile(r.ratios, 0.25), 2)}–${fmt(quantile(r.ratios, 0.75), 2)}`,
    fmt(r.bareSeconds / r.storeSeconds, 3),
  ]);
  const targets: Target[] = results.map((r) => ({
    id: `append.clerks-${r.c.clerks}.ratio`,
    description:
      r.c.clerks === 1
        ? 'awaited appends vs bare autocommit INSERT loop (1 fsync per event)'
        : `${r.c.clerks} concurrent clerks vs bare ${r.c.clerks}-row transactions`,
    actual: median(r.ratios),
    comparator: '>=',
    threshold: TARGET_RATIO,
    digits: 3,
  }));
  return {
    bench: 'append-vs-bare',
    title: 'Appends: EmbeddedEventStore vs bare better-sqlite3 (WAL, synchronous=FULL)',
    headers: ['case', 'rows/commit', 'events/side', 'store ev/s', 'bare ev/s', 'ratio (median)', 'ratio IQR', 'ratio (totals)'],
    rows,
    targets,
    notes: [
      `${SESSIONS} sessions × ${BLOCKS} alternating timed blocks per case (after an untimed warm-up session), fresh files per session in ${tmpdir()}; ev/s = median over blocks.`,
      'ratio (median) = median over block pairs of store/bare throughput (the target), IQR = its 25th–75th percentiles; ratio (totals) = bare time / store time over all blocks (sensitive to stalls).',
      `payload: ${payloadBytes(sample)} B of JSON per event (data + metadata); both sides JSON.stringify per row.`,
    ],
  };
}

if (require.main === module) main(appendVsBare);
