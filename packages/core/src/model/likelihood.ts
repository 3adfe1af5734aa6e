import * as tf from '@tensorflow/tfjs-core';
import { bernoulliNll } from '../loss/bernoulli.js';
import { gaussianNll } from '../loss/gaussian.js';
import { mixedNll } from '../loss/mixed.js';
import type { LikelihoodConfig } from './config.js';

/**
 * -log p(x|z,c) per example (nats, shape [batch]) for the decoder output `out` under the
 * configured likelihood. `logSigma` is the learned per-dimension log sigma, when there is one.
 *
 * @example
 * ```ts
 * const nll = reconstructionNll({ kind: 'bernoulli' }, logits, x);
 * ```
 */
export function reconstructionNll(likelihood: LikelihoodConfig, out: tf.Tensor2D, x: tf.Tensor2D, logSigma?: tf.Tensor1D): tf.Tensor1D {
  switch (likelihood.kind) {
    case 'bernoulli':
      return bernoulliNll(out, x);
    case 'gaussian':
      if (likelihood.sigma === 'learned') {
        if (logSigma === undefined) throw new Error('[cvae] a learned-sigma Gaussian needs the model\'s logSigma variable');
        return gaussianNll(out, x, logSigma, Math.log(likelihood.minSigma));
      }
      return gaussianNll(out, x, Math.log(likelihood.sigma));
    case 'mixed':
      return mixedNll(out, x, likelihood.groups);
  }
}

/**
 * The mean of p(x|z,c) from the decoder output: probabilities for Bernoulli and categorical
 * columns, the output itself for Gaussian ones.
 *
 * @example
 * ```ts
 * const image = decoderMean({ kind: 'bernoulli' }, logits); // sigmoid(logits)
 * ```
 */
export function decoderMean(likelihood: LikelihoodConfig, out: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    switch (likelihood.kind) {
      case 'bernoulli':
        return tf.sigmoid(out);
      case 'gaussian':
        return tf.clone(out);
      case 'mixed':
        return tf.concat(
          likelihood.groups.map((g) => {
            const part = tf.slice(out, [0, g.start], [-1, g.size]) as tf.Tensor2D;
            return g.kind === 'gaussian' ? part : g.kind === 'bernoulli' ? tf.sigmoid(part) : tf.softmax(part);
          }),
          1,
        ) as tf.Tensor2D;
    }
  });
}
