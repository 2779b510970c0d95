import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { TOKENS, startTestApp, type TestApp } from '../../support/test-app';
import { tempDir } from '../../support/temp-dir';
import { buildHistoryLedger, headOf } from './history-ledger';

const ROOT = join(__dirname, '..', '..', '..');

/**
 * The real service over a synthetic ledger of `events` events (read models already built), with
 * the page bundle built. `keepIn`: a directory to build the ledger in and keep (reused when it
 * already holds one), for measuring again without building again.
 */
export async function startHistoryDeskServer(events: number, env: Record<string, string> = {}, keepIn?: string): Promise<{ t: TestApp; base: string; written: number; close: () => Promise<void> }> {
  execFileSync(process.execPath, [join(ROOT, 'apps', 'reporting-desk', 'build.mjs')], { cwd: ROOT, stdio: 'pipe' });
  const dir = keepIn ? { dir: keepIn, cleanup: () => undefined } : tempDir(`desk-history-${events}`);
  if (keepIn) mkdirSync(keepIn, { recursive: true });
  const reuse = keepIn !== undefined && existsSync(join(keepIn, 'read-models.sqlite'));
  const written = reuse ? await headOf(keepIn) : (await buildHistoryLedger(dir.dir, events)).written;
  const t = await startTestApp({ RATE_LIMIT_ANONYMOUS_PER_MINUTE: '100000', ...env }, dir.dir);
  await t.app.listen(0, '127.0.0.1');
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  const ready = await fetch(`${base}/v1/themes?limit=1&minPosition=${written}`, { headers: { Authorization: `Bearer ${TOKENS.reporter}` } });
  if (!ready.ok) throw new Error(`read models did not catch up: ${ready.status}`);
  return {
    t,
    base,
    written,
    close: async () => {
      await t.close();
      dir.cleanup();
    },
  };
}
