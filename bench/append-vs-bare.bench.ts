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
  type Figure,
  QUICK,
  ratioOf,
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
/** Group commit at 64 clerks against the bare one-commit-per-append rate (issue #15). */
export const TARGET_GROUP_RATIO = 3;
const SESSIONS = Number(process.env.BENCH_SESSIONS ?? (QUICK ? 1 : 3));
const BLOCKS = Number(process.env.BENCH_BLOCKS ?? (QUICK ? 10 : 20));
/** Blocks of an untimed first session per case: the first session's figures still carry JIT warm-up. */
const WARM_BLOCKS = QUICK ? 2 : 5;

interface Shape {
  clerks: number;
  /** Events in each append (the store) or each clerk's share of a transaction (bare). */
  eventsPerAppend: number;
  /** Appends per clerk in one timed block. */
  roundsPerBlock: number;
  /** Untimed appends per clerk before the first block. */
  warmRounds: number;
}

interface Case {
  id: string;
  label: string;
  store: Shape;
  /** The bare loop commits transactions of clerks × eventsPerAppend rows. */
  bare: Shape;
  threshold: number;
}

const same = (id: string, label: string, shape: Shape): Case => ({ id, label, store: shape, bare: shape, threshold: TARGET_RATIO });

const CASES: Case[] = [
  same('append.clerks-1.events-1', '1 clerk, 1 event per append', { clerks: 1, eventsPerAppend: 1, roundsPerBlock: 60, warmRounds: 300 }),
  same('append.clerks-8.events-1', '8 clerks, 1 event per append', { clerks: 8, eventsPerAppend: 1, roundsPerBlock: 12, warmRounds: 40 }),
  same('append.clerks-64.events-1', '64 clerks, 1 event per append', { clerks: 64, eventsPerAppend: 1, roundsPerBlock: 4, warmRounds: 8 }),
  same('append.clerks-1.events-10', '1 clerk, 10 events per append', { clerks: 1, eventsPerAppend: 10, roundsPerBlock: 30, warmRounds: 100 }),
  same('append.clerks-8.events-10', '8 clerks, 10 events per append', { clerks: 8, eventsPerAppend: 10, roundsPerBlock: 6, warmRounds: 20 }),
  same('append.clerks-64.events-10', '64 clerks, 10 events per append', { clerks: 64, eventsPerAppend: 10, roundsPerBlock: 2, warmRounds: 4 }),
  {
    id: 'append.group-commit-64-vs-bare-1',
    label: 'group commit: 64 clerks vs bare 1 commit per append',
    store: { clerks: 64, eventsPerAppend: 1, roundsPerBlock: 4, warmRounds: 8 },
    bare: { clerks: 1, eventsPerAppend: 1, roundsPerBlock: 60, warmRounds: 300 },
    threshold: TARGET_GROUP_RATIO,
  },
];

/** One side of the comparison: appends `rounds` more events per clerk, returns seconds taken. */
export interface Side {
  block(rounds: number): Promise<number>;
  close(): Promise<void>;
}

function streamOf(clerk: number): string {
  return `meeting-${clerk}`;
}

/** Workload shared by both sides: work[clerk][round] is that append's events. Built before timing. */
function events(clerks: number, per: number, fromRound: number, rounds: number): NewEvent[][][] {
  return Array.from({ length: clerks }, (_, c) =>
    Array.from({ length: rounds }, (_, k) => Array.from({ length: per }, (_, e) => newEvent(c, (fromRound + k) * per + e))),
  );
}

/** Anything constructed like EmbeddedEventStore (a scratch copy can be compared with the real one). */
export type StoreClass = new (options: { file: string }) => Pick<EmbeddedEventStore, 'append' | 'close'>;

