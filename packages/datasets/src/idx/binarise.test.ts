import { seededRandom } from '@cvae/core';
import { describe, expect, it } from 'vitest';
import { binariseAll, binariseInto, PIXEL_PROBABILITY } from './binarise.js';

describe('binarisation', () => {
  it('maps byte p to probability p/255', () => {
    expect(PIXEL_PROBABILITY.length).toBe(256);
    expect(PIXEL_PROBABILITY[0]).toBe(0);
    expect(PIXEL_PROBABILITY[255]).toBe(1);
    expect(PIXEL_PROBABILITY[51]).toBeCloseTo(0.2, 6);
  });

  it('makes black 0 and white 1 without drawing random numbers', () => {
    let draws = 0;
    const counting = () => {
      draws++;
      return 0.5;
    };
    const out = new Float32Array(6).fill(7);
    binariseInto(Uint8Array.from([0, 255, 0, 255]), 0, 4, counting, out, 1);
    expect(Array.from(out)).toEqual([7, 0, 1, 0, 1, 7]);
    expect(draws).toBe(0);
  });

  it('samples grey pixels as Bernoulli(p/255)', () => {
    const n = 20000;
    const pixels = new Uint8Array(n).fill(64); // p = 0.251
    const bits = binariseAll(pixels, seededRandom(3));
    const mean = bits.reduce((sum, b) => sum + b, 0) / n;
    expect(new Set(bits)).toEqual(new Set([0, 1]));
    expect(mean).toBeGreaterThan(64 / 255 - 0.015);
    expect(mean).toBeLessThan(64 / 255 + 0.015);
  });

  it('is reproducible from the seed and changes with it', () => {
    const pixels = Uint8Array.from({ length: 500 }, (_, i) => (i * 37) % 256);
    expect(binariseAll(pixels, seededRandom(1))).toEqual(binariseAll(pixels, seededRandom(1)));
    expect(binariseAll(pixels, seededRandom(1))).not.toEqual(binariseAll(pixels, seededRandom(2)));
  });
});
