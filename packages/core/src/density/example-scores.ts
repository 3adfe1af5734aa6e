import * as tf from '@tensorflow/tfjs-core';
import { tfSeed } from '../data/seeded-random.js';
import { iwaeLogLikelihood } from '../eval/iwae.js';
import { gaussianKlBetween } from '../loss/kl.js';
import { sampledKl } from '../loss/elbo.js';
import { reparameterize, type Cvae } from '../model/cvae.js';
import { marginalLogLikelihood } from './ood-scores.js';

/** Per-example scores of rows of x under their conditions, nats. */
export interface ExampleScores {
  /** -ELBO of each row (one z sample): an upper bound on -log p(x|c). */
  readonly negElbo: Float32Array;
  /** The importance-weighted estimate of -log p(x|c) with k samples (Burda et al. 2015). */
  readonly nll: Float32Array;
}

/**
 * -ELBO and IWAE -log p(x|c) of each example: the model's density as a score (high = unlikely),
 * e.g. for outliers. x and c are row-major tensors of one batch.
 *
 * @example
 * ```ts
 * const { nll } = exampleScores(model, x, c, { k: 100 }); // nll[i] = -log p(x_i | c_i), nats
 * ```
 */
export function exampleScores(model: Cvae, x: tf.Tensor2D, c: tf.Tensor2D, options: { k: number; seed?: number }): ExampleScores {
  const seed = options.seed ?? 0;
  const negElbo = tf.tidy(() => {
    const { mu, logvar } = model.encode(x, c);
    const eps = tf.randomNormal(mu.shape, 0, 1, 'float32', tfSeed(seed)) as tf.Tensor2D;
    const z = reparameterize(mu, logvar, eps);
    const recon = model.reconstructionNll(model.decode(z, c, x), x);
    if (!model.hasGaussianPrior) return tf.add(recon, sampledKl(model, eps, logvar, z, c, tfSeed(seed)));
    const prior = model.prior(c);
    return tf.add(recon, tf.sum(gaussianKlBetween(mu, logvar, prior.mu, prior.logvar), 1));
  });
  const logPx = iwaeLogLikelihood(model, x, c, { k: options.k, seed });
  const nll = (logPx.dataSync() as Float32Array).map((v) => -v);
  const result = { negElbo: negElbo.dataSync() as Float32Array, nll };
  tf.dispose([negElbo, logPx]);
  return result;
}

/**
 * log p(x|c) of every row of x under every condition row of `conditions` (IWAE, k samples):
 * row-major [rows, conditions]. The same noise seed serves every condition, so differences
 * between conditions are not noise between estimates.
 *
 * @example
 * ```ts
 * const logLik = logLikelihoodPerCondition(model, x, oneHot([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 10), { k: 50 });
 * ```
 */
export function logLikelihoodPerCondition(model: Cvae, x: tf.Tensor2D, conditions: Float32Array, options: { k: number; seed?: number }): Float32Array {
  const { conditionSize } = model.config;
  const count = conditions.length / conditionSize;
  const rows = x.shape[0];
  const out = new Float32Array(rows * count);
  for (let j = 0; j < count; j++) {
    const logPx = tf.tidy(() => {
      const row = tf.tensor2d(conditions.subarray(j * conditionSize, (j + 1) * conditionSize), [1, conditionSize]);
      const c = tf.tile(row, [rows, 1]) as tf.Tensor2D;
      return iwaeLogLikelihood(model, x, c, { k: options.k, seed: options.seed ?? 0 });
    });
    const values = logPx.dataSync();
    logPx.dispose();
    for (let i = 0; i < rows; i++) out[i * count + j] = values[i];
  }
  return out;
}

/**
 * Generative classification: p(c|x) ∝ p(x|c) p(c), from log p(x|c) per condition (row-major
 * [rows, classes]) and the log prior of each class (e.g. from training frequencies). Returns the
 * posterior, row-major, each row summing to 1 (log-sum-exp normalised).
 *
 * @example
 * ```ts
 * const posterior = classPosterior(logLik, 10, Array(10).fill(Math.log(0.1)));
 * ```
 */
export function classPosterior(logLikelihood: Float32Array, classes: number, logPrior: readonly number[]): Float32Array {
  return Float32Array.from(logClassPosterior(logLikelihood, classes, logPrior), Math.exp);
}

/**
 * log p(c|x) per row and class (row-major [rows, classes]), in doubles: the log of
 * {@link classPosterior}, which keeps the least probable classes apart where the posterior
 * itself underflows to 0 (e.g. to rank suspect labels).
 *
 * @example
 * ```ts
 * const logPost = logClassPosterior(logLik, 10, Array(10).fill(Math.log(0.1)));
 * ```
 */
export function logClassPosterior(logLikelihood: Float32Array, classes: number, logPrior: readonly number[]): Float64Array {
  const logPx = marginalLogLikelihood(logLikelihood, classes, logPrior);
  return Float64Array.from(logLikelihood, (v, i) => v + logPrior[i % classes] - logPx[Math.floor(i / classes)]);
}
