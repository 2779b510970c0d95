import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ARTIFACTS, CHROMIUM, haveChromium } from './support/chromium';
import { CORRECTED_PLEDGE, correctFulfilment, getJson } from './support/desk-server';
import { openDesk, type DeskSession } from './support/desk-session';
import { tabThrough, unlabelled } from './support/keyboard-and-labels';

if (!haveChromium) console.log(`Reporting desk browser test skipped: no chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
const describeBrowser = haveChromium ? describe : describe.skip;

type Cells = Record<string, number>;

/** What the API says the heatmap must show: occasions per administration (or pair) and theme. */
async function apiCells(base: string, asOf: string, knownAt?: string): Promise<Cells> {
  const body = await getJson(base, `/v1/reports/priorities-by-administration?asOf=${asOf}&limit=500${knownAt ? `&knownAt=${knownAt}` : ''}`);
  const cells: Cells = {};
  // The heatmap counts certain occasions; uncertain ones are shown apart.
  for (const row of body.items) for (const t of row.themes) cells[`${row.key}|${t.theme}`] = t.occasions - t.occasionsUncertain;
  return cells;
}

async function pageCells(page: Page): Promise<Cells> {
  return page.$$eval('[data-cell]', (els) => Object.fromEntries(els.map((e) => [e.getAttribute('data-cell')!, Number(e.getAttribute('data-occasions'))])));
}

/** Waits until every section has drawn the answer for this clock. */
async function settled(page: Page, asOf: string, knownAt = ''): Promise<void> {
  for (const id of ['heatmap-section', 'handover-section', 'forums-section', 'board-section']) {
    await page.waitForSelector(`#${id}[data-state="ready"][data-as-of="${asOf}"][data-known-at="${knownAt}"]`, { timeout: 20_000 });
  }
}

async function setAsOf(page: Page, asOf: string): Promise<void> {
  await page.fill('#asof-date', asOf);
  await page.dispatchEvent('#asof-date', 'change');
  await settled(page, asOf);
  await expect(page.getAttribute('#asof-range', 'aria-valuetext')).resolves.toBe(asOf);
}

async function boardRows(page: Page): Promise<Record<string, string>> {
  return page.$$eval('tr[data-pledge]', (rows) => Object.fromEntries(rows.map((r) => [r.getAttribute('data-pledge')!, r.getAttribute('data-status')!])));
}

