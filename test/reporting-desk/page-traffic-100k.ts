/**
 * The reporting desk over a long ledger: builds ~100,000 events of synthetic history
 * (bench/reads-history.ts) in a real embedded store, rebuilds the read models, starts the real
 * service on it, walks the page in headless Chromium and prints, per view, the requests it made,
 * their bytes and time, and the slowest request each view waited on. A measurement, not a test:
 * the figures go in the report, no threshold is asserted (test/reporting-desk/page-traffic.e2e.spec.ts
 * asserts the bounds at a small size).
 *
 *   node -r ts-node/register/transpile-only -r tsconfig-paths/register test/reporting-desk/page-traffic-100k.ts [events=100000] [--keep=DIR]
 *
 * --keep=DIR builds the ledger in DIR and keeps it; a later run with the same DIR reuses it (the fill and rebuild take minutes).
 */
import { CHROMIUM, haveChromium, launchBrowser } from './support/chromium';
import { startHistoryDeskServer } from './support/history-desk-server';
import { describeTraffic, walkThePage, type ViewTraffic } from './support/page-traffic';

async function main(): Promise<void> {
  if (!haveChromium) throw new Error(`no chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
  const events = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 100_000);
  const keep = process.argv.find((a) => a.startsWith('--keep='))?.slice('--keep='.length);
  const built = Date.now();
  const server = await startHistoryDeskServer(events, {}, keep);
  console.log(`${server.written} events written and read models rebuilt in ${((Date.now() - built) / 1000).toFixed(1)} s`);
  const browser = await launchBrowser();
  try {
    const page = await browser.context.newPage();
    page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
    // Twice: the first walk pays for cold caches (SQLite pages, JIT); the second is what a reader sees next.
    let last: ViewTraffic[] = [];
    for (const walk of ['first walk', 'second walk']) {
      const views = await walkThePage(page, server.base, 300_000);
      last = views;
      console.log(`\n${walk} at ${server.written} events:\n${describeTraffic(views)}`);
      for (const view of views) {
        const byPath = new Map<string, { n: number; bytes: number; ms: number }>();
        for (const r of view.requests) {
          const key = r.path.startsWith('/v1/pledges/') ? '/v1/pledges/:id' : r.path;
          const s = byPath.get(key) ?? { n: 0, bytes: 0, ms: 0 };
          byPath.set(key, { n: s.n + 1, bytes: s.bytes + r.bytes, ms: Math.max(s.ms, r.ms) });
        }
        console.log(`  ${view.view}: ${[...byPath].map(([p, s]) => `${p} ×${s.n} ${(s.bytes / 1024).toFixed(0)} KB ≤${Math.round(s.ms)} ms`).join('; ')}`);
      }
    }
    // The page's requests run side by side on one Node process, so each one's time above includes the others'.
    // What a view waits on: each API request of the last walk again, alone, one after the other.
    console.log('\neach API request of the second walk, alone:');
    for (const view of last) {
      for (const r of view.requests.filter((x) => x.path.startsWith('/v1/'))) {
        const url = `${server.base}${r.path}?${r.params.toString()}`;
        const started = performance.now();
        const res = await fetch(url);
        const bytes = (await res.arrayBuffer()).byteLength;
        console.log(`  ${view.view.padEnd(28)} ${String(Math.round(performance.now() - started)).padStart(6)} ms ${(bytes / 1024).toFixed(0).padStart(5)} KB  ${r.path}?${r.params.toString()}`);
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
