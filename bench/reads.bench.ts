/**
 * The read side at growing history lengths: a synthetic history (fixed seed, `reads-history.ts`)
 * of 10k and 100k events (1k and 10k with --quick; `BENCH_READ_SIZES=10000,100000,1000000` for
 * more) is appended through the real store and rebuilt into fresh read models, then every
 * report, the board and the meetings list (a page of 20), and pledge and meeting detail are asked
 * live, as of a date, and as of a date as known at an instant: p50/p95 in-process. Beside them:
 * the rebuild rate against a bare read-and-JSON.parse of the same rows, the file size per event,
 * and the peak RSS of rebuilding and of answering (each in its own process). Targets are printed
 * beside the figures.
 *
 * Run on its own: `npx tsx bench/reads.bench.ts` (or `npm run bench -- reads`).
 */
import Database from 'better-sqlite3';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EmbeddedEventStore } from '@concordat/event-store';
import { REPORT_NAMES, ReadModelDb, SqliteSource, answerReport, meetingDetail, pledgeDetail } from '@concordat/read-models';
import { childStep, runStep, type StepResult } from './child-run';
import { bareReadAndParse, timedRebuild } from './rebuild-steps';
import { type BenchResult, type Target, QUICK, fmt, log, main, nowNs, quantile, secondsSince, tempDir } from './support';
import { appendHistory, prng, type Marks } from './reads-history';
import { measureHttp, type HttpResult } from './reads-http';

const SIZES = (process.env.BENCH_READ_SIZES ?? (QUICK ? '1000,10000' : '10000,100000')).split(',').map(Number);
/** Each question is asked until this much time or this many times, whichever first. */
const BUDGET_MS = Number(process.env.BENCH_READ_BUDGET_MS ?? (QUICK ? 100 : 400));
const MAX_RUNS = 200;

type Variant = { label: string; asOf: string; knownAt?: (marks: { firstRecordedAt: string; lastRecordedAt: string }) => string };
const VARIANTS: Variant[] = [
  { label: 'now', asOf: '2025-06-01' },
  { label: 'asOf', asOf: '2016-12-31' },
  { label: 'asOf+knownAt', asOf: '2016-12-31', knownAt: (m) => new Date((Date.parse(m.firstRecordedAt) + Date.parse(m.lastRecordedAt)) / 2).toISOString() },
];

function time(run: () => unknown): { p50: number; p95: number } {
  const samples: number[] = [];
  const until = Date.now() + BUDGET_MS;
  while (samples.length < 3 || (samples.length < MAX_RUNS && Date.now() < until)) {
    const start = nowNs();
    run();
    samples.push(Number(nowNs() - start) / 1e6);
  }
  return { p50: quantile(samples, 0.5), p95: quantile(samples, 0.95) };
}

type Figures = Record<string, { p50: number; p95: number }>;
type Size = { events: number; build: StepResult; bare: StepResult; answerRssMb: number; bytes: number; figures: Figures; http?: HttpResult };

/** HTTP at 50 connections, for the largest size only (seconds per run: BENCH_READ_HTTP_SECONDS). */
const HTTP_SECONDS = Number(process.env.BENCH_READ_HTTP_SECONDS ?? (QUICK ? 1 : 2));
const HTTP_ROUNDS = QUICK ? 1 : 2;

/**
 * Each step in a fresh process, so that its peak RSS is its own (the generator's memory is not
 * the ledger's): the bare read-and-parse, the rebuild (`rebuildOffline`, what `npm run rebuild`
 * runs), and the answers.
 */
const steps = {
  'read-and-parse': ([events]: string[]) => bareReadAndParse(events),
  rebuild: ([events, readModels]: string[]) => timedRebuild(events, readModels),
  /** Every question at every variant; the figures go back as JSON in `detail`. */
  async answer([readModels, marksFile]: string[]) {
    const marks = JSON.parse(readFileSync(marksFile, 'utf8')) as Marks;
    const rm = ReadModelDb.open(readModels);
    const rnd = prng(7);
    const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)];
    const figures: Figures = {};
    const start = nowNs();
    for (const v of VARIANTS) {
      const knownAt = v.knownAt?.(marks);
      const source = () => new SqliteSource(rm, v.asOf, knownAt);
      for (const name of REPORT_NAMES) figures[`${name} (page of 20) ${v.label}`] = time(() => answerReport(source(), name, {}, { limit: 20 }));
      figures[`pledges ?status=in_progress&theme ${v.label}`] = time(() => answerReport(source(), 'pledges', { status: ['in_progress'], theme: 'fentanyl' }, { limit: 20 }));
      figures[`pledge detail ${v.label}`] = time(() => pledgeDetail(source(), pick(marks.pledges)));
      figures[`meeting detail ${v.label}`] = time(() => meetingDetail(source(), pick(marks.meetings)));
    }
    rm.close();
    return { seconds: secondsSince(start), count: Object.keys(figures).length, detail: JSON.stringify(figures) };
  },
};