describeBrowser('the reporting desk in a browser', () => {
  let desk: DeskSession;
  let base: string;
  let page: Page;

  beforeAll(async () => {
    desk = await openDesk();
    ({ base, page } = desk);
    // For the pictures only: the sticky time controls would cover the top of each section screenshot.
    page.on('load', () => void page.addStyleTag({ content: 'header.clocks { position: static !important; }' }).catch(() => undefined));
  });
  afterAll(async () => {
    await desk?.close();
  });

  it('moves through both clocks, and the heatmap, board and history say what the reports say', async () => {
    await page.goto(`${base}/`);
    await page.waitForSelector('body[data-ready="true"]');

    // asOf 2016-12-31: the heatmap is the priorities report, cell for cell; the board is the board.
    await setAsOf(page, '2016-12-31');
    const cells2016 = await pageCells(page);
    expect(cells2016).toEqual(await apiCells(base, '2016-12-31'));
    const board2016 = await getJson(base, '/v1/pledges?asOf=2016-12-31&limit=25');
    expect(await boardRows(page)).toEqual(Object.fromEntries(board2016.items.map((p: { id: string; status: string }) => [p.id, p.status])));
    await expect(page.textContent('[data-testid="board-count"]')).resolves.toContain(`${board2016.page.total} pledges as of 2016-12-31`);
    expect(page.url()).toContain('asOf=2016-12-31');

    // A cell opens the meetings and pledges behind it, as the report lists them (keyboard: focus + Enter).
    const key = 'US-obama+MX-pena-nieto|money-laundering';
    await page.focus(`[data-cell="${key}"]`);
    await page.keyboard.press('Enter');
    await page.waitForSelector('#cell-title');
    const report = await getJson(base, '/v1/reports/priorities-by-administration?asOf=2016-12-31&kind=pair&limit=500');
    const agreement = report.items.find((r: { key: string }) => r.key === 'US-obama+MX-pena-nieto').themes.find((x: { theme: string }) => x.theme === 'money-laundering');
    const listUrl = new URL(agreement.list.pledges, base);
    listUrl.searchParams.set('asOf', '2016-12-31');
    listUrl.searchParams.set('limit', '50');
    const behind = await getJson(base, `${listUrl.pathname}${listUrl.search}`);
    await page.waitForSelector('#cell-details[data-state="ready"]');
    await expect(page.$$eval('[data-testid="cell-pledges"] li', (li) => li.length)).resolves.toBe(behind.items.length);
    await expect(page.textContent('[data-testid="cell-summary"]')).resolves.toContain(`${agreement.occasions - agreement.occasionsUncertain} occasion`);
    expect(page.url()).toContain(`cell=${encodeURIComponent(key)}`);
    await page.locator('#heatmap-section').screenshot({ path: join(ARTIFACTS, '1-heatmap-2016-12-31.png') });

    // asOf 2019-06-30: Trump and López Obrador are in the record; the heatmap and board move with the reports.
    await setAsOf(page, '2019-06-30');
    const cells2019 = await pageCells(page);
    expect(cells2019).toEqual(await apiCells(base, '2019-06-30'));
    expect(Object.keys(cells2019).some((k) => k.startsWith('US-trump+MX-pena-nieto|'))).toBe(true);
    expect(Object.keys(cells2016).some((k) => k.startsWith('US-trump'))).toBe(false);
    const board2019 = await getJson(base, '/v1/pledges?asOf=2019-06-30&limit=25');
    expect(board2019.page.total).toBeGreaterThan(board2016.page.total);
    expect(await boardRows(page)).toEqual(Object.fromEntries(board2019.items.map((p: { id: string; status: string }) => [p.id, p.status])));
    await expect(page.textContent('#forums')).resolves.toContain('no record of meetings #1, #2, #4');
    await page.screenshot({ path: join(ARTIFACTS, '2-page-2019-06-30.png'), fullPage: true });
    await page.locator('#heatmap-section').screenshot({ path: join(ARTIFACTS, '2a-heatmap-2019-06-30.png') });
    await page.locator('#handover-section').screenshot({ path: join(ARTIFACTS, '2b-handover-2019-06-30.png') });
    await page.locator('#forums-section').screenshot({ path: join(ARTIFACTS, '2c-forum-timelines-2019-06-30.png') });

    // A correction recorded now; the board shows it as a correction, and knownAt before it shows the old value.
    const { position, recordedBefore } = await correctFulfilment(base);
    await getJson(base, `/v1/pledges/${CORRECTED_PLEDGE}?minPosition=${position}`);
    await page.waitForSelector('#live button'); // the SSE feed told the page a new entry landed
    await page.selectOption('select[data-filter="forum"]', 'us-mx-presidential-meetings');
    await page.waitForSelector(`tr[data-pledge="${CORRECTED_PLEDGE}"][data-status="partially_fulfilled"]`);
    await expect(page.textContent(`tr[data-pledge="${CORRECTED_PLEDGE}"]`)).resolves.toContain('corrected ×1');
    expect(page.url()).toContain('forum=us-mx-presidential-meetings');

    await page.fill('#knownat', recordedBefore);
    await page.dispatchEvent('#knownat', 'change');
    const knownAt = new Date(recordedBefore).toISOString();
    await settled(page, '2019-06-30', knownAt);
    await page.waitForSelector(`tr[data-pledge="${CORRECTED_PLEDGE}"][data-status="fulfilled"]`);
    expect((await getJson(base, `/v1/pledges/${CORRECTED_PLEDGE}?asOf=2019-06-30&knownAt=${knownAt}`)).status).toBe('fulfilled');
    expect(page.url()).toContain(`knownAt=${encodeURIComponent(knownAt)}`);
    await page.locator('#board-section').screenshot({ path: join(ARTIFACTS, '3-board-known-before-correction.png') });

    // Back to everything recorded: the history shows the corrected step as a correction, and one click shows it as known before.
    await page.click('#knownat-latest');
    await settled(page, '2019-06-30');
    await page.click(`[data-open-history="${CORRECTED_PLEDGE}"]`);
    await page.waitForSelector('#history-section[data-state="ready"] [data-testid="history-steps"]');
    await expect(page.$$eval('[data-testid="history-steps"] > li', (li) => li.map((l) => l.getAttribute('data-status')))).resolves.toEqual(['agreed', 'partially_fulfilled']);
    await expect(page.textContent('#history')).resolves.toContain('The source says the prioritization was only partly aligned');
    await page.locator('#history-section').screenshot({ path: join(ARTIFACTS, '4-history-with-correction.png') });
    await page.click('[data-see-before]');
    await page.waitForSelector('#history-section[data-state="ready"] [data-testid="history-steps"] > li[data-status="fulfilled"]');
    await expect(page.inputValue('#knownat')).resolves.not.toBe('');
    await page.locator('#history-section').screenshot({ path: join(ARTIFACTS, '5-history-known-before-correction.png') });

    // The URL reopens the same view exactly.
    const shared = page.url();
    const again = await desk.browser.context.newPage();
    await again.goto(shared);
    await again.waitForSelector('#history-section[data-state="ready"] [data-testid="history-steps"] > li[data-status="fulfilled"]');
    await expect(again.inputValue('#asof-date')).resolves.toBe('2019-06-30');
    await expect(again.inputValue('select[data-filter="forum"]')).resolves.toBe('us-mx-presidential-meetings');
    await again.close();

    expect(desk.errors).toEqual([]);
  });

  it('is operable from the keyboard alone, and every control and chart is labelled', async () => {
    const kb = desk.watch(await desk.browser.context.newPage());
    await kb.goto(`${base}/?asOf=2016-12-31`);
    await kb.waitForSelector('body[data-ready="true"]');
    await settled(kb, '2016-12-31');
    expect(await unlabelled(kb)).toEqual([]);

    // Tab goes round the page: the skip link first, both clocks, every section's controls; the heatmap is one stop.
    const stops = await tabThrough(kb);
    const hooks = stops.map((s) => s.hook);
    expect(stops[0].name).toBe('Skip to the commitments board');
    for (const hook of ['asof-range', 'asof-date', 'asof-prev', 'asof-next', 'knownat', 'knownat-latest', 'heat-kind', 'handover-picker', 'data-filter=theme', 'data-filter=forum', 'name=madeFrom']) expect(hooks).toContain(hook);
    expect(stops.filter((s) => s.cell !== null)).toHaveLength(1);
    expect(hooks.filter((h) => h.startsWith('data-open-history=')).length).toBeGreaterThan(0);
    expect(hooks.filter((h) => h.startsWith('data-export=')).length).toBeGreaterThan(0);
    expect(hooks.indexOf('heat-kind')).toBeLessThan(hooks.findIndex((h) => h.startsWith('data-cell=')));
    expect(stops.every((s) => s.name !== '' || ['input', 'select'].includes(s.tag))).toBe(true);

    // Into the heatmap with Tab, across and down with the arrows, Enter opens the cell.
    await kb.focus('#heat-kind');
    await kb.keyboard.press('Tab');
    const at = () => kb.evaluate(() => ({ cell: document.activeElement?.getAttribute('data-cell') ?? null, col: Number(document.activeElement?.getAttribute('data-col')), row: Number(document.activeElement?.getAttribute('data-row')) }));
    const first = await at();
    expect(first.cell).not.toBeNull();
    await kb.keyboard.press('ArrowRight');
    const right = await at();
    expect(right).toMatchObject({ row: first.row });
    expect(right.col).toBeGreaterThan(first.col);
    await kb.keyboard.press('ArrowDown');
    const down = await at();
    expect(down.col).toBe(right.col);
    expect(down.row).toBeGreaterThan(right.row);
    await kb.keyboard.press('Enter');
    await kb.waitForSelector('#cell-title');
    await expect(kb.textContent('#cell-title')).resolves.toContain(await kb.$eval(`[data-cell="${down.cell}"]`, (el) => el.getAttribute('aria-label')!.split(',')[0]));
    expect((await at()).cell).toBe(down.cell); // focus stays on the chosen cell, which is now the grid's Tab stop
    await expect(kb.getAttribute(`[data-cell="${down.cell}"]`, 'tabindex')).resolves.toBe('0');

    // The slider moves a day per arrow key, and the views follow.
    await kb.focus('#asof-range');
    await kb.keyboard.press('ArrowRight');
    await kb.waitForFunction(() => (document.getElementById('asof-date') as HTMLInputElement).value === '2017-01-01');
    await settled(kb, '2017-01-01');

    // A pledge's history opens from the keyboard, takes focus, and Close gives focus back to the button that opened it.
    const opener = kb.locator('[data-open-history]').first();
    const pledge = await opener.getAttribute('data-open-history');
    await opener.focus();
    await kb.keyboard.press('Enter');
    await kb.waitForSelector('#history-section[data-state="ready"] [data-testid="history-steps"]');
    await expect(kb.evaluate(() => document.activeElement?.id)).resolves.toBe('history-title');
    await kb.keyboard.press('Tab');
    await expect(kb.evaluate(() => document.activeElement?.getAttribute('aria-label'))).resolves.toBe('Close the history');
    await kb.keyboard.press('Enter');
    await kb.waitForSelector('#history-section', { state: 'hidden' });
    await expect(kb.evaluate(() => document.activeElement?.getAttribute('data-open-history'))).resolves.toBe(pledge);
    expect(await unlabelled(kb)).toEqual([]);
    // Focus is never under the sticky time controls: a control brought to the top of the window (as the skip link or a scroll does) sits below them.
    await kb.$eval('#handover-picker', (el) => el.scrollIntoView({ block: 'start' }));
    await kb.focus('#handover-picker');
    const obscured = await kb.evaluate(() => {
      const header = document.querySelector('header.clocks')!.getBoundingClientRect();
      const cell = document.activeElement!.getBoundingClientRect();
      return cell.top < header.bottom && cell.bottom > header.top;
    });
    expect(obscured).toBe(false);
    await kb.addStyleTag({ content: 'header.clocks { position: static !important; }' });
    await kb.locator('#heatmap-section').screenshot({ path: join(ARTIFACTS, '8-heatmap-keyboard-focus.png') });
    await kb.close();
    expect(desk.errors).toEqual([]);
  });
});
