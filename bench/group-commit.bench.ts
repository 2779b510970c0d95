/**
 * Group commit: concurrent appends are committed together, so many clerks cost one fsync, and no
 * append is acknowledged before its commit. Everything is observed from outside the library,
 * nothing in it is patched:
 *
 * - commits: the store reads its injectable clock once per transaction (the batch's recorded-at),
 *   so a counting clock counts transactions;
 * - fsyncs: when `strace` is available, each clerk count is replayed in a child process under
 *   `strace -f -c -e trace=fsync,fdatasync`, minus a child that only opens and closes the store;
 * - acknowledgement: as each append promise resolves, a second, read-only connection on the same
 *   file must already see the event at the acknowledged position. SQLite makes WAL frames visible
 *   to other connections only after they are written and (synchronous=FULL) fsynced, so a visible
 *   row is a durable one. A control on a bare connection shows that the observer does not see
 *   uncommitted rows.
 * - wall time of 64 sequential appends against 64 concurrent ones (informative).
 *
 * Run on its own: `npx tsx bench/group-commit.bench.ts`
 */
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EmbeddedEventStore } from '@concordat/event-store/embedded';
import {
  BARE_INSERT,
  type BenchResult,
  REPO_ROOT,
  type Target,
  fmt,
  log,
  main,
  median,
  newEvent,
  nowNs,
  openBare,
  secondsSince,
  tempDir,
  QUICK,
} from './support';

const CLERKS = [1, 8, 64];
/** Appends per clerk count (divisible by every entry of CLERKS). */
const TOTAL_APPENDS = QUICK ? 960 : 1920;
/** Batching must be at least this close to the ideal of one commit per `clerks` appends. */
const BATCHING_SLACK = 1.5;
const WALL_REPS = QUICK ? 5 : 15;

interface Counted {
  commits: number;
  appends: number;
  /** Appends whose promise resolved before a second connection could see the event. */
  earlyAcks: number;
}

/** `clerks` concurrent clerks, each awaiting its own single-event appends to its own stream. */
async function runClerks(
  store: EmbeddedEventStore,
  clerks: number,
  total: number,
  onAck?: (stream: string, eventId: string, position: bigint) => void,
): Promise<void> {
  const rounds = total / clerks;
  await Promise.all(
    Array.from({ length: clerks }, async (_, c) => {
      const stream = `meeting-${clerks}-${c}`;
      for (let r = 0; r < rounds; r++) {
        const event = newEvent(c, r);
        const result = await store.append(stream, [event], { expectedRevision: r === 0 ? 'no_stream' : r - 1 });
        onAck?.(stream, event.id, result.position);
      }
    }),
  );
}

function countingStore(file: string): { store: EmbeddedEventStore; commits: () => number } {
  let commits = 0;
  const store = new EmbeddedEventStore({
    file,
    clock: () => {
      commits++;
      return new Date();
    },
  });
  return { store, commits: () => commits };
}

async function countCommits(clerks: number): Promise<Counted> {
  const tmp = tempDir(`gc${clerks}`);
  const { store, commits } = countingStore(tmp.file);
  const observer = new Database(tmp.file, { readonly: true, fileMustExist: true });
  const visible = observer.prepare<[string, string], { position: number }>(
    'SELECT position FROM events WHERE stream_id = ? AND event_id = ?',
  );
  let earlyAcks = 0;
  try {
    await runClerks(store, clerks, TOTAL_APPENDS, (stream, eventId, position) => {
      const row = visible.get(stream, eventId);
      if (!row || BigInt(row.position) !== position) earlyAcks++;
    });
    return { commits: commits(), appends: TOTAL_APPENDS, earlyAcks };
  } finally {
    observer.close();
    await store.close();
    tmp.cleanup();
  }
}

