import * as tf from '@tensorflow/tfjs-core';
import { z } from 'zod';
import type { Likelihood } from './likelihood.js';

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

/**
 * One draw per row from Categorical(softmax(logits)) as a one-hot row, by the Gumbel-max trick
 * (argmax of logits + Gumbel noise): only element-wise ops, ArgMax and OneHot, which every backend has.
 */
function sampleOneHot(logits: tf.Tensor2D, seed: number): tf.Tensor2D {
  return tf.tidy(() => {
    const u = tf.randomUniform(logits.shape, 1e-7, 1, 'float32', seed);
    const gumbel = tf.neg(tf.log(tf.neg(tf.log(u))));
    return tf.cast(tf.oneHot(tf.argMax(tf.add(logits, gumbel), 1), logits.shape[1]), 'float32') as tf.Tensor2D;
  });
}

/** One categorical variable, one-hot in x; the decoder outputs logits. */
export const categoricalLikelihood: Likelihood<{ kind: 'categorical' }> = {
  kind: 'categorical',
  schema: z.object({ kind: z.literal('categorical') }),
  outputs: (_config, dataSize) => dataSize,
  nll: (_config, logits, x) => categoricalNll(logits, x),
  mean: (_config, logits) => tf.softmax(logits),
  sample: (_config, logits, seed) => sampleOneHot(logits, seed),
};
