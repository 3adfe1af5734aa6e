import * as tf from '@tensorflow/tfjs-core';

/**
 * Per-example KL(N(mu, diag(exp(logvar))) || N(0, I)) in nats, summed over latent dimensions
 * (Kingma & Welling 2014, appendix B): -1/2 sum(1 + logvar - mu^2 - exp(logvar)). Shape [batch].
 *
 * @example
 * ```ts
 * const kl = gaussianKl(mu, logvar);
 * ```
 */
export function gaussianKl(mu: tf.Tensor2D, logvar: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => tf.mul(tf.sum(tf.sub(tf.add(tf.square(mu), tf.exp(logvar)), tf.add(logvar, 1)), 1), 0.5));
}
