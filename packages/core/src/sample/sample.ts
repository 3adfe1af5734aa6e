import * as tf from '@tensorflow/tfjs-core';
import { tfSeed } from '../data/seeded-random.js';
import type { Cvae } from '../model/cvae.js';

/**
 * Draws z ~ p(z|c) (from `seed`) for each condition row and decodes it. Returns the mean of
 * p(x|z,c) (pixel probabilities for Bernoulli data), row-major [rows, inputSize]: the usual way to
 * show samples.
 * The same model, conditions and seed give the same output on every run.
 *
 * @example
 * ```ts
 * const images = sampleMeans(model, oneHot([3, 3, 7], 10), 42); // two 3s and a 7
 * ```
 */
export function sampleMeans(model: Cvae, conditions: Float32Array, seed: number): Float32Array {
  const { conditionSize, latentSize } = model.config;
  if (conditions.length === 0 || conditions.length % conditionSize !== 0) {
    throw new RangeError(
      `[cvae] sample: conditions must hold whole rows of ${conditionSize} values, found ${conditions.length} values`,
    );
  }
  const rows = conditions.length / conditionSize;
  const means = tf.tidy(() => {
    const c = tf.tensor2d(conditions, [rows, conditionSize]);
    const eps = tf.randomNormal([rows, latentSize], 0, 1, 'float32', tfSeed(seed)) as tf.Tensor2D;
    // z ~ p(z|c): N(0, I), or the learned conditional prior.
    const prior = model.prior(c);
    const z = model.hasLearnedPrior ? (tf.add(prior.mu, tf.mul(tf.exp(tf.mul(prior.logvar, 0.5)), eps)) as tf.Tensor2D) : eps;
    return model.mean(model.decode(z, c));
  });
  const values = means.dataSync() as Float32Array;
  means.dispose();
  return values;
}
