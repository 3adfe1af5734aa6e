import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CVAE_CHROMIUM ?? '/usr/bin/chromium';

/** Why the browser tests cannot run here, or undefined when they can. */
export function chromiumMissing(): string | undefined {
  return existsSync(CHROMIUM) ? undefined : `${CHROMIUM} not found; fix: apt-get install -y chromium (or set CVAE_CHROMIUM)`;
}

/** Headless Debian Chromium with a fresh profile (user-data-dir); `close()` removes the profile. */
export async function launchChromium(): Promise<{ browser: BrowserContext; close(): Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'cvae-chromium-'));
  const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
  const browser = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args, headless: true, viewport: { width: 1150, height: 900 }, acceptDownloads: true });
  return {
    browser,
    close: async () => {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Opens `url` in a new page, recording console errors and page errors. */
export async function openPage(browser: BrowserContext, url: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(url);
  return { page, errors };
}

/** A canvas's pixels as grey levels in [0, 1] (red channel), plus its size. */
export async function canvasGrey(page: Page, testId: string): Promise<{ width: number; height: number; grey: number[] }> {
  // The red bytes travel as one base64 string: a JSON array of 300,000 numbers takes seconds.
  const { width, height, red } = await page.$eval(`[data-testid="${testId}"]`, (canvas) => {
    const c = canvas as HTMLCanvasElement;
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let binary = '';
    for (let i = 0; i < data.length; i += 4) binary += String.fromCharCode(data[i]);
    return { width: c.width, height: c.height, red: btoa(binary) };
  });
  return { width, height, grey: Array.from(Buffer.from(red, 'base64'), (v) => v / 255) };
}