/** The observer must not see a row that is written but not committed (else the check proves nothing). */
function observerControl(): boolean {
  const tmp = tempDir('control');
  const writer = openBare(tmp.file);
  const observer = new Database(tmp.file, { readonly: true, fileMustExist: true });
  try {
    const e = newEvent(0, 0);
    const count = () => (observer.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n;
    writer.exec('BEGIN IMMEDIATE');
    writer.prepare(BARE_INSERT).run(e.id, 'control', 0, e.type, JSON.stringify(e.data), JSON.stringify(e.metadata), 'now');
    const seenBeforeCommit = count() > 0;
    writer.exec('COMMIT');
    const seenAfterCommit = count() > 0;
    return !seenBeforeCommit && seenAfterCommit;
  } finally {
    observer.close();
    writer.close();
    tmp.cleanup();
  }
}

// ---------------------------------------------------------------- fsyncs, via strace in a child

interface FsyncCount {
  fsyncs: number;
  commits: number;
}

/** Child mode: `--fsync-worker <clerks> <appends> <resultFile>`. */
async function fsyncWorker(clerks: number, appends: number, resultFile: string): Promise<void> {
  const tmp = tempDir(`fsync${clerks}`);
  const { store, commits } = countingStore(tmp.file);
  if (appends > 0) await runClerks(store, clerks, appends);
  await store.close();
  tmp.cleanup();
  writeFileSync(resultFile, JSON.stringify({ commits: commits() }));
}

function hasStrace(): boolean {
  return spawnSync('strace', ['-V'], { stdio: 'ignore' }).status === 0;
}

function straceChild(clerks: number, appends: number): FsyncCount {
  const tmp = tempDir('strace');
  try {
    const summary = join(tmp.dir, 'strace.txt');
    const result = join(tmp.dir, 'result.json');
    const child = spawnSync(
      'strace',
      ['-f', '-c', '-e', 'trace=fsync,fdatasync', '-o', summary, process.execPath, '--import', 'tsx', __filename, '--fsync-worker', `${clerks}`, `${appends}`, result],
      { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, BENCH_RESULT_FILE: '' } },
    );
    if (child.status !== 0) throw new Error(`strace child exited with ${child.status}`);
    let fsyncs = 0;
    for (const line of readFileSync(summary, 'utf8').split('\n')) {
      const cols = line.trim().split(/\s+/);
      const syscall = cols[cols.length - 1];
      if (syscall === 'fsync' || syscall === 'fdatasync') fsyncs += Number(cols[3]);
    }
    return { fsyncs, commits: (JSON.parse(readFileSync(result, 'utf8')) as { commits: number }).commits };
  } finally {
    tmp.cleanup();
  }
}

// ---------------------------------------------------------------- wall time

async function wallTimes(): Promise<{ sequentialMs: number; concurrentMs: number }> {
  const tmp = tempDir('wall');
  const store = new EmbeddedEventStore({ file: tmp.file });
  const sequential: number[] = [];
  const concurrent: number[] = [];
  let n = 0;
  const one = (stream: string) => store.append(stream, [newEvent(0, n++)], { expectedRevision: 'no_stream' });
  try {
    for (let rep = -2; rep < WALL_REPS; rep++) {
      const events = 64;
      let start = nowNs();
      for (let i = 0; i < events; i++) await one(`seq-${rep}-${i}`);
      const s = secondsSince(start) * 1000;
      start = nowNs();
      await Promise.all(Array.from({ length: events }, (_, i) => one(`con-${rep}-${i}`)));
      const c = secondsSince(start) * 1000;
      if (rep >= 0) {
        sequential.push(s);
        concurrent.push(c);
      }
    }
    return { sequentialMs: median(sequential), concurrentMs: median(concurrent) };
  } finally {
    await store.close();
    tmp.cleanup();
  }
}

// ---------------------------------------------------------------- the bench

