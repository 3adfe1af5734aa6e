import { describe, expect, it } from 'vitest';
import { binOf, correlationSimilarity, ksStatistic, pearson, quantileEdges, tvDistance } from './metrics.js';

describe('quality metrics (hand-checked)', () => {
  it('KS: the largest CDF gap', () => {
    expect(ksStatistic([1, 2, 3, 4], [3, 4, 5, 6])).toBe(0.5); // at 2: 0.5 vs 0
    expect(ksStatistic([1, 2], [1, 2])).toBe(0);
    expect(ksStatistic([1, 2], [3, 4])).toBe(1);
    expect(ksStatistic([1, 1, 2], [1, 2, 2])).toBeCloseTo(1 / 3, 12); // at 1: 2/3 vs 1/3
  });

  it('TV: half the L1 distance of the frequencies', () => {
    expect(tvDistance(['a', 'a', 'b', 'b'], ['a', 'b', 'b', 'b'])).toBeCloseTo(0.25, 12);
    expect(tvDistance(['a'], ['b'])).toBe(1);
    expect(tvDistance(['a', 'b'], ['b', 'a'])).toBe(0);
  });

  it('correlation and its similarity', () => {
    expect(pearson([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 12);
    expect(pearson([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 12);
    expect(pearson([1, 2, 3, 4], [1, 3, 2, 4])).toBeCloseTo(0.8, 12); // sxy 4, sxx syy 5
    expect(pearson([1, 1], [1, 2])).toBe(0);
    expect(correlationSimilarity(0.8, 0.6)).toBeCloseTo(0.9, 12);
    expect(correlationSimilarity(1, -1)).toBe(0);
  });

  it('quantile bins', () => {
    expect(quantileEdges([1, 2, 3, 4, 5, 6, 7, 8], 4)).toEqual([2, 4, 6]);
    expect(quantileEdges([1, 1, 1, 2], 4)).toEqual([1]);
    expect([0, 2, 3, 7].map((v) => binOf(v, [2, 4, 6]))).toEqual([0, 0, 1, 3]);
  });
});
