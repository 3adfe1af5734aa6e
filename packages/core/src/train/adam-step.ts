import type { AdamSettings } from './optimizer.js';

/** First and second moment estimates of one variable. */
export interface AdamMoments {
  readonly m: Float32Array;
  readonly v: Float32Array;
}

/**
 * One Adam step over flat arrays, in a single pass: updates the moments in place and writes the
 * new weights to `out` (which may be `w` itself). Same update as tfjs, rearranged:
 * lr (m / c1) / (sqrt(v / c2) + eps) = stepSize m / (sqrt(v) k + eps), stepSize = lr / c1, k = 1 / sqrt(c2).
 *
 * @example
 * ```ts
 * adamStep(weights, gradient, moments, settings, step, weights); // in place
 * ```
 */
export function adamStep(
  w: Float32Array,
  g: Float32Array,
  moments: AdamMoments,
  settings: Required<AdamSettings>,
  step: number,
  out: Float32Array,
): void {
  const { learningRate, beta1, beta2, epsilon } = settings;
  const stepSize = learningRate / (1 - beta1 ** step);
  const k = 1 / Math.sqrt(1 - beta2 ** step);
  const a1 = 1 - beta1;
  const a2 = 1 - beta2;
  const { m, v } = moments;
  for (let i = 0; i < w.length; i++) {
    const gi = g[i];
    const mi = m[i] + a1 * (gi - m[i]);
    const vi = v[i] + a2 * (gi * gi - v[i]);
    m[i] = mi;
    v[i] = vi;
    out[i] = w[i] - (stepSize * mi) / (Math.sqrt(vi) * k + epsilon);
  }
}

/** Zeroed moments for a variable of `size` values. */
export function zeroMoments(size: number): AdamMoments {
  return { m: new Float32Array(size), v: new Float32Array(size) };
}