export function storeSide(clerks: number, per = 1, Store: StoreClass = EmbeddedEventStore): Side {
  const tmp = tempDir('store');
  const store = new Store({ file: tmp.file });
  let next = 0; // next round of every clerk's stream
  return {
    async block(rounds) {
      const work = events(clerks, per, next, rounds);
      const from = next;
      const start = nowNs();
      await Promise.all(
        work.map(async (clerkEvents, clerk) => {
          for (let k = 0; k < rounds; k++) {
            const revision = (from + k) * per;
            await store.append(streamOf(clerk), clerkEvents[k], {
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

export function bareSide(clerks: number, per = 1): Side {
  const tmp = tempDir('bare');
  const db: Database.Database = openBare(tmp.file);
  const insert = db.prepare(BARE_INSERT);
  const insertRow = (clerk: number, revision: number, e: NewEvent, at: string) =>
    insert.run(e.id, streamOf(clerk), revision, e.type, JSON.stringify(e.data), JSON.stringify(e.metadata), at);
  const commitRound = db.transaction((work: NewEvent[][][], k: number, round: number) => {
    const at = new Date().toISOString();
    for (let c = 0; c < work.length; c++) for (let e = 0; e < per; e++) insertRow(c, round * per + e, work[c][k][e], at);
  });
  let next = 0;
  return {
    async block(rounds) {
      const work = events(clerks, per, next, rounds);
      const start = nowNs();
      if (clerks === 1 && per === 1) {
        // One row per transaction: SQLite's autocommit is the barest form of it.
        for (let k = 0; k < rounds; k++) insertRow(0, next + k, work[0][k][0], new Date().toISOString());
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
  /** Per block pair, store ev/s ÷ bare ev/s. */
  ratios: number[];
  storeSeconds: number;
  bareSeconds: number;
  storeEvents: number;
  bareEvents: number;
}

const eventsPerBlock = (s: Shape) => s.clerks * s.roundsPerBlock * s.eventsPerAppend;
/** Untimed rounds before a session's blocks (a third with --quick). */
const warm = (s: Shape) => (QUICK ? Math.ceil(s.warmRounds / 3) : s.warmRounds);

async function measure(c: Case): Promise<CaseResult> {
  const result: CaseResult = { c, store: [], bare: [], ratios: [], storeSeconds: 0, bareSeconds: 0, storeEvents: 0, bareEvents: 0 };
  const open = () => ({ store: storeSide(c.store.clerks, c.store.eventsPerAppend), bare: bareSide(c.bare.clerks, c.bare.eventsPerAppend) });
  {
    const { store, bare } = open();
    await store.block(warm(c.store));
    await bare.block(warm(c.bare));
    for (let b = 0; b < WARM_BLOCKS; b++) {
      await store.block(c.store.roundsPerBlock);
      await bare.block(c.bare.roundsPerBlock);
    }
    await store.close();
    await bare.close();
  }
  const perStore = eventsPerBlock(c.store);
  const perBare = eventsPerBlock(c.bare);
  for (let session = 0; session < SESSIONS; session++) {
    const { store, bare } = open();
    try {
      await store.block(warm(c.store));
      await bare.block(warm(c.bare));
      for (let b = 0; b < BLOCKS; b++) {
        let s: number;
        let r: number;
        if ((b + session) % 2 === 0) {
          s = await store.block(c.store.roundsPerBlock);
          r = await bare.block(c.bare.roundsPerBlock);
        } else {
          r = await bare.block(c.bare.roundsPerBlock);
          s = await store.block(c.store.roundsPerBlock);
        }
        result.store.push(perStore / s);
        result.bare.push(perBare / r);
        result.ratios.push(perStore / s / (perBare / r));
        result.storeSeconds += s;
        result.bareSeconds += r;
        result.storeEvents += perStore;
        result.bareEvents += perBare;
      }
    } finally {
      await store.close();
      await bare.close();
    }
    const recent = result.ratios.slice(-BLOCKS);
    log(`${c.label}, session ${session + 1}/${SESSIONS}: median block ratio ${median(recent).toFixed(3)}`);
  }
  return result;
}

function figureOf(r: CaseResult): Figure {
  const bare = r.c.bare;
  const bareWhat =
    bare.clerks === 1 && bare.eventsPerAppend === 1 ? 'bare autocommit INSERT loop, ev/s' : `bare loop, ${bare.clerks * bare.eventsPerAppend}-row transactions, ev/s`;
  return {
    id: r.c.id,
    figure: `store append, ${r.c.label}`,
    unit: 'ev/s',
    value: median(r.store),
    baseline: { what: bareWhat, value: median(r.bare) },
    ...ratioOf(r.ratios),
    target: { on: 'ratio', comparator: '>=', threshold: r.c.threshold },
  };
}

export async function appendVsBare(): Promise<BenchResult> {
  const sample = newEvent(0, 0);
  const results: CaseResult[] = [];
  for (const c of CASES) results.push(await measure(c));
  const rows = results.map((r) => [
    r.c.label,
    `${r.c.bare.clerks * r.c.bare.eventsPerAppend}`,
    fmt(r.storeEvents),
    fmt(median(r.store)),
    fmt(median(r.bare)),
    fmt(median(r.ratios), 3),
    `${fmt(quantile(r.ratios, 0.25), 2)}–${fmt(quantile(r.ratios, 0.75), 2)}`,
    fmt(r.storeEvents / r.storeSeconds / (r.bareEvents / r.bareSeconds), 3),
    `${r.c.threshold}`,
  ]);
  return {
    bench: 'append',
    title: 'Appends: EmbeddedEventStore vs bare better-sqlite3 (WAL, synchronous=FULL)',
    headers: ['case', 'bare rows/commit', 'store events', 'store ev/s', 'bare ev/s', 'ratio (median)', 'ratio IQR', 'ratio (totals)', 'target'],
    rows,
    targets: [],
    figures: results.map(figureOf),
    notes: [
      `${SESSIONS} session(s) × ${BLOCKS} alternating timed blocks per case (after an untimed warm-up session), fresh files per session in ${tmpdir()}; ev/s = median over blocks.`,
      'ratio (median) = median over block pairs of store/bare throughput (the target), IQR = its 25th–75th percentiles; ratio (totals) = over all blocks (sensitive to stalls).',
      `payload: ${payloadBytes(sample)} B of JSON per event (data + metadata); both sides JSON.stringify per row.`,
    ],
  };
}

if (require.main === module) main(appendVsBare);
