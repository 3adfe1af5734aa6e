import { sampleGridPng } from './sample-grid-png.js';

/** The [height, width] an image dataset's examples are drawn at (a flat input shows as a strip). */
export function tileShape(shape: readonly number[] | undefined, inputSize: number): [number, number] {
  if (shape !== undefined && shape.length >= 2) return [shape[0], shape[1]];
  return [1, shape?.[0] ?? inputSize];
}

/**
 * Several rows of images, each row its own length, as one PNG (short rows padded with black):
 * e.g. originals above reconstructions, or a latent walk above a condition morph.
 *
 * @example
 * ```ts
 * await writeFile('recon.png', imageRowsPng([originals, reconstructions], 784, [28, 28]));
 * ```
 */
export function imageRowsPng(rows: readonly Float32Array[], pixels: number, [height, width]: [number, number]): Buffer {
  const columns = Math.max(...rows.map((r) => r.length / pixels));
  const images = new Float32Array(rows.length * columns * pixels);
  rows.forEach((row, r) => images.set(row, r * columns * pixels));
  return sampleGridPng(images, { rows: rows.length, columns, height, width });
}
