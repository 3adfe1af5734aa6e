// The reference training step (bench/step-bench.mjs) in headless Debian Chromium: wasm with 1 and 2
// threads in a cross-origin-isolated page, on the main thread and in a dedicated worker, and webgl
// (SwiftShader) with BENCH_WEBGL=1. Prints JSON rows like
// step-bench.mjs. Needs the built playground: npx nx run @cvae/playground:build
// Usage: node bench/page-step-bench.mjs [steps]
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { serveStatic } from '../apps/playground/scripts/serve.mjs';

const steps = Number(process.argv[2] ?? 30);
const root = join(import.meta.dirname, '..', 'apps', 'playground', 'dist');
const server = await serveStatic({ root, isolate: true });
const profile = mkdtempSync(join(tmpdir(), 'cvae-bench-chromium-'));
const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const browser = await chromium.launchPersistentContext(profile, { executablePath: process.env.CVAE_CHROMIUM ?? '/usr/bin/chromium', args });
try {
  for (const query of ['threads=1', 'threads=2', 'threads=1&in=worker', 'threads=2&in=worker', ...(process.env.BENCH_WEBGL ? ['backend=webgl'] : [])]) {
    const page = await browser.newPage();
    await page.goto(`${server.url}?bench=step&steps=${steps}&${query}`);
    const result = page.locator('[data-testid="bench-result"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="bench-result"]')?.textContent, null, { timeout: 600_000 });
    process.stdout.write(`${JSON.stringify({ where: 'chromium', ...JSON.parse(await result.textContent()) })}\n`);
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
  rmSync(profile, { recursive: true, force: true });
}