/** The first and last recorded instants of the log: the knownAt variant asks half-way between. */
function recordedSpan(events: string): { firstRecordedAt: string; lastRecordedAt: string } {
  const db = new Database(events, { readonly: true });
  try {
    const [first, last] = ['ASC', 'DESC'].map((dir) => (db.prepare(`SELECT recorded_at AS at FROM events ORDER BY position ${dir} LIMIT 1`).get() as { at: string }).at);
    return { firstRecordedAt: first, lastRecordedAt: last };
  } finally {
    db.close();
  }
}

async function measure(events: number, http: boolean): Promise<Size> {
  const tmp = tempDir(`reads-${events}`);
  const eventsFile = join(tmp.dir, 'events.sqlite');
  const file = join(tmp.dir, 'read-models.sqlite');
  const marksFile = join(tmp.dir, 'marks.json');
  try {
    const store = new EmbeddedEventStore({ file: eventsFile });
    const marks = await appendHistory(store, events, tmp.dir);
    await store.close();
    writeFileSync(marksFile, JSON.stringify({ ...marks, ...recordedSpan(eventsFile) }));
    runStep(__filename, 'read-and-parse', [eventsFile]); // untimed: page cache and the file's first read
    const build = runStep(__filename, 'rebuild', [eventsFile, file]);
    const bare = runStep(__filename, 'read-and-parse', [eventsFile]);
    const bytes = statSync(file).size;
    const answered = runStep(__filename, 'answer', [file, marksFile]);
    log(`  ${events} events: rebuilt at ${fmt(build.count / build.seconds)} ev/s (${fmt(build.maxRssMb)} MB), answered (${fmt(answered.maxRssMb)} MB)`);
    const httpFigures = http ? await measureHttp(tmp.dir, ['/v1/pledges?limit=20', '/v1/meetings?limit=20', `/v1/pledges/${marks.pledges[7]}`, `/v1/meetings/${marks.meetings[3]}`], HTTP_SECONDS, HTTP_ROUNDS) : undefined;
    return { events: build.count, build, bare, answerRssMb: answered.maxRssMb, bytes, figures: JSON.parse(answered.detail!) as Figures, http: httpFigures };
  } finally {
    tmp.cleanup();
  }
}

