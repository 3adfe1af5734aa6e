import { seededRandom } from '@cvae/core';
import { describe, expect, it } from 'vitest';
import { fitGaussianModes, likeliestMode } from './gaussian-modes.js';

const normals = (n: number, mean: number, std: number, seed: string) => {
  const random = seededRandom(seed);
  return Array.from({ length: n }, () => mean + std * Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random()));
};

describe('fitGaussianModes', () => {
  it('finds the components of a two-mode column, with their weights', () => {
    const values = [...normals(700, 0, 1, 'a'), ...normals(300, 10, 0.5, 'b')];
    const modes = fitGaussianModes(values);
    expect(modes).toHaveLength(2);
    expect(modes[0].mean).toBeCloseTo(0, 0);
    expect(modes[0].std).toBeCloseTo(1, 0);
    expect(modes[0].weight).toBeCloseTo(0.7, 1);
    expect(modes[1].mean).toBeCloseTo(10, 0);
    expect(modes[1].std).toBeCloseTo(0.5, 0);
    expect(likeliestMode(modes, 9)).toBe(1);
    expect(likeliestMode(modes, 2)).toBe(0);
  });

  it('gives one mode (plain standardisation) for a normal column', () => {
    expect(fitGaussianModes(normals(2000, 5, 2, 'c'))).toHaveLength(1);
  });

  it('does not collapse onto the points of an integer column', () => {
    const values = Array.from({ length: 500 }, (_, i) => [4, 6, 8][i % 3]);
    const modes = fitGaussianModes(values);
    expect(modes.length).toBeLessThanOrEqual(3);
    expect(modes.every((m) => m.std > 0 && Number.isFinite(m.std))).toBe(true);
  });
});
