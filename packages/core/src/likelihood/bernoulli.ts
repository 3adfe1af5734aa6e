import * as tf from '@tensorflow/tfjs-core';
import { z } from 'zod';
import type { Likelihood } from './likelihood.js';

type NllOp = (logits: tf.Tensor2D, x: tf.Tensor2D) => tf.Tensor1D;

// -log Bernoulli(x | sigmoid(l)) summed over dimensions, in the numerically stable form
// max(l, 0) - l x + log1p(exp(-|l|)), where log1p(exp(-|l|)) = -log(sigmoid(|l|)) is computed as the
// latter: sigmoid(|l|) lies in [0.5, 1], so the log is exact to float32 rounding, and on wasm
// Sigmoid + Log cost half of Exp + Log1p (measured, bench/). The gradient is written out,
// d/dl = sigmoid(l) - x, because autodiff through the element-wise ops costs a dozen kernels.
const bernoulliNllOp = tf.customGrad((...args: unknown[]) => {
  const [logits, x, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc];
  const perDim = tf.sub(tf.sub(tf.relu(logits), tf.mul(logits, x)), tf.log(tf.sigmoid(tf.abs(logits))));
  save([logits, x]);
  return {
    value: tf.sum(perDim, 1),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [l, xs] = saved;
      return [tf.mul(tf.expandDims(dy, 1), tf.sub(tf.sigmoid(l), xs)), tf.zerosLike(xs)];
    },
  };
}) as unknown as NllOp;

/**
 * Per-example negative log-likelihood of binary data under Bernoulli(sigmoid(logits)), in nats,
 * summed over dimensions. Shape [batch].
 *
 * @example
 * ```ts
 * const nll = bernoulliNll(logits, x); // x in {0, 1}
 * ```
 */
export function bernoulliNll(logits: tf.Tensor2D, x: tf.Tensor2D): tf.Tensor1D {
  return bernoulliNllOp(logits, x);
}

/** Binary x; the decoder outputs logits. */
export const bernoulliLikelihood: Likelihood<{ kind: 'bernoulli' }> = {
  kind: 'bernoulli',
  schema: z.object({ kind: z.literal('bernoulli') }),
  outputs: (_config, dataSize) => dataSize,
  nll: (_config, logits, x) => bernoulliNll(logits, x),
  mean: (_config, logits) => tf.sigmoid(logits),
  sample: (_config, logits, seed) =>
    tf.tidy(() => tf.cast(tf.less(tf.randomUniform(logits.shape, 0, 1, 'float32', seed), tf.sigmoid(logits)), 'float32') as tf.Tensor2D),
};
