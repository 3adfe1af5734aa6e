import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { canvasGrey } from './chromium.js';

export const byTestId = (id: string) => `[data-testid="${id}"]`;

/** Waits until the page has started its backend, loaded its model and drawn the first grid. */
export async function waitForFirstGrid(page: Page): Promise<void> {
  await page.waitForSelector('body[data-first-generation-ms]', { timeout: 60_000 });
}

export function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

export function meanAbsDifference(a: readonly number[], b: readonly number[]): number {
  return mean(a.map((v, i) => Math.abs(v - b[i])));
}

/** Pearson correlation of two equally long series. */
export function correlation(a: readonly number[], b: readonly number[]): number {
  const ma = mean(a);
  const mb = mean(b);
  let [ab, aa, bb] = [0, 0, 0];
  a.forEach((v, i) => {
    ab += (v - ma) * (b[i] - mb);
    aa += (v - ma) ** 2;
    bb += (b[i] - mb) ** 2;
  });
  return ab / Math.sqrt(aa * bb);
}

/** The grid's pixels after clicking class `label` (waits for the redraw). */
export async function gridFor(page: Page, label: number): Promise<number[]> {
  await page.click(byTestId(`class-${label}`));
  await page.waitForSelector(`${byTestId('sample-grid')}[data-label="${label}"]`);
  return (await canvasGrey(page, 'sample-grid')).grey;
}

/** Draws a stroke through `points` (fractions of the pad's size) with the mouse. */
export async function drawStroke(page: Page, points: [number, number][]): Promise<void> {
  const pad = page.locator(byTestId('draw-pad'));
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  const at = ([x, y]: [number, number]) => [box.x + x * box.width, box.y + y * box.height] as const;
  await page.mouse.move(...at(points[0]));
  await page.mouse.down();
  for (const point of points.slice(1)) await page.mouse.move(...at(point), { steps: 8 });
  await page.mouse.up();
}

const SIDE = 28;

/** The 100 images of the page's 10x10 sample grid (scale 2, gap 2), as 0..255 levels, image after image. */
export function pageGridTiles(grey: readonly number[]): number[] {
  const cell = 2 * SIDE + 2;
  const width = 10 * cell - 2;
  const out: number[] = [];
  for (let i = 0; i < 100; i++) {
    for (let y = 0; y < SIDE; y++) {
      for (let x = 0; x < SIDE; x++) out.push(Math.round(255 * grey[(Math.floor(i / 10) * cell + 2 * y) * width + (i % 10) * cell + 2 * x]));
    }
  }
  return out;
}

/** The images of a one-row PNG written by `cvae sample --condition ...` (gap 2), as 0..255 levels. */
export function cliRowTiles(file: Buffer): number[] {
  const png = PNG.sync.read(file);
  const count = (png.width - 2) / (SIDE + 2);
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    for (let y = 0; y < SIDE; y++) {
      for (let x = 0; x < SIDE; x++) out.push(png.data[((2 + y) * png.width + 2 + i * (SIDE + 2) + x) * 4]);
    }
  }
  return out;
}
