import type { Page, Request } from 'playwright-core';

/** One request the page made: where, how big (the decoded body), how long (request sent to last byte). */
export type Fetched = { path: string; params: URLSearchParams; status: number; bytes: number; ms: number; items: number | null };
/** `drawn`: when each section showed this view's answer, in ms from the start of the view. */
export type ViewTraffic = { view: string; requests: Fetched[]; bytes: number; ms: number; slowest: Fetched | null; drawn: Record<string, number> };

/** The SSE feed stays open for as long as the page does: not part of any view. */
const STREAMING = '/v1/feeds/ledger-entries';

/**
 * Records every request the page makes while `act` draws a view: its bytes and time, and how many
 * list items it carried (a list answer has `items`). `act` returns once the view is drawn.
 */
export async function recordView(page: Page, view: string, act: () => Promise<Record<string, number> | void>): Promise<ViewTraffic> {
  const pending: Array<Promise<Fetched | null>> = [];
  const onRequest = (request: Request) => {
    if (new URL(request.url()).pathname === STREAMING) return;
    pending.push(
      (async () => {
        const response = await request.response();
        if (!response) return null;
        await response.finished().catch(() => undefined);
        const body = await response.body().catch(() => Buffer.alloc(0));
        const timing = request.timing();
        const url = new URL(request.url());
        let items: number | null = null;
        if ((response.headers()['content-type'] ?? '').includes('json')) {
          try {
            const json = JSON.parse(body.toString('utf8'));
            if (Array.isArray(json?.items)) items = json.items.length;
          } catch {
            // not JSON after all: counted by bytes only
          }
        }
        return { path: url.pathname, params: url.searchParams, status: response.status(), bytes: body.length, ms: Math.max(0, timing.responseEnd), items };
      })(),
    );
  };
  page.on('request', onRequest);
  const started = Date.now();
  let drawn: Record<string, number> = {};
  try {
    drawn = (await act()) ?? {};
  } finally {
    page.off('request', onRequest);
  }
  const ms = Date.now() - started;
  const requests = (await Promise.all(pending)).filter((r): r is Fetched => r !== null);
  const slowest = requests.reduce<Fetched | null>((a, r) => (a === null || r.ms > a.ms ? r : a), null);
  for (const [section, at] of Object.entries(drawn)) drawn[section] = at - started;
  return { view, requests, bytes: requests.reduce((n, r) => n + r.bytes, 0), ms, slowest, drawn };
}

const SECTIONS = ['board-section', 'forums-section', 'heatmap-section', 'handover-section'];

/** Waits until every section has drawn the answer for this clock; answers when each did (epoch ms, as the page saw it). */
export async function settled(page: Page, asOf: string, knownAt = '', timeout = 20_000): Promise<Record<string, number>> {
  for (const id of SECTIONS) {
    await page.waitForSelector(`#${id}[data-state="ready"][data-as-of="${asOf}"][data-known-at="${knownAt}"]`, { timeout }).catch(async (error: Error) => {
      const state = await page.$eval(`#${id}`, (el) => `${el.getAttribute('data-state')}: ${el.querySelector('.view-note')?.textContent ?? ''}`).catch(() => '?');
      throw new Error(`#${id} not drawn for asOf ${asOf} (${state}): ${error.message}`);
    });
  }
  // Playwright's waits resolve one after another; the page itself noted when each section drew (see watchDrawing).
  const drawn = await page.evaluate(() => (window as unknown as { __drawn?: Record<string, number> }).__drawn ?? {});
  return Object.fromEntries(SECTIONS.map((id) => [id.replace('-section', ''), drawn[id]]).filter(([, at]) => at !== undefined));
}

/** Test instrumentation, injected into the page: the instant each section last became ready. */
async function watchDrawing(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __drawn: Record<string, number> };
    w.__drawn = {};
    document.addEventListener('DOMContentLoaded', () => {
      new MutationObserver((changes) => {
        for (const c of changes) {
          const el = c.target as Element;
          if (el.getAttribute('data-state') === 'ready') w.__drawn[el.id] = performance.timeOrigin + performance.now();
        }
      }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-state'] });
    });
  });
}

/**
 * The views a reader goes through: the page opened, asOf moved, a heatmap cell opened, the board
 * paged and filtered, a pledge's history opened. Each is recorded on its own.
 */
export async function walkThePage(page: Page, base: string, timeout = 20_000): Promise<ViewTraffic[]> {
  const views: ViewTraffic[] = [];
  await watchDrawing(page);
  views.push(
    await recordView(page, 'open the page', async () => {
      await page.goto(`${base}/?asOf=2024-12-31`);
      const drawn = settled(page, '2024-12-31', '', timeout);
      await page.waitForSelector('body[data-ready="true"]', { timeout });
      return drawn;
    }),
  );
  views.push(
    await recordView(page, 'move asOf', async () => {
      await page.fill('#asof-date', '2016-12-31');
      return settled(page, '2016-12-31', '', timeout);
    }),
  );
  views.push(
    await recordView(page, 'step to the next meeting', async () => {
      const before = await page.inputValue('#asof-date');
      await page.click('#asof-next');
      await page.waitForFunction((d) => (document.getElementById('asof-date') as HTMLInputElement).value > d, before, { timeout });
      const after = await page.inputValue('#asof-date');
      return settled(page, after, '', timeout);
    }),
  );
  views.push(
    await recordView(page, 'open a heatmap cell', async () => {
      const cell = page.locator('[data-cell]').first();
      await cell.focus();
      await page.keyboard.press('Enter');
      await page.waitForSelector('#cell-title', { timeout });
      await page.waitForSelector('#cell-details:not([data-state="loading"])', { timeout });
    }),
  );
  views.push(
    await recordView(page, 'next board page', async () => {
      const next = page.locator('#board nav.pager button', { hasText: 'Next' });
      if (await next.isDisabled()) return;
      await next.click();
      await page.waitForSelector('#board-section[data-state="ready"]', { timeout });
    }),
  );
  views.push(
    await recordView(page, 'filter the board by status', async () => {
      await page.check('#board-filters input[name="status"][value="in_progress"]');
      await page.waitForFunction(() => location.search.includes('status=in_progress'), undefined, { timeout });
      await page.waitForSelector('#board-section[data-state="ready"]', { timeout });
    }),
  );
  views.push(
    await recordView(page, 'open a pledge history', async () => {
      const open = page.locator('[data-open-history]').first();
      if ((await open.count()) === 0) return;
      await open.click();
      await page.waitForSelector('#history-section[data-state="ready"]', { timeout });
    }),
  );
  return views;
}

export function describeTraffic(views: ViewTraffic[]): string {
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  return views
    .map((v) => {
      const drawn = Object.entries(v.drawn).map(([s, ms]) => `${s} ${ms} ms`).join(', ');
      return `${v.view.padEnd(28)} ${String(v.requests.length).padStart(3)} requests ${kb(v.bytes).padStart(10)} ${String(v.ms).padStart(6)} ms${v.slowest ? `  slowest ${v.slowest.path} ${Math.round(v.slowest.ms)} ms` : ''}${drawn ? `  drawn: ${drawn}` : ''}`;
    })
    .join('\n');
}
