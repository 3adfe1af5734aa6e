import * as tf from '@tensorflow/tfjs-core';
import { z } from 'zod';
import { CvaeError } from '../errors/cvae-error.js';
import type { Likelihood, LikelihoodParams } from './likelihood.js';

/** log(2 pi) / 2: the normalising constant of a standard normal density, per dimension. */
export const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * Per-example negative log-likelihood of continuous data under a diagonal Gaussian
 * N(x; mean, sigma^2), summed over dimensions, *with* its normalising constant, so it is a true
 * -log density in nats: sum_d [ (x_d - mean_d)^2 / (2 sigma_d^2) + log sigma_d + log(2 pi) / 2 ].
 * `logSigma` is a scalar (fixed sigma) or broadcasts against `mean` (e.g. a learned [inputSize]
 * vector); clamp it from below (`minLogSigma`) so the density cannot collapse onto a pixel.
 *
 * @example
 * ```ts
 * const nll = gaussianNll(decoderMean, x, Math.log(0.1));           // fixed sigma = 0.1
 * const nll2 = gaussianNll(decoderMean, x, learnedLogSigma, -4.6);   // learned, sigma >= 0.01
 * ```
 */
export function gaussianNll(
  mean: tf.Tensor2D,
  x: tf.Tensor2D,
  logSigma: number | tf.Tensor,
  minLogSigma = -Infinity,
): tf.Tensor1D {
  return tf.tidy(() => {
    const dims = mean.shape[1];
    if (typeof logSigma === 'number') {
      const ls = Math.max(logSigma, minLogSigma);
      const quadratic = tf.mul(tf.sum(tf.squaredDifference(x, mean), 1), 0.5 * Math.exp(-2 * ls));
      return tf.add(quadratic, dims * (ls + HALF_LOG_2PI)) as tf.Tensor1D;
    }
    const ls = Number.isFinite(minLogSigma) ? tf.maximum(logSigma, minLogSigma) : logSigma;
    const scaled = tf.mul(tf.squaredDifference(x, mean), tf.mul(tf.exp(tf.mul(ls, -2)), 0.5));
    const perDim = tf.add(tf.add(scaled, tf.broadcastTo(ls, mean.shape)), HALF_LOG_2PI);
    return tf.sum(perDim, 1) as tf.Tensor1D;
  });
}

/** Settings of the Gaussian likelihood: a fixed or learned sigma (validated, defaults filled). */
export const gaussianConfigSchema = z.preprocess(
  // Mixed groups of model files written before format 2 stored a fixed `logSigma`.
  (value) => {
    if (typeof value !== 'object' || value === null || !('logSigma' in value) || 'sigma' in value) return value;
    const { logSigma, ...rest } = value as { logSigma: unknown };
    return typeof logSigma === 'number' ? { ...rest, sigma: Math.exp(logSigma) } : value;
  },
  z.object({
    kind: z.literal('gaussian'),
    /** A fixed sigma, or one learned sigma per dimension. */
    sigma: z.union([z.number().gt(0, 'sigma must be > 0'), z.literal('learned')]).default('learned'),
    /** Floor of a learned sigma, so the density cannot collapse onto a value. */
    minSigma: z.number().gt(0, 'minSigma must be > 0').default(1e-3),
  }),
);

/** The validated settings of the Gaussian likelihood. */
export type GaussianConfig = z.output<typeof gaussianConfigSchema>;

/** log sigma as a scalar (fixed) or the learned [size] vector, floored at log(minSigma). */
function logSigmaOf(config: GaussianConfig, params: LikelihoodParams): number | tf.Tensor {
  if (config.sigma !== 'learned') return Math.log(config.sigma);
  const learned = params.logSigma;
  if (learned === undefined) throw new CvaeError('likelihood', "a learned-sigma Gaussian needs its 'logSigma' parameter", { fix: 'build the model with new Cvae(config), which creates it' });
  return learned;
}

/** Continuous x; the decoder outputs means, sigma is fixed or learned per dimension. */
export const gaussianLikelihood: Likelihood<GaussianConfig> = {
  kind: 'gaussian',
  schema: gaussianConfigSchema,
  outputs: (_config, dataSize) => dataSize,
  parameters: (config, dataSize) => (config.sigma === 'learned' ? [{ name: 'logSigma', shape: [dataSize], init: 0 }] : []),
  nll: (config, mean, x, params) => gaussianNll(mean, x, logSigmaOf(config, params), Math.log(config.minSigma)),
  mean: (_config, mean) => tf.clone(mean),
  sample: (config, mean, seed, params) =>
    tf.tidy(() => {
      const logSigma = logSigmaOf(config, params);
      const floored = typeof logSigma === 'number' ? Math.max(logSigma, Math.log(config.minSigma)) : tf.maximum(logSigma, Math.log(config.minSigma));
      const sigma = typeof floored === 'number' ? Math.exp(floored) : tf.exp(floored);
      return tf.add(mean, tf.mul(tf.randomNormal(mean.shape, 0, 1, 'float32', seed), sigma));
    }),
};
