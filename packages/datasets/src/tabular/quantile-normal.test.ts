import { seededRandom } from '@cvae/core';
import { cumulativeNormal } from 'vega-statistics';
import { describe, expect, it } from 'vitest';
import { fitGaussianModes, mixtureMisfit } from './gaussian-modes.js';
import { fitQuantiles, fromNormal, skewness, toNormal } from './quantile-normal.js';

/** A cost-like column: 98% zeros, the rest a long log-normal tail (as birdstrikes' costs). */
const costs = (n: number, seed: string) => {
  const random = seededRandom(seed);
  return Array.from({ length: n }, () => (random() < 0.98 ? 0 : Math.round(Math.exp(6 + 3 * random()))));
};

describe('quantile-to-normal transform', () => {
  it('keeps the ends of the training range and the order of the quantiles', () => {
    const values = costs(5000, 'q');
    const q = fitQuantiles(values);
    expect(q).toHaveLength(1000);
    expect(q[0]).toBe(0);
    expect(q[q.length - 1]).toBe(Math.max(...values));
    for (let i = 1; i < q.length; i++) expect(q[i]).toBeGreaterThanOrEqual(q[i - 1]);
  });

  it('round-trips every training value of a continuous column', () => {
    const random = seededRandom('rt');
    const values = Array.from({ length: 3000 }, () => -Math.log(1 - random()) * 100); // skewed, distinct
    const q = fitQuantiles(values);
    for (const v of values.slice(0, 500)) expect(fromNormal(q, toNormal(q, v))).toBeCloseTo(v, 6);
    expect(fromNormal(q, toNormal(q, q[0]))).toBeCloseTo(q[0], 9);
    expect(fromNormal(q, toNormal(q, q[999]))).toBeCloseTo(q[999], 9);
  });

  it('maps a point mass to one score and every score in its block back to exactly that value', () => {
    const values = costs(5000, 'pm');
    const q = fitQuantiles(values);
    const zeroScore = toNormal(q, 0);
    const zeros = values.filter((v) => v === 0).length / values.length;
    // The middle of the zeros' block of probability, e.g. Φ⁻¹(0.49) for 98% zeros.
    expect(cumulativeNormal(zeroScore)).toBeCloseTo(zeros / 2, 2);
    expect(fromNormal(q, zeroScore)).toBe(0);
    expect(fromNormal(q, zeroScore + 0.3)).toBe(0); // decoder noise does not leave the mass
    expect(fromNormal(q, -8)).toBe(0);
    // Standard normal draws decoded give the column's share of zeros and stay in the training range.
    const random = seededRandom('draws');
    const draws = Array.from({ length: 20_000 }, () => fromNormal(q, Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random())));
    const drawnZeros = draws.filter((v) => v === 0).length / draws.length;
    expect(Math.abs(drawnZeros - zeros)).toBeLessThan(0.01);
    expect(Math.min(...draws)).toBe(0);
    expect(Math.max(...draws)).toBeLessThanOrEqual(q[999]);
  });

  it('maps values outside the training range to the ends and the median to 0', () => {
    const q = fitQuantiles([1, 2, 3, 4, 5]);
    expect(toNormal(q, 3)).toBeCloseTo(0, 9);
    expect(toNormal(q, -100)).toBe(toNormal(q, 1));
    expect(toNormal(q, 100)).toBe(toNormal(q, 5));
    expect(toNormal(q, 5)).toBeCloseTo(-toNormal(q, 1), 9);
    expect(fromNormal(q, 50)).toBe(5);
    expect(fromNormal(q, -50)).toBe(1);
  });
});

describe('mixtureMisfit', () => {
  it('is small for a column its mixture describes and near 0.5 for a point mass with a long tail', () => {
    const random = seededRandom('m');
    const normal = Array.from({ length: 2000 }, () => 5 + Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random()));
    expect(mixtureMisfit(fitGaussianModes(normal), normal)).toBeLessThan(0.05);
    const cost = costs(5000, 'mm');
    expect(mixtureMisfit(fitGaussianModes(cost), cost, 0.5)).toBeGreaterThan(0.4);
  });

  it('reads an integer column at its resolution: 4/6/8 cylinders fit once draws are rounded', () => {
    const values = Array.from({ length: 600 }, (_, i) => [4, 4, 4, 6, 8, 8][i % 6]);
    const modes = fitGaussianModes(values);
    expect(mixtureMisfit(modes, values, 0.5)).toBeLessThan(0.05);
    expect(mixtureMisfit(modes, values, 0)).toBeGreaterThan(0.2); // as a continuous CDF, each step is missed by half
  });
});

describe('skewness', () => {
  it('is 0 for a symmetric column, positive for a right tail, negative for a left one', () => {
    expect(skewness([1, 2, 3])).toBe(0);
    expect(skewness([0, 0, 0, 0, 10])).toBeCloseTo(1.5, 12); // m3 / m2^1.5 = 96 / 16^1.5
    expect(skewness([0, 10, 10, 10, 10])).toBeCloseTo(-1.5, 12);
    expect(skewness([4, 4, 4])).toBe(0);
  });
});
