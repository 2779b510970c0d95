import { execFileSync } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { EVENT_STORE, type EventStore } from '@concordat/event-store';
import { TOKENS, startTestApp, type TestApp } from '../../support/test-app';

const ROOT = join(__dirname, '..', '..', '..');
/** A reporter's key: reads work with it whether the service's reads are public or need authentication. */
const READER = { Authorization: `Bearer ${TOKENS.reporter}` };

/** The real service on the seed record, listening on a free port, with the page bundle built as `npm run build` builds it. */
export async function startDeskServer(env: Record<string, string> = {}): Promise<{ t: TestApp; base: string; head: () => Promise<string> }> {
  execFileSync(process.execPath, [join(ROOT, 'apps', 'reporting-desk', 'build.mjs')], { cwd: ROOT, stdio: 'pipe' });
  const t = await startTestApp({ SEED_ON_EMPTY: 'true', ...env });
  await t.app.listen(0, '127.0.0.1');
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  const head = async () => (await t.app.get<EventStore>(EVENT_STORE).headPosition()).toString();
  // Reads wait for the projections to reach the seed's last entry.
  const ready = await fetch(`${base}/v1/themes?limit=1&minPosition=${await head()}`, { headers: READER });
  if (!ready.ok) throw new Error(`read models did not catch up: ${ready.status}`);
  return { t, base, head };
}

export async function getJson<T = any>(base: string, path: string): Promise<T> {
  const res = await fetch(`${base}${path}`, { headers: { Accept: 'application/json', ...READER } });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** A clerk's write over HTTP; answers the write result (with its global position). */
export async function clerkPost<T = any>(base: string, path: string, body: unknown): Promise<T> {
  const res = await fetch(`${base}${path}`, { method: 'POST', headers: { Authorization: `Bearer ${TOKENS.clerk}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  if (res.status !== 201 && res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** The seed pledge whose status change the tests correct: the border-infrastructure commitment fulfilled in October 2016. */
export const CORRECTED_PLEDGE = 'us-mx-presidents-2016-07-border-infrastructure-prioritization';

export async function correctFulfilment(base: string): Promise<{ position: string; recordedBefore: string }> {
  const pledge = await getJson(base, `/v1/pledges/${CORRECTED_PLEDGE}`);
  const step = pledge.history.find((h: { status: string; entryId: string | null }) => h.status === 'fulfilled' && h.entryId);
  if (!step) throw new Error(`${CORRECTED_PLEDGE} has no fulfilled status change on the seed record`);
  const recordedBefore = new Date().toISOString();
  await new Promise((r) => setTimeout(r, 20));
  const result = await clerkPost(base, `/v1/pledges/${CORRECTED_PLEDGE}/corrections`, { reason: 'The source says the prioritization was only partly aligned', entry: { id: step.entryId, status: 'partially_fulfilled' } });
  return { position: result.position, recordedBefore };
}
