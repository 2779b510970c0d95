/**
 * Shared helpers for the benchmarks: temp files, the event payload, a bare better-sqlite3
 * connection with the store's own schema and pragmas, statistics, tables, and the result
 * protocol between `run.ts` and each bench (a JSON file named by BENCH_RESULT_FILE).
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { EventMetadata, JsonObject, NewEvent } from '@concordat/shared-kernel';
import { EMBEDDED_SCHEMA } from '@concordat/event-store/embedded';

// ---------------------------------------------------------------- files

/** Children are started from here, so that `node --import tsx` finds tsx and the tsconfig paths. */
export const REPO_ROOT = join(__dirname, '..');

/** A fresh directory under os.tmpdir() (the same filesystem for store and bare runs). */
export function tempDir(label: string): { dir: string; file: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `concordat-bench-${label}-`));
  return { dir, file: join(dir, 'events.sqlite'), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

// ---------------------------------------------------------------- payload

/** Event data of a plausible ledger event; with its metadata about 500 bytes of JSON. */
export function eventData(clerk: number, i: number): JsonObject {
  return {
    meetingId: `meeting-${clerk}-${i}`,
    forumId: 'forum-4b1c9d2e-7a53-4f0e-9c61-2d8e5f3a0b17',
    title: 'Plenary session on the implementation of commitments',
    summary:
      'The delegates reviewed the implementation report, noted progress on three of the five pledges, and agreed to revisit the remaining items at the next session.',
    attendees: ['delegation-fr', 'delegation-de', 'delegation-br', 'delegation-jp', 'delegation-ke'],
    heldOn: '2024-11-18',
    sequence: i,
  };
}

export function eventMetadata(clerk: number): EventMetadata {
  return {
    recordedBy: `clerk-${clerk}`,
    correlationId: randomUUID(),
    schemaVersion: 1,
    effectiveOn: '2024-11-18',
  };
}

export function newEvent(clerk: number, i: number): NewEvent {
  return { id: randomUUID(), type: 'MeetingRecorded', data: eventData(clerk, i), metadata: eventMetadata(clerk) };
}

/** Size in bytes of an event's JSON (data + metadata), as stored. */
export function payloadBytes(event: NewEvent): number {
  return Buffer.byteLength(JSON.stringify(event.data)) + Buffer.byteLength(JSON.stringify(event.metadata));
}

// ---------------------------------------------------------------- bare better-sqlite3

/** A plain connection with exactly the store's durability settings and schema. */
export function openBare(file: string): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.exec(EMBEDDED_SCHEMA);
  return db;
}

export const BARE_INSERT = `INSERT INTO events (event_id, stream_id, revision, type, data, metadata, recorded_at)
  VALUES (?, ?, ?, ?, ?, ?, ?)`;

// ---------------------------------------------------------------- time, statistics, memory

export function nowNs(): bigint {
  return process.hrtime.bigint();
}

export function secondsSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Linear-interpolated quantile, q in [0, 1]. */
export function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
}

export function mb(bytes: number): number {
  return bytes / (1024 * 1024);
}

