// Screenshots of each view for docs/playground/*.png, from the built page in headless Chromium.
// Usage: node apps/playground/scripts/screenshots.mjs [model dir] (default: the playground model)
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { ensureModel, WORKSPACE } from './ensure-model.mjs';
import { serveStatic } from './serve.mjs';

const model = process.argv[2] ?? ensureModel();
const out = join(WORKSPACE, 'docs', 'playground');
mkdirSync(out, { recursive: true });
const server = await serveStatic({ root: join(WORKSPACE, 'apps', 'playground', 'dist'), mounts: { '/model/': model }, isolate: true });
const profile = mkdtempSync(join(tmpdir(), 'cvae-shots-'));
const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const browser = await chromium.launchPersistentContext(profile, { executablePath: '/usr/bin/chromium', args, viewport: { width: 1100, height: 900 } });
const id = (name) => `[data-testid="${name}"]`;
try {
  const page = await browser.newPage();
  await page.goto(`${server.url}?threads=2`);
  await page.waitForSelector('body[data-first-generation-ms]');
  await page.screenshot({ path: join(out, 'overview.png') });
  await page.click(id('class-7'));
  await page.locator('#samples').screenshot({ path: join(out, 'samples.png') });
  await page.waitForSelector(`${id('sliders')}[data-ready]`);
  await page.locator(id('slider-0')).fill('2');
  await page.locator(id('slider-1')).fill('-1.5');
  await page.locator('#sliders').screenshot({ path: join(out, 'sliders.png') });
  await page.selectOption(id('morph-from'), '4');
  await page.selectOption(id('morph-to'), '9');
  await page.locator('#morph').screenshot({ path: join(out, 'morph.png') });
  const pad = page.locator(id('draw-pad'));
  await pad.scrollIntoViewIfNeeded();
  const box = await pad.boundingBox();
  const at = (x, y) => [box.x + x * box.width, box.y + y * box.height];
  // A "2": the arc, the diagonal, the base.
  const stroke = [[0.3, 0.3], [0.4, 0.18], [0.55, 0.15], [0.68, 0.22], [0.7, 0.35], [0.6, 0.5], [0.45, 0.65], [0.3, 0.8], [0.5, 0.8], [0.75, 0.8]];
  await page.mouse.move(...at(...stroke[0]));
  await page.mouse.down();
  for (const point of stroke.slice(1)) await page.mouse.move(...at(...point), { steps: 6 });
  await page.mouse.up();
  await page.waitForSelector(`${id('draw-label')}[data-label]`);
  await page.click(id('erase-half'));
  await page.locator('#draw').screenshot({ path: join(out, 'draw.png') });
  await page.locator(id('train-max-steps')).fill('150');
  await page.click(id('train-start'));
  await page.waitForSelector(`${id('train-status')}[data-done]`, { timeout: 600_000 });
  await page.click(id('train-save'));
  await page.waitForSelector(id('download-model'));
  await page.locator('#train').screenshot({ path: join(out, 'train.png') });
  console.log(`[playground] wrote ${out}/{overview,samples,sliders,morph,draw,train}.png; ${await page.textContent(id('train-status'))}`);
} finally {
  await browser.close();
  await server.close();
  rmSync(profile, { recursive: true, force: true });
}
