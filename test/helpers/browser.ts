/**
 * Headless Chromium for the browser tests: Debian's /usr/bin/chromium driven by playwright-core
 * (which downloads no browser). A test file launches one browser and closes it at its end; without
 * Chromium the tests skip with the reason.
 */
import { existsSync } from 'node:fs';
import type { Test } from 'tap';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

/** Why the browser tests cannot run here, or false when they can. */
export function browserMissing(): string | false {
  return existsSync(CHROMIUM) ? false : `no ${CHROMIUM}: install Debian's chromium (apt-get install -y chromium) to run the browser tests`;
}

export async function launchBrowser(t: Test): Promise<Browser> {
  // Playwright gives every launch a fresh temporary profile; the flags keep Chromium off the network.
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  t.teardown(() => browser.close());
  return browser;
}

/** Console errors and uncaught exceptions of a page, collected as they happen. */
export function pageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  return errors;
}

/** Where screenshots go when EVO_NAS_SCREENSHOTS names a folder (docs/img); undefined otherwise. */
export function screenshotDir(): string | undefined {
  return process.env.EVO_NAS_SCREENSHOTS || undefined;
}
