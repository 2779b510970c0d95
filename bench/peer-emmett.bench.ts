/**
 * The peer: Emmett's SQLite event store (@event-driven-io/emmett-sqlite 0.38.5, the newest whose
 * @event-driven-io/emmett resolves here; 0.42.4 needs emmett 0.42.4, which the registry lacks),
 * beside EmbeddedEventStore, same events, same machine, same file system.
 *
 * - append: one clerk, each append awaited, 1 and 10 events per append, exact expected version on
 *   both sides. Emmett's store opens and closes its SQLite connection for every call on a file
 *   (withConnection), so it cannot be driven by concurrent clerks; the peer comparison is sequential.
 * - stream read: one stream read whole, through each store's readStream;
 * - global-log read: the whole log in pages of 1000 — Concordat's readAll({ after, maxCount }),
 *   Emmett's readMessagesBatch({ after, batchSize }) on an open connection (what its consumers use).
 *
 * Durability: both files in WAL mode. Concordat sets synchronous=FULL; Emmett sets only
 * journal_mode=WAL and leaves sqlite3's default, which this bench reads back and prints.
 * Sides alternate in short blocks after a warm-up; figures are medians of per-block ratios.
 *
 * Run on its own: `npx tsx bench/peer-emmett.bench.ts`
 */
import { getSQLiteEventStore, readMessagesBatch, sqliteConnection, type SQLiteEventStore } from '@event-driven-io/emmett-sqlite';
import { EmbeddedEventStore } from '@concordat/event-store/embedded';
import type { NewEvent } from '@concordat/shared-kernel';
import { type BenchResult, type Figure, QUICK, fmt, log, main, median, newEvent, ratioOf, secondsSince, nowNs, tempDir } from './support';

const BLOCKS = QUICK ? 6 : 30;
/** Concordat's appends are ~10× quicker: its blocks are longer, so both last tens of ms. */
const APPEND_BLOCK = { concordat: 60, emmett: 15 };
const WARM_APPENDS = QUICK ? 20 : 60;
const STREAM_EVENTS = QUICK ? 200 : 2000;
const LOG_EVENTS = QUICK ? 2000 : 20_000;
const PAGE = 1000;
/** Store append ≥ 8 × Emmett's SQLite store at 1 event per append (issue #15). */
const TARGET_APPEND_RATIO = 8;

interface Side {
  append(stream: string, events: NewEvent[], revisionBefore: number): Promise<void>;
  readStream(stream: string): Promise<number>;
  readLog(): Promise<number>;
  close(): Promise<void>;
}

function concordatSide(): Side {
  const tmp = tempDir('peer-concordat');
  const store = new EmbeddedEventStore({ file: tmp.file });
  return {
    async append(stream, events, before) {
      await store.append(stream, events, { expectedRevision: before < 0 ? 'no_stream' : before });
    },
    async readStream(stream) {
      return (await store.readStream(stream)).length;
    },
    async readLog() {
      let after = 0n;
      let n = 0;
      for (;;) {
        const page = await store.readAll({ after, maxCount: PAGE });
        n += page.length;
        if (page.length < PAGE) return n;
        after = page[page.length - 1].position;
      }
    },
    async close() {
      await store.close();
      tmp.cleanup();
    },
  };
}

/**
 * Emmett 0.38.5 issues `PRAGMA journal_mode = WAL` without waiting for it on every connection it
 * opens (one per call), so now and then its COMMIT meets that statement still running and fails
 * with SQLITE_BUSY (the transaction is rolled back). A user would retry; so does this bench, and
 * it counts the retries. Emmett also console.logs the error; those lines are dropped here.
 */
export const emmettRetries = { count: 0 };
const isBusy = (error: unknown) => error instanceof Error && (error as { code?: string }).code === 'SQLITE_BUSY';
const print = console.log.bind(console);
console.log = (...args: unknown[]) => {
  if (args.length === 1 && isBusy(args[0])) return;
  print(...args);
};

