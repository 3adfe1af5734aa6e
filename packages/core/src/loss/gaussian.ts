import * as tf from '@tensorflow/tfjs-core';

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

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
