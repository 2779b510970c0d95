/**
 * Starting the app server (bench/http/app-server.ts) in its own process, talking to it over
 * loopback, and load from this process with autocannon, bounded in time.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { REPO_ROOT, tempDir } from '../support';
import type { FromServer, ToServer } from './app-server';

/** The baseline endpoint app-server.ts adds (GET, returns a constant). */
export const BARE_PATH = '/bench/bare';

/** One API key per clerk, so that each simulated clerk is its own principal. */
export const CLERKS = 20;
/** At least 32 characters, as the app requires of a configured token. */
export const ADMIN_TOKEN = 'bench-admin-token-'.padEnd(40, 'x');
export const clerkToken = (n: number) => `bench-clerk-${n}-token-`.padEnd(40, 'x');
const API_KEYS = [
  ...Array.from({ length: CLERKS }, (_, n) => `bench-clerk-${n}:clerk:${clerkToken(n)}`),
  `bench-admin:admin+auditor+clerk:${ADMIN_TOKEN}`,
].join(',');

export interface AppServer {
  url: string;
  /** Event-loop delay seen by the server since the last reset (ms). */
  eld(): Promise<{ maxMs: number; p99Ms: number; meanMs: number; count: number }>;
  resetEld(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The real app on a fresh data directory. Settings both sides of every comparison share: the
 * production log level (info, JSON lines to a discarded stdout), checkpoints at the defaults,
 * and a rate limit high enough that the throttler counts but never refuses.
 */
export async function startAppServer(label: string, env: Record<string, string> = {}): Promise<AppServer> {
  const data = tempDir(`http-${label}`);
  // ts-node, not tsx: Nest's injection needs the decorator metadata esbuild does not emit.
  // With --cpu-prof the server profiles itself from the moment it listens (see app-server.ts).
  const flags = ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register'];
  const child: ChildProcess = spawn(process.execPath, [...flags, join(__dirname, 'app-server.ts')], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    env: {
      ...process.env,
      DATA_DIR: data.dir,
      API_KEYS,
      LOG_LEVEL: 'info',
      SEED_ON_EMPTY: 'false',
      RATE_LIMIT_PER_MINUTE: '100000000',
      BENCH_SERVER_LABEL: label,
      ...env,
    },
  });
  const next = <T extends FromServer['type']>(type: T) =>
    new Promise<Extract<FromServer, { type: T }>>((resolve, reject) => {
      const onMessage = (m: FromServer) => {
        if (m.type !== type) return;
        child.off('exit', onExit);
        child.off('message', onMessage);
        resolve(m as Extract<FromServer, { type: T }>);
      };
      const onExit = (code: number | null) => reject(new Error(`app server exited (${code}) before "${type}"`));
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  const send = (m: ToServer) => child.send(m);
  const { port } = await next('ready');
  return {
    url: `http://127.0.0.1:${port}`,
    async eld() {
      const reply = next('eld');
      send({ type: 'eld-read' });
      const { maxMs, p99Ms, meanMs, count } = await reply;
      return { maxMs, p99Ms, meanMs, count };
    },
    async resetEld() {
      const reply = next('eld');
      send({ type: 'eld-reset' });
      await reply;
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = once(child, 'exit');
        send({ type: 'stop' });
        await exited;
      }
      data.cleanup();
    },
  };
}

/** Every numeric `lag` in /health (the projections' events behind the log). */
function lags(value: unknown): number[] {
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, v]) => (key === 'lag' && typeof v === 'number' ? [v] : lags(v)));
}

/**
 * Waits until the app's projections have caught up with the log (bounded), so that one block's
 * background work does not run into the next block; returns the seconds it took.
 */
export async function settle(url: string, boundSeconds = 60): Promise<number> {
  const start = Date.now();
  while (Date.now() - start < boundSeconds * 1000) {
    const health = await call(url, 'GET', '/health');
    const behind = lags(health.body);
    if (behind.length > 0 && behind.every((lag) => lag === 0)) return (Date.now() - start) / 1000;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the projections did not catch up within ${boundSeconds} s`);
}

/**
 * Waits until the app is quiet: projections caught up and the log's head unchanged for `stillMs`
 * (a checkpoint is signed within a second of the last entry, and a fresh store's first start
 * signs the checkpoints of the whole history), so that no background work of the start or of
 * the previous block runs into the next measurement. Bounded; returns the seconds it took.
 */
export async function quiesce(url: string, stillMs = 1500, boundSeconds = 180): Promise<number> {
  const start = Date.now();
  let head: unknown;
  let since = Date.now();
  while (Date.now() - start < boundSeconds * 1000) {
    const health = (await call(url, 'GET', '/health')).body as { info?: { eventStore?: { headPosition?: string } } };
    const now = health.info?.eventStore?.headPosition;
    const behind = lags(health);
    if (now !== head || behind.length === 0 || !behind.every((lag) => lag === 0)) {
      head = now;
      since = Date.now();
    } else if (Date.now() - since >= stillMs) {
      return (Date.now() - start) / 1000;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the app did not settle within ${boundSeconds} s`);
}

export interface JsonReply {
  status: number;
  body: unknown;
  headers: Headers;
}

/** One request for setting up (not timed). */
export async function call(url: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<JsonReply> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    signal: AbortSignal.timeout(60_000),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

export async function callOk(url: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<JsonReply> {
  const reply = await call(url, method, path, body, headers);
  if (reply.status >= 300) throw new Error(`${method} ${path}: ${reply.status} ${JSON.stringify(reply.body).slice(0, 500)}`);
  return reply;
}

export interface LoadResult {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  statuses: Record<string, number>;
}

/** `connections` clients on loopback for `seconds`, each request built by `requests` (autocannon's). */
export async function load(url: string, seconds: number, connections: number, requests: autocannon.Request[]): Promise<LoadResult> {
  const result = await autocannon({ url, connections, pipelining: 1, duration: seconds, requests, timeout: 30 });
  const statuses = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, s]) => [code, Number((s as { count: number | string }).count)]));
  const requestsDone = Object.values(statuses).reduce((a, b) => a + b, 0);
  return {
    requests: requestsDone,
    rps: requestsDone / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    statuses,
  };
}