function emmettSide(): Side & { synchronous(): Promise<string> } {
  const tmp = tempDir('peer-emmett');
  const store: SQLiteEventStore = getSQLiteEventStore({ fileName: tmp.file });
  let reader: ReturnType<typeof sqliteConnection> | undefined;
  const toEmmett = (e: NewEvent) => ({ type: e.type, data: e.data, metadata: { ...e.metadata, eventId: e.id } });
  return {
    async append(stream, events, before) {
      const mapped = events.map(toEmmett);
      for (let attempt = 1; ; attempt++) {
        try {
          await store.appendToStream(stream, mapped, { expectedStreamVersion: before < 0 ? 'STREAM_DOES_NOT_EXIST' : BigInt(before + 1) });
          return;
        } catch (error) {
          if (!isBusy(error) || attempt >= 10) throw error;
          emmettRetries.count++;
        }
      }
    },
    async readStream(stream) {
      return (await store.readStream(stream)).events.length;
    },
    async readLog() {
      reader ??= sqliteConnection({ fileName: tmp.file });
      let after = 0n;
      let n = 0;
      for (;;) {
        const batch = await readMessagesBatch(reader, { after, batchSize: PAGE });
        n += batch.messages.length;
        if (batch.messages.length < PAGE) return n;
        after = batch.currentGlobalPosition;
      }
    },
    async synchronous() {
      const connection = sqliteConnection({ fileName: tmp.file });
      try {
        const row = await connection.querySingle<{ synchronous: number }>('PRAGMA synchronous');
        const journal = await connection.querySingle<{ journal_mode: string }>('PRAGMA journal_mode');
        return `journal_mode=${journal?.journal_mode}, synchronous=${['OFF', 'NORMAL', 'FULL', 'EXTRA'][row?.synchronous ?? -1] ?? row?.synchronous}`;
      } finally {
        connection.close();
      }
    },
    async close() {
      reader?.close();
      tmp.cleanup();
    },
  };
}

/** Appends `count` appends of `per` events to `stream`, continuing from `state.revision`. */
async function appendBlock(side: Side, stream: string, state: { revision: number; n: number }, count: number, per: number): Promise<number> {
  const work = Array.from({ length: count }, () => Array.from({ length: per }, () => newEvent(0, state.n++)));
  const start = nowNs();
  for (const events of work) {
    await side.append(stream, events, state.revision);
    state.revision += events.length;
  }
  return secondsSince(start);
}

async function appendCase(per: number): Promise<{ concordat: number[]; emmett: number[]; ratios: number[] }> {
  const c = concordatSide();
  const e = emmettSide();
  const stream = `meeting-append-${per}`;
  const cs = { revision: -1, n: 0 };
  const es = { revision: -1, n: 0 };
  const out = { concordat: [] as number[], emmett: [] as number[], ratios: [] as number[] };
  try {
    await appendBlock(c, stream, cs, WARM_APPENDS * 4, per);
    await appendBlock(e, stream, es, WARM_APPENDS, per);
    for (let b = 0; b < BLOCKS; b++) {
      const runC = async () => (APPEND_BLOCK.concordat * per) / (await appendBlock(c, stream, cs, APPEND_BLOCK.concordat, per));
      const runE = async () => (APPEND_BLOCK.emmett * per) / (await appendBlock(e, stream, es, APPEND_BLOCK.emmett, per));
      let cRate: number;
      let eRate: number;
      if (b % 2 === 0) {
        cRate = await runC();
        eRate = await runE();
      } else {
        eRate = await runE();
        cRate = await runC();
      }
      out.concordat.push(cRate);
      out.emmett.push(eRate);
      out.ratios.push(cRate / eRate);
    }
  } finally {
    await c.close();
    await e.close();
  }
  log(`append ${per}/append: concordat ${fmt(median(out.concordat))} ev/s, emmett ${fmt(median(out.emmett))} ev/s`);
  return out;
}

