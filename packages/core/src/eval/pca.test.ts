import { describe, expect, it } from 'vitest';
import { pca2d } from './pca.js';

describe('pca2d', () => {
  it('finds the long axis of points stretched along a diagonal first', () => {
    // Points on y = x in 3-D with a little noise on z: the first component is (1, 1, 0) / sqrt 2.
    const rows = 50;
    const values = new Float32Array(rows * 3);
    for (let r = 0; r < rows; r++) values.set([r, r, (r % 3) * 0.1], r * 3);
    const { points, explained } = pca2d(values, 3);
    expect(explained[0]).toBeGreaterThan(0.99);
    // Distances along the first component grow with r at sqrt(2) per step.
    expect(Math.abs(points[2 * 10] - points[2 * 9])).toBeCloseTo(Math.SQRT2, 3);
    expect(explained[0] + explained[1]).toBeLessThanOrEqual(1 + 1e-9);
  });

  it('refuses values that do not make whole rows', () => {
    expect(() => pca2d(new Float32Array(5), 2)).toThrow(/5 values do not make rows of 2/);
  });
});
