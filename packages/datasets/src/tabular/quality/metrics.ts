/**
 * Two-sample Kolmogorov–Smirnov statistic: the largest gap between the empirical CDFs of `a` and `b`.
 *
 * @example
 * ```ts
 * ksStatistic([1, 2, 3, 4], [3, 4, 5, 6]); // 0.5
 * ```
 */
export function ksStatistic(a: readonly number[], b: readonly number[]): number {
  if (a.length === 0 || b.length === 0) return a.length === b.length ? 0 : 1;
  const x = [...a].sort((p, q) => p - q);
  const y = [...b].sort((p, q) => p - q);
  let [i, j, gap] = [0, 0, 0];
  while (i < x.length && j < y.length) {
    const v = Math.min(x[i], y[j]);
    while (i < x.length && x[i] === v) i++;
    while (j < y.length && y[j] === v) j++;
    gap = Math.max(gap, Math.abs(i / x.length - j / y.length));
  }
  return gap;
}

/**
 * Total variation distance between the empirical distributions of two label lists: half the sum of
 * the absolute differences of the frequencies.
 *
 * @example
 * ```ts
 * tvDistance(['a', 'a', 'b', 'b'], ['a', 'b', 'b', 'b']); // 0.25
 * ```
 */
export function tvDistance(a: readonly string[], b: readonly string[]): number {
  const fa = frequencies(a);
  const fb = frequencies(b);
  let sum = 0;
  for (const key of new Set([...fa.keys(), ...fb.keys()])) sum += Math.abs((fa.get(key) ?? 0) - (fb.get(key) ?? 0));
  return sum / 2;
}

/**
 * Pearson correlation of paired numbers; 0 when either side is constant.
 *
 * @example
 * ```ts
 * pearson([1, 2, 3], [2, 4, 6]); // 1
 * ```
 */
export function pearson(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  if (n === 0) return 0;
  const mx = x.reduce((s, v) => s + v, 0) / n;
  const my = y.reduce((s, v) => s + v, 0) / n;
  let [sxy, sxx, syy] = [0, 0, 0];
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  return sxx === 0 || syy === 0 ? 0 : sxy / Math.sqrt(sxx * syy);
}

/**
 * Correlation similarity of a column pair: `1 - |r_real - r_synthetic| / 2`, in [0, 1].
 *
 * @example
 * ```ts
 * correlationSimilarity(0.8, 0.6); // 0.9
 * ```
 */
export function correlationSimilarity(rReal: number, rSynthetic: number): number {
  return 1 - Math.abs(rReal - rSynthetic) / 2;
}

/**
 * Upper edges of `bins` quantile bins of `values` (bins - 1 cut points), for binning a continuous
 * column against a categorical one; repeated cut points collapse.
 *
 * @example
 * ```ts
 * quantileEdges([1, 2, 3, 4, 5, 6, 7, 8], 4); // [2, 4, 6]
 * ```
 */
export function quantileEdges(values: readonly number[], bins: number): number[] {
  const sorted = [...values].sort((p, q) => p - q);
  const edges: number[] = [];
  for (let k = 1; k < bins; k++) {
    const edge = sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((k * sorted.length) / bins) - 1))];
    if (edge !== undefined && edge !== edges[edges.length - 1]) edges.push(edge);
  }
  return edges;
}

/**
 * Index of the bin `value` falls in: the first edge it does not exceed (the last bin after all edges).
 *
 * @example
 * ```ts
 * binOf(3, [2, 4, 6]); // 1
 * ```
 */
export function binOf(value: number, edges: readonly number[]): number {
  let bin = 0;
  while (bin < edges.length && value > edges[bin]) bin++;
  return bin;
}

function frequencies(values: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1 / values.length);
  return counts;
}
