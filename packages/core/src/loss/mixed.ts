import * as tf from '@tensorflow/tfjs-core';
import { bernoulliNll } from './bernoulli.js';
import { categoricalNll } from './categorical.js';
import { gaussianNll } from './gaussian.js';

/** One group of columns of x and the likelihood that models it. */
export type ColumnGroup =
  | { readonly kind: 'gaussian'; readonly start: number; readonly size: number; readonly logSigma: number }
  | { readonly kind: 'bernoulli'; readonly start: number; readonly size: number }
  | { readonly kind: 'categorical'; readonly start: number; readonly size: number };

/**
 * Per-example NLL of a row made of column groups (e.g. a tabular record: continuous columns,
 * binary flags, one-hot categoricals), each under its own likelihood; the groups' NLLs add up
 * because the decoder makes them conditionally independent given z and c. Nats, shape [batch].
 * The decoder output has the same layout as x (means for gaussian, logits otherwise).
 *
 * @example
 * ```ts
 * const groups = [{ kind: 'gaussian', start: 0, size: 2, logSigma: 0 }, { kind: 'categorical', start: 2, size: 3 }];
 * const nll = mixedNll(decoderOut, x, groups);
 * ```
 */
export function mixedNll(output: tf.Tensor2D, x: tf.Tensor2D, groups: readonly ColumnGroup[]): tf.Tensor1D {
  const width = groups.reduce((end, g) => Math.max(end, g.start + g.size), 0);
  if (width !== x.shape[1]) {
    throw new RangeError(`[cvae] mixed likelihood: the column groups cover ${width} columns, x has ${x.shape[1]}`);
  }
  return tf.tidy(() => {
    const parts = groups.map((group) => {
      const out = tf.slice(output, [0, group.start], [-1, group.size]) as tf.Tensor2D;
      const xs = tf.slice(x, [0, group.start], [-1, group.size]) as tf.Tensor2D;
      if (group.kind === 'gaussian') return gaussianNll(out, xs, group.logSigma);
      if (group.kind === 'bernoulli') return bernoulliNll(out, xs);
      return categoricalNll(out, xs);
    });
    return tf.addN(parts) as tf.Tensor1D;
  });
}
