/**
 * The HTTP half of the read benchmark: the real service (bench/http/app-server.ts: main.ts's app
 * plus a bare endpoint answering a constant) started in its own process on a data directory that
 * already holds the synthetic ledger and its read models, load from this process with autocannon
 * at 50 connections, each path alternating with the bare endpoint. Then the same reads while a
 * clerk records 10 minutes a second, beside the quiet figure of the same round. Each path is
 * measured twice: as given (the same question each time, so the service answers from the JSON it
 * kept for that read-model position) and as of another day each request (every answer computed).
 */
import autocannon from 'autocannon';
import { ADMIN_TOKEN, BARE_PATH, callOk, clerkToken, quiesce, startAppServer } from './http/harness';
import { SOURCE } from './http/ledger-requests';
import { log } from './support';

export type Load = { rps: number; p99: number };
export type HttpFigure = { path: string; quiet: Load; busy: Load };
export type HttpResult = { bare: Load; figures: HttpFigure[]; writes: { ok: number; failed: number } };

/** In a path, replaced by another day on each request: a question never asked before, so no answer is reused. */
export const ANOTHER_DAY = '{another-day}';
/** Days after every fact of the synthetic history (its dates end in 2024), so each answer holds the same rows as today's. */
const FIRST_DAY = Date.UTC(2026, 0, 1);
const DAYS = 3650;

async function load(url: string, seconds: number, headers: Record<string, string> = {}): Promise<Load> {
  const { origin, pathname, search } = new URL(url.replace(ANOTHER_DAY, '2026-01-01'));
  const path = decodeURI(`${pathname}${search}`).replace('2026-01-01', ANOTHER_DAY);
  let n = 0;
  // A fixed walk through the days (a stride prime to DAYS), the same in every run.
  const day = () => new Date(FIRST_DAY + ((n++ * 7919) % DAYS) * 86_400_000).toISOString().slice(0, 10);
  const requests = url.includes(ANOTHER_DAY) ? [{ method: 'GET' as const, setupRequest: (req: autocannon.Request) => ({ ...req, path: path.replace(ANOTHER_DAY, day()) }) }] : undefined;
  const result = await autocannon({ url: requests ? origin : url, connections: 50, duration: seconds, headers, requests });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors under load`);
  return { rps: result.requests.average, p99: result.latency.p99 };
}

/**
 * Each path as given (the same question every request: answered from the answer kept for its
 * position, see read-side/http/answer-cache.ts), and asked as of another day each request (every
 * answer computed).
 */
export function withUncached(paths: string[]): string[] {
  return paths.flatMap((p) => [p, `${p}${p.includes('?') ? '&' : '?'}asOf=${ANOTHER_DAY}`]);
}

const LIVE_FORUM = 'bench-live-forum';

/** Minutes a clerk records while the reads run: a forum of their own, so no sequence collides with the history. */
function minutes(n: number): string {
  return JSON.stringify({
    forum: LIVE_FORUM,
    title: `Live sitting ${n}`,
    sequence: n,
    heldOn: { date: '2024-06-01' },
    hostCountry: 'US',
    priorities: [{ theme: 'fentanyl', statement: 'stem the flow of fentanyl precursors' }],
    pledges: [0, 1, 2].map((k) => ({ by: ['US', 'MX'], description: `pledge ${k + 1} of live sitting ${n}`, themes: ['fentanyl'], status: 'agreed' })),
    source: SOURCE,
  });
}

/** Records minutes at `perSecond` until stopped; counts what was acknowledged and what failed. */
let sitting = 0;

function recordWhile(url: string, perSecond: number) {
  let ok = 0;
  let failed = 0;
  const inFlight = new Set<Promise<void>>();
  const timer = setInterval(() => {
    const n = (sitting += 1);
    const p = fetch(`${url}/v1/meetings`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${clerkToken(0)}` }, body: minutes(n) })
      .then((res) => (res.status === 201 ? (ok += 1) : (failed += 1)))
      .catch(() => (failed += 1))
      .then(() => void inFlight.delete(p));
    inFlight.add(p);
  }, 1000 / perSecond);
  return async () => {
    clearInterval(timer);
    await Promise.all(inFlight);
    return { ok, failed };
  };
}

/**
 * Starts the service on `dataDir` (events.sqlite and read-models.sqlite side by side), measures
 * each path against the bare endpoint in alternating runs, then each path again while a clerk
 * records minutes; stops the service. The directory is left to the caller.
 */
export async function measureHttp(dataDir: string, asked: string[], seconds = 3, rounds = 2): Promise<HttpResult> {
  const paths = withUncached(asked);
  const server = await startAppServer('reads', { DATA_DIR: dataDir, RATE_LIMIT_ANONYMOUS_PER_MINUTE: '100000000' });
  try {
    await callOk(server.url, 'POST', '/v1/forums', { id: LIVE_FORUM, name: 'Live forum', aliases: [], kind: 'standing-group', parties: ['US', 'MX'], source: SOURCE }, { Authorization: `Bearer ${ADMIN_TOKEN}` });
    const bare: Load[] = [];
    const quiet = new Map<string, Load[]>();
    const busy = new Map<string, Load[]>();
    let recorded = 0;
    let failed = 0;
    for (let r = 0; r < rounds; r++) {
      for (const path of paths) {
        // The start's checkpoints, and the previous busy run's writes and checkpoints, are done first.
        const settledIn = await quiesce(server.url);
        if (r === 0 && path === paths[0]) log(`  HTTP: the service settled ${settledIn.toFixed(1)} s after its start`);
        // The bare endpoint may ask for a clerk's token (it stands in for writes too); reads go anonymous, as the public does.
        bare.push(await load(`${server.url}${BARE_PATH}`, seconds, { Authorization: `Bearer ${clerkToken(1)}` }));
        quiet.set(path, [...(quiet.get(path) ?? []), await load(`${server.url}${path}`, seconds)]);
        const stop = recordWhile(server.url, 10);
        busy.set(path, [...(busy.get(path) ?? []), await load(`${server.url}${path}`, seconds)]);
        const writes = await stop();
        recorded += writes.ok;
        failed += writes.failed;
      }
    }
    const mean = (xs: Load[]) => ({ rps: xs.reduce((a, b) => a + b.rps, 0) / xs.length, p99: xs.reduce((a, b) => a + b.p99, 0) / xs.length });
    return { bare: mean(bare), figures: paths.map((path) => ({ path, quiet: mean(quiet.get(path)!), busy: mean(busy.get(path)!) })), writes: { ok: recorded, failed } };
  } finally {
    await server.stop();
  }
}
