import { oneHot, sampleMeans, type Cvae } from '@cvae/core';
import { sampleGridPng } from './sample-grid-png.js';

/**
 * Samples `perClass` images for every class (one row per class) and tiles them into a PNG.
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
  return sampleGridPng(means, { rows: classes, columns: perClass, height: imageShape[0], width: imageShape[1] });
}
