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

/**
 * The batch mean of {@link gaussianKl}, a scalar, with its gradient written out:
 * d/dmu = mu / B, d/dlogvar = (exp(logvar) - 1) / 2B for a batch of B. The training loss's KL term:
 * 7 kernels forward and 4 backward, where tfjs's autodiff through the mean, sum and element-wise ops
 * launches ~18 (each broadcasting gradient adds a reshape and a ones tensor).
 *
 * @example
 * ```ts
 * const kl = meanGaussianKl(mu, logvar); // = tf.mean(gaussianKl(mu, logvar))
 * ```
 */
export function meanGaussianKl(mu: tf.Tensor2D, logvar: tf.Tensor2D): tf.Scalar {
  const op = tf.customGrad((...args: unknown[]) => {
    const [m, lv, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc];
    const varianceLessOne = tf.sub(tf.exp(lv), 1);
    save([m, varianceLessOne]);
    // Each element's term mu^2 + exp(logvar) - 1 - logvar is >= 0: summing them keeps a small KL exact.
    const value = tf.mul(tf.sum(tf.sub(tf.add(tf.square(m), varianceLessOne), lv)), 0.5 / m.shape[0]) as tf.Scalar;
    return {
      value,
      gradFunc: (dy: tf.Tensor, [ms, vs]: tf.Tensor[]) => {
        const scale = tf.mul(dy, 1 / m.shape[0]);
        return [tf.mul(ms, scale), tf.mul(vs, tf.mul(scale, 0.5))];
      },
    };
  }) as unknown as (m: tf.Tensor2D, lv: tf.Tensor2D) => tf.Scalar;
  return op(mu, logvar);
}

/**
 * KL(q || N(0, I)) per example and latent dimension, shape [batch, latent] (summing over the last
 * axis gives `gaussianKl`).
 *
 * @example
 * ```ts
 * const perDim = tf.mean(gaussianKlPerDimension(mu, logvar), 0); // batch-mean KL of each unit
 * ```
 */
export function gaussianKlPerDimension(mu: tf.Tensor2D, logvar: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => tf.mul(tf.sub(tf.add(tf.square(mu), tf.exp(logvar)), tf.add(logvar, 1)), 0.5));
}

/**
 * KL(N(muQ, diag(exp(logvarQ))) || N(muP, diag(exp(logvarP)))) per example and dimension, nats,
 * shape [batch, latent]: 1/2 (logvarP - logvarQ + (exp(logvarQ) + (muQ - muP)^2) / exp(logvarP) - 1).
 * With muP = 0 and logvarP = 0 it equals `gaussianKlPerDimension`.
 *
 * @example
 * ```ts
 * const kl = tf.sum(gaussianKlBetween(mu, logvar, prior.mu, prior.logvar), 1);
 * ```
 */
export function gaussianKlBetween(muQ: tf.Tensor2D, logvarQ: tf.Tensor2D, muP: tf.Tensor2D, logvarP: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const ratio = tf.div(tf.add(tf.exp(logvarQ), tf.squaredDifference(muQ, muP)), tf.exp(logvarP));
    return tf.mul(tf.sub(tf.add(tf.sub(logvarP, logvarQ), ratio), 1), 0.5);
  });
}
