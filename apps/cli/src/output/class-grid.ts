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

/**
 * Samples `count` images for one condition row `c` and tiles them into a one-row PNG.
 *
 * @example
 * ```ts
 * await writeFile('threes.png', conditionRowPng(model, [28, 28], encodeCondition(attrs, { digit: '3' }), 10, 0));
 * ```
 */
export function conditionRowPng(model: Cvae, imageShape: readonly number[], c: Float32Array, count: number, seed: number): Buffer {
  const conditions = new Float32Array(count * c.length);
  for (let i = 0; i < count; i++) conditions.set(c, i * c.length);
  const means = sampleMeans(model, conditions, seed);
  const [height, width] = imageShape.length >= 2 ? imageShape : [1, imageShape[0]];
  return sampleGridPng(means, { rows: 1, columns: count, height, width });
}
