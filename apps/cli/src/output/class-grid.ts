import { oneHot, sampleMeans, type Cvae } from '@cvae/core';
import { sampleGridPng } from './sample-grid-png.js';

/**
 * Samples `perClass` images for every class (one row per class, `conditionSize` rows) and tiles
 * them into a PNG; tiles take the height and width of `imageShape`.
 * The same model and seed always give the same bytes.
 *
 * @example
 * ```ts
 * await writeFile('samples.png', classGridPng(model, [28, 28], 10, 0));
 * ```
 */
export function classGridPng(model: Cvae, imageShape: readonly number[], perClass: number, seed: number): Buffer {
  const classes = model.config.conditionSize;
  const labels = Array.from({ length: classes * perClass }, (_, i) => Math.floor(i / perClass));
  const means = sampleMeans(model, oneHot(labels, classes), seed);
  // [height, width, 1] images tile as they are; a flat [n] input shows as a 1-pixel-high strip.
  const [height, width] = imageShape.length >= 2 ? imageShape : [1, imageShape[0]];
  return sampleGridPng(means, { rows: classes, columns: perClass, height, width });
}
