// The consumer program in a page: bundled by Vite inside the consumer project (from the installed
// tarballs), served on 127.0.0.1 with the cross-origin isolation headers, run in headless Chromium.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '../../apps/playground/scripts/serve.mjs';
import { launchChromium, openPage } from '../../apps/playground/test/chromium.js';

export { chromiumMissing } from '../../apps/playground/test/chromium.js';

/** The scripts of a built page (every emitted .js file). */
export function bundleScripts(dist: string): { name: string; text: string }[] {
  const assets = join(dist, 'assets');
  return readdirSync(assets)
    .filter((name) => name.endsWith('.js'))
    .map((name) => ({ name, text: readFileSync(join(assets, name), 'utf8') }));
}

/**
 * Copies of tfjs-core in the bundle: one of tfjs-core's engine messages (engine.ts registerBackend)
 * appears once per bundled copy.
 */
export function tfjsCoreCopies(scripts: readonly { text: string }[]): number {
  return scripts.reduce((n, { text }) => n + text.split('backend was already registered').length - 1, 0);
}

export interface PageRun {
  readonly result?: Record<string, unknown>;
  readonly error?: string;
  readonly consoleErrors: string[];
  readonly seconds: number;
}

/** Serves `dist` (isolated) and opens it in Chromium until the page reports a result or an error. */
export async function runPage(dist: string, query = '', timeoutMs = 240_000): Promise<PageRun> {
  const server = await serveStatic({ root: dist, isolate: true });
  const { browser, close } = await launchChromium();
  const started = performance.now();
  try {
    const { page, errors } = await openPage(browser, `${server.url}${query}`);
    await page.waitForSelector('body[data-result], body[data-error]', { timeout: timeoutMs, state: 'attached' });
    const [result, error] = await Promise.all([page.getAttribute('body', 'data-result'), page.getAttribute('body', 'data-error')]);
    return {
      result: result === null ? undefined : (JSON.parse(result) as Record<string, unknown>),
      error: error ?? undefined,
      consoleErrors: errors,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await close();
    await server.close();
  }
}