async function readsBench(): Promise<BenchResult> {
  const started = nowNs();
  const sizes: Size[] = [];
  for (const [i, n] of SIZES.entries()) {
    log(`reads: building ${n} events…`);
    sizes.push(await measure(n, i === SIZES.length - 1));
  }
  const [small, large] = [sizes[0], sizes[sizes.length - 1]];
  const headers = ['question', ...sizes.flatMap((s) => [`p50 ms @${s.events}`, `p95 ms @${s.events}`]), 'p95 ratio'];
  const questions = Object.keys(small.figures);
  const growth = (k: string) => large.figures[k].p95 / Math.max(small.figures[k].p95, 0.001);
  const rows = questions.map((k) => [k, ...sizes.flatMap((s) => [fmt(s.figures[k].p50, 2), fmt(s.figures[k].p95, 2)]), fmt(growth(k), 1)]);
  for (const s of sizes) {
    rows.push([
      `rebuild @${s.events}: events/s (bare read-and-parse ${fmt(s.bare.count / s.bare.seconds)} /s); peak RSS rebuilding / answering`,
      fmt(s.build.count / s.build.seconds),
      `${fmt(s.build.maxRssMb)} / ${fmt(s.answerRssMb)} MB`,
      ...sizes.slice(1).flatMap(() => ['', '']),
      '',
    ]);
  }
  const http = large.http!;
  rows.push([`HTTP @${large.events}, 50 connections: bare Nest endpoint`, `${fmt(http.bare.rps)} req/s`, `p99 ${fmt(http.bare.p99, 1)} ms`, ...sizes.slice(1).flatMap(() => ['', '']), '']);
  const pad = sizes.slice(1).flatMap(() => ['', '']);
  for (const f of http.figures) {
    rows.push([`HTTP ${f.path}`, `${fmt(f.quiet.rps)} req/s (${fmt((100 * f.quiet.rps) / http.bare.rps)}%)`, `p99 ${fmt(f.quiet.p99, 1)} ms (${fmt(f.quiet.p99 / Math.max(http.bare.p99, 0.001), 1)}×)`, ...pad, '']);
    rows.push([`HTTP ${f.path}, a clerk recording 10 minutes/s`, `${fmt(f.busy.rps)} req/s`, `p99 ${fmt(f.busy.p99, 1)} ms (${fmt(f.busy.p99 / Math.max(f.quiet.p99, 0.001), 1)}× quiet)`, ...pad, '']);
  }
  rows.push([`minutes recorded during the busy runs (refused or failed)`, `${http.writes.ok} (${http.writes.failed})`, '', ...pad, '']);
  const worstRatio = Math.max(...questions.map(growth));
  const detailRatio = Math.max(...questions.filter((k) => k.includes('detail')).map(growth));
  const rate = (r: StepResult) => r.count / r.seconds;
  const targets: Target[] = [
    { id: 'reads.p95.growth.details', description: `pledge and meeting detail: p95 at ${large.events} ≤ 2× p95 at ${small.events}`, actual: detailRatio, comparator: '<=', threshold: 2, unit: '×', digits: 1 },
    { id: 'reads.p95.growth.all', description: `every report and list: p95 at ${large.events} ≤ 2× p95 at ${small.events} (issue 9 asks it at 1M)`, actual: worstRatio, comparator: '<=', threshold: 2, unit: '×', digits: 1 },
    { id: 'reads.http.rps-vs-bare', description: 'paged lists of 20 and details: requests/s ≥ 60% of the bare endpoint\'s', actual: Math.min(...http.figures.map((f) => f.quiet.rps / http.bare.rps)), comparator: '>=', threshold: 0.6, digits: 2 },
    { id: 'reads.http.p99-vs-bare', description: 'paged lists of 20 and details: p99 ≤ 1.5× the bare endpoint\'s', actual: Math.max(...http.figures.map((f) => f.quiet.p99 / Math.max(http.bare.p99, 0.001))), comparator: '<=', threshold: 1.5, unit: '×', digits: 1 },
    { id: 'reads.http.p99-while-writing', description: 'the same reads while a clerk records 10 minutes/s: p99 ≤ 2× the quiet p99', actual: Math.max(...http.figures.map((f) => f.busy.p99 / Math.max(f.quiet.p99, 0.001))), comparator: '<=', threshold: 2, unit: '×', digits: 1 },
    { id: 'reads.http.writes-failed', description: 'minutes refused or failed during the busy runs', actual: http.writes.failed, comparator: '<=', threshold: 0, digits: 0 },
    { id: 'reads.file.bytes-per-event', description: `read-model file per event at ${large.events}`, actual: large.bytes / large.events, comparator: '<=', threshold: 1024, unit: 'B', digits: 0 },
    { id: 'reads.build.vs-bare', description: 'rebuild rate ≥ 50% of a bare read-and-JSON.parse of the same rows', actual: rate(large.build) / rate(large.bare), comparator: '>=', threshold: 0.5, digits: 3 },
    { id: 'reads.peak-rss', description: `peak RSS rebuilding, or answering every question, at ${large.events} (each in its own process)`, actual: Math.max(large.build.maxRssMb, large.answerRssMb), comparator: '<=', threshold: 300, unit: 'MB', digits: 0 },
  ];
  return {
    bench: 'reads',
    title: `Read models: every report and detail, live / asOf / asOf+knownAt, in-process (${SIZES.join(', ')} events, ${secondsSince(started).toFixed(0)} s)`,
    headers,
    rows,
    targets,
    notes: [
      'History: fixed seed; 12 forums; meetings with 3-10 priorities and pledges; status changes (many effective years before they are recorded), entry corrections; dates as days, months, years and EDTF intervals.',
      'The history is appended through the real embedded store; the read models are rebuilt from its log by rebuildOffline (what `npm run rebuild` runs), and the questions are asked, each in a fresh process whose peak RSS is its own (node + tsx is ~60 MB before any work); the baseline reads the same rows with a bare loop and parses data and metadata. Priorities read the tallies kept ready per scope (system-versioned, so also as known at an instant); inherited commitments, forum activity and the board\'s status filter read their own ready tables. HTTP (largest size only): the real service in its own process on that data directory, autocannon at 50 connections from the bench process, each path alternating with a bare endpoint of the same app, BENCH_READ_HTTP_SECONDS (2; 1 quick) s per run, two rounds (one quick); then each path again while a clerk records 10 minutes (3 pledges each) per second.',
      'Set BENCH_READ_SIZES=10000,100000,1000000 for the 1M run; it takes minutes to generate and build on 2 cores.',
    ],
  };
}

if (!childStep(steps) && require.main === module) main(readsBench);
