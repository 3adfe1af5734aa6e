import * as tf from '@tensorflow/tfjs-core';

/**
 * The between-class variance of the posterior means, summed over latent dimensions:
 * sum_k (n_k / n) ||mean(mu | c = k) - mean(mu)||^2 over the batch, for one-hot (or soft) rows of c.
 * It is the squared maximum mean discrepancy with a linear kernel between each class's aggregate
 * posterior q(z|c=k) and the pooled q(z) (Gretton et al. 2012), weighted by class frequency: zero
 * when the class means of z coincide, i.e. when a linear read-out of z cannot tell classes apart
 * by their means. Added to the loss with a weight, it discourages z from carrying c — the class is
 * the decoder's to read from c — so z ~ p(z) stays valid for every c. Shape [] (a scalar).
 *
 * @example
 * ```ts
 * const penalty = classMeanPenalty(mu, c); // 0 when every class has the same mean code
 * ```
 */
export function classMeanPenalty(mu: tf.Tensor2D, c: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => {
    const n = mu.shape[0];
    const counts = tf.sum(c, 0); // [classes]
    // Class sums c^T mu with an explicit transpose (fast on wasm, see dense.ts).
    const sums = tf.matMul(tf.transpose(c), mu); // [classes, latent]
    const means = tf.div(sums, tf.reshape(tf.maximum(counts, 1e-8), [-1, 1]));
    const overall = tf.mean(mu, 0);
    // tf.square(tf.sub(...)), not tf.squaredDifference: the latter's gradient does not reduce a broadcast input.
    const spread = tf.sum(tf.square(tf.sub(means, overall)), 1); // [classes]
    return tf.div(tf.sum(tf.mul(counts, spread)), n) as tf.Scalar;
  });
}