/** `global.gc`, exposing it if the process was started without --expose-gc. */
export function gcFunction(): () => void {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (existing) return existing;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

export function fmt(value: number, digits = 0): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Progress goes to stderr; stdout stays free for the table when a bench runs on its own. */
export function log(message: string): void {
  process.stderr.write(`  ${message}\n`);
}

// ---------------------------------------------------------------- results

export interface Target {
  /** Short identifier, e.g. `append.sequential.ratio`. */
  id: string;
  description: string;
  actual: number;
  comparator: '>=' | '<=' | '==';
  threshold: number;
  unit?: string;
  digits?: number;
  /** Set for targets that could not be measured here (e.g. strace missing): reported, not failed. */
  skipped?: string;
}

/**
 * One line of the suite's results table (and of bench/results/latest.json): a measured figure,
 * the baseline measured beside it in the same run, their ratio, and the target if the issue
 * sets one. A bench that gives no figures has its targets listed instead (see run.ts).
 */
export interface Figure {
  /** e.g. `append.clerks-8.events-10`. */
  id: string;
  /** What was measured, in words (`store append, 8 clerks, 10 events per append`). */
  figure: string;
  unit: string;
  value: number;
  /** The baseline measured in the same run (absent for absolute figures such as a latency bound). */
  baseline?: { what: string; value: number };
  /** Median of the block ratios (value/baseline, or baseline/value for costs), with its spread. */
  ratio?: number;
  spread?: { q25: number; q75: number; blocks: number };
  /** The target this figure is held to; `on` says whether the ratio or the value is compared. */
  target?: { on: 'ratio' | 'value'; comparator: '>=' | '<='; threshold: number };
  digits?: number;
}

export interface BenchResult {
  bench: string;
  title: string;
  headers: string[];
  rows: string[][];
  targets: Target[];
  notes: string[];
  figures?: Figure[];
}

/** `npm run bench -- --quick` (BENCH_QUICK=1): every size a tenth of the full run's. */
export const QUICK = process.env.BENCH_QUICK === '1';

/** The full-run size, or a tenth of it (at least `min`) in a quick run. */
export function sized(full: number, min = 1): number {
  return QUICK ? Math.max(min, Math.round(full / 10)) : full;
}

/** 100000 → `100k`, 1000000 → `1M`: sizes in figure ids. */
export const sizeLabel = (n: number) => (n >= 1e6 ? `${n / 1e6}M` : `${n / 1000}k`);

/** Node flags for the grandchildren a bench starts (run.ts passes `--cpu-prof` down this way). */
export function childNodeFlags(label: string): string[] {
  const dir = process.env.BENCH_CPU_PROF_DIR;
  return dir ? ['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-name', `${label}.${process.pid}.${Date.now()}.cpuprofile`] : [];
}

export function figurePasses(f: Figure): boolean | undefined {
  if (!f.target) return undefined;
  const actual = f.target.on === 'ratio' ? f.ratio : f.value;
  if (actual === undefined || Number.isNaN(actual)) return false;
  return f.target.comparator === '>=' ? actual >= f.target.threshold : actual <= f.target.threshold;
}

/** A figure's target as a Target, so that every bench's verdicts share one summary and exit code. */
export function targetOf(f: Figure): Target | undefined {
  if (!f.target) return undefined;
  return {
    id: f.id,
    description: f.figure,
    actual: (f.target.on === 'ratio' ? f.ratio : f.value) ?? Number.NaN,
    comparator: f.target.comparator,
    threshold: f.target.threshold,
    unit: f.target.on === 'value' ? f.unit : undefined,
    digits: f.target.on === 'ratio' ? 3 : (f.digits ?? 1),
  };
}

/** Median and quartiles of block ratios, as a figure's ratio and spread. */
export function ratioOf(ratios: number[]): { ratio: number; spread: { q25: number; q75: number; blocks: number } } {
  return { ratio: median(ratios), spread: { q25: quantile(ratios, 0.25), q75: quantile(ratios, 0.75), blocks: ratios.length } };
}

export function targetPasses(target: Target): boolean {
  if (target.skipped) return true;
  switch (target.comparator) {
    case '>=':
      return target.actual >= target.threshold;
    case '<=':
      return target.actual <= target.threshold;
    case '==':
      return target.actual === target.threshold;
  }
}

/** A bench's own targets plus those of its figures. */
export function allTargets(result: BenchResult): Target[] {
  const fromFigures = (result.figures ?? []).map(targetOf).filter((t): t is Target => t !== undefined);
  const own = new Set(result.targets.map((t) => t.id));
  return [...result.targets, ...fromFigures.filter((t) => !own.has(t.id))];
}

export function formatTable(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function formatTarget(target: Target): string {
  const digits = target.digits ?? 2;
  const unit = target.unit ? ` ${target.unit}` : '';
  const verdict = target.skipped ? 'SKIP' : targetPasses(target) ? 'PASS' : 'FAIL';
  const detail = target.skipped
    ? `(${target.skipped})`
    : `${fmt(target.actual, digits)}${unit} ${target.comparator} ${fmt(target.threshold, digits)}${unit}`;
  return `${verdict}  ${target.id.padEnd(36)} ${detail}  — ${target.description}`;
}

export function printResult(result: BenchResult): void {
  const out: string[] = [`\n== ${result.title} ==`, formatTable(result.headers, result.rows)];
  for (const note of result.notes) out.push(`  note: ${note}`);
  out.push('');
  for (const target of allTargets(result)) out.push(formatTarget(target));
  process.stdout.write(`${out.join('\n')}\n`);
}

/**
 * Entry point of a bench file: when started by run.ts the result goes to BENCH_RESULT_FILE;
 * when started on its own it is printed and the exit code tells whether its targets passed.
 */
export function main(bench: () => Promise<BenchResult>): void {
  bench().then(
    (result) => {
      const resultFile = process.env.BENCH_RESULT_FILE;
      if (resultFile) writeFileSync(resultFile, JSON.stringify(result));
      else printResult(result);
      process.exitCode = allTargets(result).every(targetPasses) ? 0 : 1;
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
