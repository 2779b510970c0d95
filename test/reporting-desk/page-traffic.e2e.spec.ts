import type { Page } from 'playwright-core';
import { CHROMIUM, haveChromium, launchBrowser } from './support/chromium';
import { startHistoryDeskServer } from './support/history-desk-server';
import { describeTraffic, walkThePage, type ViewTraffic } from './support/page-traffic';

if (!haveChromium) console.log(`Reporting desk traffic test skipped: no chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
const describeBrowser = haveChromium ? describe : describe.skip;

/** Two ledgers, the second three times the first: a view must read the same bounded pages from both. */
const SMALL = 2_000;
const LARGE = 6_000;
/** The API's own largest page; the reference lists (themes, forums, administrations) ask for it. */
const MAX_LIMIT = 500;
/** Report and list pages the views read: what a reader sees, never "everything". */
const VIEW_LIMIT = 100;
const REFERENCE_LISTS = new Set(['/v1/themes', '/v1/forums', '/v1/administrations']);
/** Generous budget per view (the bundle itself is about 300 KB); at 100,000 events see test/reporting-desk/page-traffic-100k.ts. */
const VIEW_BUDGET = 1_500_000;

async function walk(events: number): Promise<{ views: ViewTraffic[]; written: number }> {
  const server = await startHistoryDeskServer(events);
  const browser = await launchBrowser();
  try {
    const page: Page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const views = await walkThePage(page, server.base, 60_000);
    expect(errors).toEqual([]);
    return { views, written: server.written };
  } finally {
    await browser.close();
    await server.close();
  }
}

describeBrowser('the reporting desk reads bounded pages, whatever the length of the ledger', () => {
  let small: ViewTraffic[];
  let large: ViewTraffic[];

  beforeAll(async () => {
    small = (await walk(SMALL)).views;
    large = (await walk(LARGE)).views;
    console.log(`page traffic at ${SMALL} events:\n${describeTraffic(small)}\nat ${LARGE} events:\n${describeTraffic(large)}`);
  }, 240_000);

  it('every list the page asks for carries a page size, and no answer holds more items than it', () => {
    for (const views of [small, large]) {
      for (const view of views) {
        for (const r of view.requests) {
          expect({ view: view.view, path: r.path, status: r.status }).toEqual({ view: view.view, path: r.path, status: 200 });
          expect(r.path.startsWith('/v1/exports')).toBe(false);
          if (r.items === null) continue;
          const limit = Number(r.params.get('limit'));
          const bound = REFERENCE_LISTS.has(r.path) ? MAX_LIMIT : VIEW_LIMIT;
          expect({ view: view.view, path: r.path, limit: limit > 0 && limit <= bound, items: r.items <= limit }).toEqual({ view: view.view, path: r.path, limit: true, items: true });
        }
      }
    }
  });

  it('a view reads the same requests at three times the history, and its bytes stay within a fixed budget', () => {
    expect(large.map((v) => v.view)).toEqual(small.map((v) => v.view));
    for (const [i, view] of large.entries()) {
      const before = small[i];
      // The same requests (some forums' timelines switch to per-year counts and read fewer lists, never more).
      expect({ view: view.view, requests: view.requests.length <= before.requests.length }).toEqual({ view: view.view, requests: true });
      expect({ view: view.view, within: view.bytes <= VIEW_BUDGET }).toEqual({ view: view.view, within: true });
      // Three times the ledger, not three times the bytes: what a view reads is capped by its pages, not by history.
      expect({ view: view.view, subLinear: view.bytes <= before.bytes * 1.6 + 50_000 }).toEqual({ view: view.view, subLinear: true });
    }
  });
});
