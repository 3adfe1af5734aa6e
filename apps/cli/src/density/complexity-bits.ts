import { PNG } from 'pngjs';

/**
 * L(x) of Serrà et al. 2020: the size in bits of one image as a PNG (8-bit grey, deflate level 9),
 * the lossless compressor they found to work. `pixels` are in [0, 1] (binarised images: 0/1).
 * The PNG's fixed header and chunk overhead is included; it shifts every score alike.
 *
 * @example
 * ```ts
 * pngBits(x.subarray(0, 784), 28, 28); // e.g. 1400
 * ```
 */
export function pngBits(pixels: ArrayLike<number>, height: number, width: number): number {
  const png = new PNG({ width, height, colorType: 0, inputColorType: 0, inputHasAlpha: false, bitDepth: 8 });
  png.data = Buffer.from(Uint8Array.from({ length: height * width }, (_, i) => Math.round(pixels[i] * 255)));
  return PNG.sync.write(png, { colorType: 0, inputColorType: 0, inputHasAlpha: false, bitDepth: 8, deflateLevel: 9 }).length * 8;
}