export async function groupCommit(): Promise<BenchResult> {
  const control = observerControl();
  const counted = new Map<number, Counted>();
  for (const clerks of CLERKS) {
    counted.set(clerks, await countCommits(clerks));
    log(`clerks=${clerks}: ${counted.get(clerks)!.commits} commits for ${TOTAL_APPENDS} appends`);
  }

  const strace = hasStrace();
  const fsyncs = new Map<number, FsyncCount>();
  if (strace) {
    const baseline = straceChild(1, 0);
    for (const clerks of CLERKS) {
      const run = straceChild(clerks, TOTAL_APPENDS);
      fsyncs.set(clerks, { fsyncs: run.fsyncs - baseline.fsyncs, commits: run.commits });
      log(`clerks=${clerks}: ${run.fsyncs - baseline.fsyncs} fsyncs (strace, baseline ${baseline.fsyncs} subtracted)`);
    }
  }

  const wall = await wallTimes();
  const per1000 = (n: number) => (n / TOTAL_APPENDS) * 1000;

  const rows = CLERKS.map((clerks) => {
    const c = counted.get(clerks)!;
    const f = fsyncs.get(clerks);
    return [
      `${clerks}`,
      fmt(TOTAL_APPENDS),
      fmt(per1000(c.commits), 1),
      fmt(1000 / clerks, 1),
      fmt(TOTAL_APPENDS / c.commits, 1),
      f ? fmt(per1000(f.fsyncs), 1) : 'n/a',
      f ? fmt(f.fsyncs / f.commits, 2) : 'n/a',
      `${c.earlyAcks}`,
    ];
  });

  const earlyAcks = [...counted.values()].reduce((sum, c) => sum + c.earlyAcks, 0);
  const targets: Target[] = [
    {
      id: 'group-commit.observer-control',
      description: 'a second connection does not see uncommitted rows (1 = holds), so the ack check below means something',
      actual: control ? 1 : 0,
      comparator: '==',
      threshold: 1,
      digits: 0,
    },
    {
      id: 'group-commit.acks-before-commit',
      description: `appends acknowledged before a second connection could see them (all ${CLERKS.join('/')} clerk runs)`,
      actual: earlyAcks,
      comparator: '==',
      threshold: 0,
      digits: 0,
    },
  ];
  for (const clerks of CLERKS.filter((c) => c > 1)) {
    targets.push({
      id: `group-commit.clerks-${clerks}.commits`,
      description: `commits per 1000 appends with ${clerks} concurrent clerks (ideal ${fmt(1000 / clerks, 1)})`,
      actual: per1000(counted.get(clerks)!.commits),
      comparator: '<=',
      threshold: (1000 / clerks) * BATCHING_SLACK,
      digits: 1,
    });
  }
  const top = CLERKS[CLERKS.length - 1];
  const topFsync = fsyncs.get(top);
  targets.push({
    id: `group-commit.clerks-${top}.fsyncs`,
    description: `fsyncs per 1000 appends with ${top} concurrent clerks, counted by strace (checkpoints included)`,
    actual: topFsync ? per1000(topFsync.fsyncs) : 0,
    comparator: '<=',
    threshold: (1000 / top) * BATCHING_SLACK,
    digits: 1,
    skipped: topFsync ? undefined : 'strace not available',
  });

  return {
    bench: 'group-commit',
    title: 'Group commit: commits and fsyncs per 1000 appends, acknowledgement after commit',
    headers: ['clerks', 'appends', 'commits/1000', 'ideal', 'appends/commit', 'fsyncs/1000', 'fsyncs/commit', 'early acks'],
    rows,
    targets,
    notes: [
      `64 single-event appends: ${fmt(wall.sequentialMs, 2)} ms awaited one by one, ${fmt(wall.concurrentMs, 2)} ms concurrently (×${fmt(wall.sequentialMs / wall.concurrentMs, 1)}; median of ${WALL_REPS}).`,
      'commits counted through the store clock (read once per transaction); fsyncs by strace in a child process, minus an open/close-only child.',
      strace ? 'fsyncs/commit above 1 is WAL checkpointing (SQLite syncs WAL and database file when it checkpoints).' : 'strace not found: fsync counts skipped.',
    ],
  };
}

if (require.main === module) {
  const args = process.argv.slice(2);
  if (args[0] === '--fsync-worker') {
    fsyncWorker(Number(args[1]), Number(args[2]), args[3]).catch((error: unknown) => {
      process.stderr.write(`${String(error)}\n`);
      process.exitCode = 2;
    });
  } else {
    main(groupCommit);
  }
}
