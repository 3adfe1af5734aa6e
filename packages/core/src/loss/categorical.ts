import * as tf from '@tensorflow/tfjs-core';

/**
 * Per-example negative log-likelihood of one-hot data under Categorical(softmax(logits)), in
 * nats: -sum_k x_k log softmax(l)_k, with log-softmax computed as l - logsumexp(l) (stable).
 * `x` rows are one-hot (or probability vectors); shape [batch].
 *
 * @example
 * ```ts
 * const nll = categoricalNll(logits, oneHotRows);
 * ```
 */
export function categoricalNll(logits: tf.Tensor2D, x: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => {
    const logNormaliser = tf.logSumExp(logits, 1, true);
    return tf.neg(tf.sum(tf.mul(x, tf.sub(logits, logNormaliser)), 1)) as tf.Tensor1D;
  });
}