/** Both stores filled with the same events (untimed), then reads alternate. */
async function readCases(): Promise<{ stream: ReturnType<typeof pairs>; log: ReturnType<typeof pairs>; durability: string }> {
  const c = concordatSide();
  const e = emmettSide();
  try {
    const fill = async (side: Side) => {
      const s = { revision: -1, n: 0 };
      for (let i = 0; i < STREAM_EVENTS; i += 100) await appendBlock(side, 'meeting-read', s, 1, 100);
      for (let k = 0; (k + 1) * 100 <= LOG_EVENTS - STREAM_EVENTS; k++) await appendBlock(side, `meeting-log-${k}`, { revision: -1, n: 0 }, 1, 100);
    };
    await fill(c);
    await fill(e);
    const durability = await e.synchronous();
    const stream = pairs();
    const logRead = pairs();
    const time = async (f: () => Promise<number>, expect: number) => {
      const start = nowNs();
      const n = await f();
      if (n !== expect) throw new Error(`read ${n} events, expected ${expect}`);
      return n / secondsSince(start);
    };
    for (let b = 0; b < 2 + BLOCKS / 2; b++) {
      const warm = b < 2;
      const order = b % 2 === 0 ? [c, e] : [e, c];
      const rates = new Map<Side, number>();
      for (const side of order) rates.set(side, await time(() => side.readStream('meeting-read'), STREAM_EVENTS));
      if (!warm) stream.add(rates.get(c)!, rates.get(e)!);
      rates.clear();
      for (const side of order) rates.set(side, await time(() => side.readLog(), LOG_EVENTS));
      if (!warm) logRead.add(rates.get(c)!, rates.get(e)!);
    }
    return { stream, log: logRead, durability };
  } finally {
    await c.close();
    await e.close();
  }
}

function pairs() {
  const p = { concordat: [] as number[], emmett: [] as number[], ratios: [] as number[], add: (cr: number, er: number) => {
    p.concordat.push(cr);
    p.emmett.push(er);
    p.ratios.push(cr / er);
  } };
  return p;
}

function figure(id: string, what: string, p: { concordat: number[]; emmett: number[]; ratios: number[] }, threshold?: number): Figure {
  return {
    id,
    figure: what,
    unit: 'ev/s',
    value: median(p.concordat),
    baseline: { what: "Emmett's SQLite store, ev/s", value: median(p.emmett) },
    ...ratioOf(p.ratios),
    ...(threshold === undefined ? {} : { target: { on: 'ratio' as const, comparator: '>=' as const, threshold } }),
  };
}

async function peer(): Promise<BenchResult> {
  const one = await appendCase(1);
  const ten = await appendCase(10);
  const reads = await readCases();
  const figures = [
    figure('peer.append.events-1', 'peer: append, 1 clerk, 1 event per append (Concordat vs Emmett)', one, TARGET_APPEND_RATIO),
    figure('peer.append.events-10', 'peer: append, 1 clerk, 10 events per append (Concordat vs Emmett)', ten),
    figure('peer.read.stream', `peer: read one stream of ${fmt(STREAM_EVENTS)} events`, reads.stream),
    figure('peer.read.global-log', `peer: read the global log of ${fmt(LOG_EVENTS)} events in pages of ${PAGE}`, reads.log),
  ];
  return {
    bench: 'peer',
    title: "Peer: EmbeddedEventStore vs Emmett's SQLite event store (0.38.5), same events",
    headers: ['case', 'Concordat ev/s', 'Emmett ev/s', 'ratio (median)', 'ratio IQR'],
    rows: figures.map((f) => [f.figure.replace('peer: ', ''), fmt(f.value), fmt(f.baseline!.value), fmt(f.ratio!, 2), `${fmt(f.spread!.q25, 2)}–${fmt(f.spread!.q75, 2)}`]),
    targets: [],
    figures,
    notes: [
      `Emmett's file as its driver leaves it: ${reads.durability}; Concordat: journal_mode=wal, synchronous=FULL.`,
      `${BLOCKS} alternating append blocks per case (${APPEND_BLOCK.concordat} Concordat appends vs ${APPEND_BLOCK.emmett} Emmett appends per block, after a warm-up); reads: ${BLOCKS / 2} alternating rounds after 2 untimed ones.`,
      "Emmett's store opens and closes a SQLite connection around every call on a file; that, not SQL, is most of its cost per append.",
      `Emmett appends retried after SQLITE_BUSY at COMMIT (its unawaited journal_mode pragma racing the commit): ${emmettRetries.count}.`,
    ],
  };
}

if (require.main === module) main(peer);
