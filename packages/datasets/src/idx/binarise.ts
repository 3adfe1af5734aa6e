import type { RandomSource } from '@cvae/core';

/**
 * `pixel / 255` for every byte value, computed once. Binarising looks the probability up
 * instead of dividing, and a 256-entry table stays in L1 cache where a per-pixel Float32Array
 * of thresholds would cost 4 bytes for every training pixel (188 MB for MNIST).
 */
export const PIXEL_PROBABILITY: Float32Array = Float32Array.from({ length: 256 }, (_, p) => p / 255);

/**
 * Samples `x ~ Bernoulli(pixel / 255)` for `length` pixels starting at `from`, writing 0 or 1
 * into `out` starting at `at`. Black (0) and white (255) pixels are certain, so they draw no
 * random number: about 80% of MNIST pixels are one of the two, which makes an epoch several
 * times cheaper. The stream consumed still depends only on the pixels, so results are
 * reproducible from the seed.
 *
 * @example
 * ```ts
 * const out = new Float32Array(784);
 * binariseInto(pixels, 0, 784, seededRandom(0), out, 0); // first image, values in {0, 1}
 * ```
 */
export function binariseInto(
  pixels: Uint8Array,
  from: number,
  length: number,
  random: RandomSource,
  out: Float32Array | Uint8Array,
  at: number,
): void {
  const probability = PIXEL_PROBABILITY;
  for (let i = 0; i < length; i++) {
    const p = pixels[from + i];
    out[at + i] = p === 0 ? 0 : p === 255 ? 1 : random() < probability[p] ? 1 : 0;
  }
}

/**
 * Binarises every pixel once with a fixed generator, returning 0/1 bytes. Used for the test
 * split, which by the MNIST convention is binarised once so every evaluation sees the same data.
 *
 * @example
 * ```ts
 * const bits = binariseAll(testPixels, seededRandom(MNIST_TEST_BINARISATION_SEED));
 * ```
 */
export function binariseAll(pixels: Uint8Array, random: RandomSource): Uint8Array {
  const bits = new Uint8Array(pixels.length);
  binariseInto(pixels, 0, pixels.length, random, bits, 0);
  return bits;
}
