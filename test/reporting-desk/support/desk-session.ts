import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type { TestApp } from '../../support/test-app';
import { ARTIFACTS, launchBrowser } from './chromium';
import { startDeskServer } from './desk-server';

/** The desk served by the real app, a headless browser, and a page on it whose script errors are collected. */
export interface DeskSession {
  t: TestApp;
  base: string;
  browser: Awaited<ReturnType<typeof launchBrowser>>;
  page: Page;
  /** Uncaught errors of `page` (and of any page passed to `watch`). */
  errors: string[];
  watch(page: Page): Page;
  close(): Promise<void>;
}

export async function openDesk(env: Record<string, string> = {}): Promise<DeskSession> {
  const { t, base } = await startDeskServer(env);
  const browser = await launchBrowser();
  const errors: string[] = [];
  const watch = (page: Page) => (page.on('pageerror', (e) => errors.push(e.message)), page);
  const page = watch(await browser.context.newPage());
  mkdirSync(ARTIFACTS, { recursive: true });
  return {
    t,
    base,
    browser,
    page,
    errors,
    watch,
    close: async () => {
      await browser.close();
      await t.close();
    },
  };
}
