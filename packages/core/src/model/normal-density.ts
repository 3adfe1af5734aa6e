import * as tf from '@tensorflow/tfjs-core';
import { HALF_LOG_2PI } from '../likelihood/gaussian.js';

/**
 * log N(z; mu, diag(exp(logvar))) summed over the last (latent) axis: one value per row of any leading
 * shape. The inputs broadcast against each other, e.g. z [rows, 1, latent] against a mixture's
 * mu [rows, K, latent] gives [rows, K].
 *
 * The one home of the diagonal Gaussian log-density in latent space (priors, importance weights,
 * the second stochastic layer, proposals of completion).
 *
 * @example
 * ```ts
 * const logPz = normalLogDensity(z, prior.mu, prior.logvar); // [rows]
 * ```
 */
export function normalLogDensity<R extends tf.Rank>(z: tf.Tensor, mu: tf.Tensor, logvar: tf.Tensor): tf.Tensor<R> {
  return tf.tidy(() => {
    // sub then square, not squaredDifference: its gradient does not reduce a broadcast input back to its shape.
    const standardised = tf.mul(tf.square(tf.sub(z, mu)), tf.exp(tf.neg(logvar)));
    const latent = z.shape[z.rank - 1];
    return tf.sub(tf.mul(tf.sum(tf.add(standardised, logvar), -1), -0.5), HALF_LOG_2PI * latent) as tf.Tensor<R>;
  });
}

/**
 * log N(z; mu, diag(exp(logvar))) for z = mu + exp(logvar / 2) eps, from the standard-normal noise eps
 * (no division): the same value as {@link normalLogDensity}, cheaper and exact at small variances.
 *
 * @example
 * ```ts
 * const logQ = reparameterizedLogDensity(eps, posterior.logvar); // [rows]
 * ```
 */
export function reparameterizedLogDensity<R extends tf.Rank>(eps: tf.Tensor, logvar: tf.Tensor): tf.Tensor<R> {
  return tf.tidy(() => {
    const latent = eps.shape[eps.rank - 1];
    return tf.sub(tf.mul(tf.sum(tf.add(tf.square(eps), logvar), -1), -0.5), HALF_LOG_2PI * latent) as tf.Tensor<R>;
  });
}
