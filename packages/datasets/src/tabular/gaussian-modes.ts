import { seededRandom } from '@cvae/core';
import { cumulativeNormal } from 'vega-statistics';

/** One component of a column's Gaussian mixture. */
export interface GaussianMode {
  readonly weight: number;
  readonly mean: number;
  readonly std: number;
}

/** Options of {@link fitGaussianModes}. */
export interface GaussianModesOptions {
  /** Most components tried (default 10, as CTGAN/TVAE). */
  readonly maxModes?: number;
  /** Values used for fitting at most (a seeded subsample of larger columns; default 20,000). */
  readonly maxValues?: number;
  readonly seed?: number;
}

const EM_ITERATIONS = 100;
/** Components may not shrink below this share of the column's deviation (integers would collapse to points). */
const STD_FLOOR = 0.01;
/** Components lighter than this are dropped, as CTGAN does with its weight threshold. */
const MIN_WEIGHT = 0.005;

/**
 * Fits the modes of a continuous column for mode-specific normalisation (Xu et al. 2019, CTGAN /
 * TVAE): Gaussian mixtures of 1 to `maxModes` components by EM, initialised at quantiles, and the
 * one with the best BIC (where CTGAN uses a variational mixture for the same choice). A unimodal
 * column gets one mode, i.e. plain standardisation.
 *
 * @example
 * ```ts
 * fitGaussianModes([1, 1.1, 0.9, 10, 10.2, 9.8]); // two modes, near 1 and near 10
 * ```
 */
export function fitGaussianModes(values: readonly number[], options: GaussianModesOptions = {}): GaussianMode[] {
  const { maxModes = 10, maxValues = 20_000, seed = 0 } = options;
  const xs = subsample(values, maxValues, seed).sort((a, b) => a - b);
  const n = xs.length;
  const mean = xs.reduce((s, v) => s + v, 0) / n;
  const std = Math.sqrt(xs.reduce((s, v) => s + (v - mean) ** 2, 0) / n) || 1;
  let best: { modes: GaussianMode[]; bic: number } = { modes: [{ weight: 1, mean, std }], bic: Infinity };
  const distinct = new Set(xs).size;
  for (let k = 1; k <= Math.min(maxModes, distinct); k++) {
    const { modes, logLikelihood } = em(xs, k, std * STD_FLOOR);
    const bic = (3 * k - 1) * Math.log(n) - 2 * logLikelihood;
    if (bic < best.bic) best = { modes, bic };
  }
  const kept = best.modes.filter((m) => m.weight >= MIN_WEIGHT);
  const total = kept.reduce((s, m) => s + m.weight, 0);
  return kept.map((m) => ({ ...m, weight: m.weight / total })).sort((a, b) => a.mean - b.mean);
}

/**
 * The mode a value most likely came from (largest weight x density), as an index into `modes`.
 *
 * @example
 * ```ts
 * likeliestMode(modes, 9.7); // the index of the mode near 10
 * ```
 */
export function likeliestMode(modes: readonly GaussianMode[], value: number): number {
  let best = 0;
  let bestScore = -Infinity;
  for (let k = 0; k < modes.length; k++) {
    const { weight, mean, std } = modes[k];
    const score = Math.log(weight) - Math.log(std) - 0.5 * ((value - mean) / std) ** 2;
    if (score > bestScore) [best, bestScore] = [k, score];
  }
  return best;
}

/**
 * How far a fitted mixture is from the column it was fitted on: the Kolmogorov–Smirnov distance
 * between the values' empirical CDF and the mixture's CDF, the mixture read as it is decoded (a
 * draw is rounded to the column's resolution, so `halfStep` — 0.5 for integers — widens each
 * value to the draws that round to it). A column that is 98% zeros with a long tail (a cost) gets
 * about 0.5 from any Gaussian mixture BIC picks; a multi-modal measurement gets a few hundredths.
 *
 * @example
 * ```ts
 * mixtureMisfit(fitGaussianModes(costs), costs, 0.5); // 0.49: the mixture cannot hold the point mass at 0
 * ```
 */
export function mixtureMisfit(modes: readonly GaussianMode[], values: readonly number[], halfStep = 0, seed = 0): number {
  const xs = subsample(values, 20_000, seed).sort((a, b) => a - b);
  const n = xs.length;
  const cdf = (x: number) => modes.reduce((s, m) => s + m.weight * cumulativeNormal(x, m.mean, m.std), 0);
  let worst = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j < n && xs[j] === xs[i]) j++;
    // Empirical CDF just below xs[i] is i/n and at xs[i] is j/n; the mixture's mass that decodes below / up to it.
    worst = Math.max(worst, Math.abs(cdf(xs[i] - halfStep) - i / n), Math.abs(cdf(xs[i] + halfStep) - j / n));
    i = j;
  }
  return worst;
}

function em(xs: readonly number[], k: number, floor: number): { modes: GaussianMode[]; logLikelihood: number } {
  const n = xs.length;
  const w = new Float64Array(k).fill(1 / k);
  const mu = Float64Array.from({ length: k }, (_, j) => xs[Math.min(n - 1, Math.floor(((j + 0.5) / k) * n))]);
  const spread = (xs[n - 1] - xs[0]) / (2 * k) || floor;
  const sd = new Float64Array(k).fill(Math.max(spread, floor));
  const resp = new Float64Array(n * k);
  let logLikelihood = -Infinity;
  for (let iteration = 0; iteration < EM_ITERATIONS; iteration++) {
    // E step, in log space so far-away points do not underflow to 0/0.
    let total = 0;
    for (let i = 0; i < n; i++) {
      let max = -Infinity;
      for (let j = 0; j < k; j++) {
        const l = Math.log(w[j]) - Math.log(sd[j]) - 0.5 * ((xs[i] - mu[j]) / sd[j]) ** 2;
        resp[i * k + j] = l;
        if (l > max) max = l;
      }
      let sum = 0;
      for (let j = 0; j < k; j++) sum += (resp[i * k + j] = Math.exp(resp[i * k + j] - max));
      for (let j = 0; j < k; j++) resp[i * k + j] /= sum;
      total += max + Math.log(sum) - 0.5 * Math.log(2 * Math.PI);
    }
    // M step.
    for (let j = 0; j < k; j++) {
      let [r, m] = [0, 0];
      for (let i = 0; i < n; i++) {
        r += resp[i * k + j];
        m += resp[i * k + j] * xs[i];
      }
      if (r < 1e-9) {
        w[j] = 1e-12;
        continue;
      }
      m /= r;
      let v = 0;
      for (let i = 0; i < n; i++) v += resp[i * k + j] * (xs[i] - m) ** 2;
      [w[j], mu[j], sd[j]] = [r / n, m, Math.max(Math.sqrt(v / r), floor)];
    }
    const converged = Math.abs(total - logLikelihood) < 1e-6 * Math.abs(total);
    logLikelihood = total;
    if (converged) break;
  }
  return { modes: Array.from({ length: k }, (_, j) => ({ weight: w[j], mean: mu[j], std: sd[j] })), logLikelihood };
}

function subsample(values: readonly number[], max: number, seed: number): number[] {
  if (values.length <= max) return [...values];
  const random = seededRandom(`${seed}:modes`);
  return Array.from({ length: max }, () => values[Math.floor(random() * values.length)]);
}
