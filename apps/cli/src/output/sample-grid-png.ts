import { PNG } from 'pngjs';
import { CvaeError } from '@cvae/core';

export interface GridLayout {
  readonly rows: number;
  readonly columns: number;
  /** Image height and width in pixels. */
  readonly height: number;
  readonly width: number;
  /** Pixels of border between tiles. */
  readonly gap?: number;
}

/**
 * Tiles row-major greyscale images with values in [0, 1] into one PNG (white ink on black).
 *
 * @example
 * ```ts
 * const png = sampleGridPng(means, { rows: 10, columns: 10, height: 28, width: 28 });
 * await writeFile('samples.png', png);
 * ```
 */
export function sampleGridPng(images: Float32Array, layout: GridLayout): Buffer {
  const { rows, columns, height, width, gap = 2 } = layout;
  const pixels = height * width;
  if (images.length !== rows * columns * pixels) {
    throw new CvaeError('sample grid', `expected ${rows * columns} images of ${pixels} pixels, found ${images.length} values`);
  }
  const png = new PNG({ width: columns * (width + gap) + gap, height: rows * (height + gap) + gap, colorType: 0, inputColorType: 0, inputHasAlpha: false });
  png.data = Buffer.alloc(png.width * png.height, 64); // grey border separates the tiles
  for (let tile = 0; tile < rows * columns; tile++) {
    const top = gap + Math.floor(tile / columns) * (height + gap);
    const left = gap + (tile % columns) * (width + gap);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const value = images[tile * pixels + y * width + x];
        png.data[(top + y) * png.width + left + x] = Math.round(Math.min(1, Math.max(0, value)) * 255);
      }
    }
  }
  return PNG.sync.write(png, { colorType: 0, inputColorType: 0, inputHasAlpha: false });
}
