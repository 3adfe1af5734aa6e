import * as tf from '@tensorflow/tfjs-core';
import { z } from 'zod';
import type { Likelihood } from './likelihood.js';

// -log Bernoulli(x | sigmoid(l)) per dimension, stable for any |l|, in one of two equal forms:
// softplus(l) - l x (3 element-wise kernels: every backend's Softplus switches to l, resp. exp(l), where
// log(1 + exp(l)) would overflow, resp. round to 0) or relu(l) - l x - log(sigmoid(|l|)) (6 kernels;
// sigmoid(|l|) lies in [0.5, 1], so its log is exact to float32 rounding). The second where the backend's
// Softplus is slower than its Sigmoid + Log: wasm's is scalar C++, and there the NLL's forward + gradient
// on [128, 784] took 3.91 ms with it against 1.99 (node 2.12 vs 2.55, cpu 33.5 vs 40.0;
// bench/bernoulli-nll-ab.mjs, 2026-12-02, quiet machine).
const LOG_SIGMOID_FORM_BACKENDS = new Set(['wasm']);

function perDimensionNll(l: tf.Tensor2D, x: tf.Tensor2D): tf.Tensor2D {
  if (LOG_SIGMOID_FORM_BACKENDS.has(tf.getBackend())) return tf.sub(tf.sub(tf.relu(l), tf.mul(l, x)), tf.log(tf.sigmoid(tf.abs(l))));
  return tf.sub(tf.softplus(l), tf.mul(l, x));
}

// The gradient is written out, d/dl = sigmoid(l) - x, because autodiff through the element-wise ops costs
// a dozen kernels. x is data: saved for the gradient (a saved tensor is a reference, not a copy) but not
// an input of the custom op, so no zero gradient is launched for it.
function bernoulliNllOp(logits: tf.Tensor2D, x: tf.Tensor2D): tf.Tensor1D {
  const op = tf.customGrad((...args: unknown[]) => {
    const [l, save] = args as [tf.Tensor2D, tf.GradSaveFunc];
    save([l, x]);
    return {
      value: tf.sum(perDimensionNll(l, x), 1),
      gradFunc: (dy: tf.Tensor, [ls, xs]: tf.Tensor[]) => tf.mul(tf.expandDims(dy, 1), tf.sub(tf.sigmoid(ls), xs)),
    };
  }) as unknown as (l: tf.Tensor2D) => tf.Tensor1D;
  return op(logits);
}

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
