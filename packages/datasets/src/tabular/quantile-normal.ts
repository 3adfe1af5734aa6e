import { bisectLeft, bisectRight, quantileSorted } from 'd3-array';
import { cumulativeNormal, quantileNormal } from 'vega-statistics';

/** Most reference quantiles kept per column (as scikit-learn's QuantileTransformer). */
export const MAX_QUANTILES = 1000;

/**
 * The training split's quantiles of a number column, for the quantile-to-normal transform:
 * `count` values at probabilities 0, 1/(count-1), …, 1 (d3-array's R-7 linear interpolation between
 * order statistics), so the first is the minimum and the last the maximum. Ties stay as repeated values.
 *
 * @example
 * ```ts
 * fitQuantiles([0, 0, 0, 5, 100], 5); // [0, 0, 0, 5, 100]
 * ```
 */
export function fitQuantiles(values: readonly number[], count = MAX_QUANTILES): number[] {
  const sorted = Float64Array.from(values).sort();
  const m = Math.max(2, Math.min(count, sorted.length));
  return Array.from({ length: m }, (_, i) => quantileSorted(sorted, i / (m - 1)) as number);
}

/**
 * Sample skewness (third standardised moment, population form) of a column; 0 when it is constant.
 * `auto` sends columns with a long tail to the quantile transform.
 *
 * @example
 * ```ts
 * skewness([1, 2, 3]); // 0
 * skewness([0, 0, 0, 0, 10]); // 1.5
 * ```
 */
export function skewness(values: readonly number[]): number {
  const n = values.length;
  const mean = values.reduce((s, v) => s + v, 0) / n;
  let [m2, m3] = [0, 0];
  for (const v of values) {
    const d = v - mean;
    m2 += d * d;
    m3 += d * d * d;
  }
  return m2 === 0 ? 0 : m3 / n / (m2 / n) ** 1.5;
}

/**
 * Tail probability kept out of both ends (half a quantile step): the standard normal values span
 * ±Φ⁻¹(1 − 0.5/m), e.g. ±3.29 for 1,000 quantiles, so an extreme value is not a 5-sigma outlier.
 */
const edge = (m: number) => 0.5 / m;

/**
 * A value's standard-normal score under the column's empirical distribution: z = Φ⁻¹(F(v)), with
 * F read off `quantiles` by linear interpolation. A value repeated in the table (a point mass such as
 * the 0 of a cost column) maps to the middle of its block of quantiles; values outside the training
 * range map to the ends.
 *
 * @example
 * ```ts
 * toNormal([0, 1, 2, 3, 4], 2); // 0 (the median)
 * ```
 */
export function toNormal(quantiles: readonly number[], value: number): number {
  const m = quantiles.length;
  let position: number;
  if (value < quantiles[0]) position = 0;
  else if (value > quantiles[m - 1]) position = m - 1;
  else {
    const lo = bisectLeft(quantiles, value);
    position = quantiles[lo] === value
      ? (lo + bisectRight(quantiles, value) - 1) / 2
      : lo - 1 + (value - quantiles[lo - 1]) / (quantiles[lo] - quantiles[lo - 1]);
  }
  const e = edge(m);
  return quantileNormal(e + (1 - 2 * e) * (position / (m - 1)));
}

/**
 * The inverse of {@link toNormal}: the column value whose score is `z` (any real; beyond the ends
 * it gives the training minimum or maximum, so generated values stay in the training range).
 *
 * @example
 * ```ts
 * fromNormal([0, 1, 2, 3, 4], 0); // 2
 * fromNormal([0, 0, 0, 0, 9], 0); // 0: most of the column is 0
 * ```
 */
export function fromNormal(quantiles: readonly number[], z: number): number {
  const m = quantiles.length;
  const e = edge(m);
  const u = Math.min(1, Math.max(0, (cumulativeNormal(z) - e) / (1 - 2 * e)));
  const position = u * (m - 1);
  const lo = Math.min(m - 2, Math.floor(position));
  const t = position - lo;
  const [a, b] = [quantiles[lo], quantiles[lo + 1]];
  // Inside a block of equal quantiles (a point mass) the value is exactly that value.
  if (a === b || t <= 0) return a;
  return t >= 1 ? b : a + t * (b - a);
}
