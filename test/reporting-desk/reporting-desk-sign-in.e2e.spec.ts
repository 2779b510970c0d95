import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { TOKENS } from '../support/test-app';
import { ARTIFACTS, CHROMIUM, haveChromium } from './support/chromium';
import { getJson } from './support/desk-server';
import { openDesk, type DeskSession } from './support/desk-session';

if (!haveChromium) console.log(`Reporting desk sign-in test skipped: no chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
const describeBrowser = haveChromium ? describe : describe.skip;

describeBrowser('the reporting desk when reads need authentication (READ_ACCESS=authenticated)', () => {
  let desk: DeskSession;
  let base: string;
  let page: Page;

  beforeAll(async () => {
    desk = await openDesk({ READ_ACCESS: 'authenticated' });
    ({ base, page } = desk);
  });
  afterAll(async () => {
    await desk?.close();
  });

  it('asks for a key instead of drawing a blank page, and with a reporter key shows the heatmap', async () => {
    const anonymous = await fetch(`${base}/v1/reports/priorities-by-administration?limit=1`);
    expect(anonymous.status).toBe(401);

    await page.goto(`${base}/?asOf=2019-06-30`);
    await page.waitForSelector('body[data-ready="signed-out"]');
    await page.waitForSelector('#sign-in:not([hidden])');
    await expect(page.textContent('#sign-in-message')).resolves.toContain('signed-in readers only');
    await expect(page.textContent('#heatmap-section')).resolves.toContain('Sign in (at the top of the page) to see this view.');
    await expect(page.textContent('#board-section')).resolves.toContain('Sign in');
    await expect(page.$$eval('[data-cell]', (els) => els.length)).resolves.toBe(0);
    // The key field is labelled and has focus, so a keyboard user lands in it.
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('read-token');
    await expect(page.evaluate(() => (document.getElementById('read-token') as HTMLInputElement).labels?.[0]?.textContent)).resolves.toBe('Reader key');
    await page.screenshot({ path: join(ARTIFACTS, '6-sign-in-prompt.png') });

    // A key the service does not know: said in words, and not kept.
    await page.fill('#read-token', 'not-a-key-the-service-knows-0123456789abcdef');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.getElementById('sign-in-message')?.textContent?.includes('not accepted'));
    await expect(page.evaluate(() => sessionStorage.getItem('concordat.readToken'))).resolves.toBeNull();

    // A reporter's key: the views draw, and the heatmap is the report.
    await page.fill('#read-token', TOKENS.reporter);
    await page.keyboard.press('Enter');
    await page.waitForSelector('body[data-ready="true"]');
    await page.waitForSelector('#heatmap-section[data-state="ready"][data-as-of="2019-06-30"]');
    await page.waitForSelector('#board-section[data-state="ready"]');
    await expect(page.isHidden('#sign-in')).resolves.toBe(true);
    const report = await getJson(base, '/v1/reports/priorities-by-administration?asOf=2019-06-30&limit=500');
    const expected = report.items.reduce((n: number, row: { themes: unknown[] }) => n + row.themes.length, 0);
    expect(expected).toBeGreaterThan(0);
    await expect(page.$$eval('[data-cell]', (els) => els.length)).resolves.toBe(expected);
    // The key travels as a bearer header, kept in the tab's session, never in the URL.
    expect(page.url()).not.toContain(TOKENS.reporter);
    await expect(page.evaluate(() => sessionStorage.getItem('concordat.readToken'))).resolves.toBe(TOKENS.reporter);
    await page.locator('#heatmap-section').screenshot({ path: join(ARTIFACTS, '7-heatmap-signed-in.png') });

    // Reopened in the same tab, the page reads with the kept key at once.
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    await page.waitForSelector('#heatmap-section[data-state="ready"] [data-cell]');
    await expect(page.isHidden('#sign-in')).resolves.toBe(true);
    expect(desk.errors).toEqual([]);
  });
});
