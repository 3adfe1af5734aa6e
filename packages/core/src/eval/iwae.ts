import * as tf from '@tensorflow/tfjs-core';
import type { DatasetAdapter, Split } from '../data/dataset.js';
import { sumOverSplit } from './sum-over-split.js';
import { tfSeed } from '../data/seeded-random.js';
import { logWeightParts } from '../loss/log-weights.js';
import type { Cvae } from '../model/cvae.js';
import { CvaeError } from '../errors/cvae-error.js';

/** Options of the importance-weighted estimate: samples per example, chunk size, seed. */
export interface IwaeOptions {
  /** Importance samples per example. */
  readonly k: number;
  /** Samples decoded together (memory only: the estimate does not depend on it). */
  readonly chunk?: number;
  readonly seed?: number;
}

/**
 * Importance-weighted estimate of log p(x|c) per example (Burda et al. 2015, eq. 8):
 * log (1/k) sum_i p(x|z_i,c) p(z_i) / q(z_i|x,c), z_i ~ q(z|x,c). The log-mean-exp is streamed over
 * chunks of samples (running max and rescaled sum), so memory does not grow with k. Shape [batch].
 *
 * @example
 * ```ts
 * const logPx = iwaeLogLikelihood(model, x, c, { k: 1000 }); // mean(-logPx) is the NLL in nats
 * ```
 */
export function iwaeLogLikelihood(model: Cvae, x: tf.Tensor2D, c: tf.Tensor2D, options: IwaeOptions): tf.Tensor1D {
  const { k, chunk = Math.max(1, Math.min(k, Math.floor(20_000 / x.shape[0]))), seed = 0 } = options;
  if (!Number.isInteger(k) || k < 1) throw new CvaeError('iwae', `k must be a positive integer, found ${k}`);
  const rows = x.shape[0];
  const { mu, logvar } = model.encode(x, c);
  const prior = model.hasGaussianPrior ? model.prior(c) : undefined;
  let runningMax = tf.fill([rows], -Infinity) as tf.Tensor1D;
  let runningSum = tf.zeros([rows]) as tf.Tensor1D;
  for (let done = 0, index = 0; done < k; done += chunk, index++) {
    const samples = Math.min(chunk, k - done);
    const logWeights = tf.tidy(() => {
      const noiseSeed = tfSeed(seed * 100_003 + index);
      const eps = tf.randomNormal([samples, rows, mu.shape[1]], 0, 1, 'float32', noiseSeed) as tf.Tensor3D;
      const { logPx, logPz, logQ } = logWeightParts(model, x, c, mu, logvar, prior, eps, {}, noiseSeed + 15_485_863);
      return tf.sub(tf.add(logPx, logPz), logQ) as tf.Tensor2D; // [samples, rows]
    });
    const [nextMax, nextSum] = tf.tidy(() => {
      const m = tf.maximum(runningMax, tf.max(logWeights, 0));
      const s = tf.add(tf.mul(runningSum, tf.exp(tf.sub(runningMax, m))), tf.sum(tf.exp(tf.sub(logWeights, m)), 0));
      return [m, s] as [tf.Tensor1D, tf.Tensor1D];
    });
    tf.dispose([logWeights, runningMax, runningSum]);
    runningMax = nextMax;
    runningSum = nextSum;
  }
  const result = tf.tidy(() => tf.sub(tf.add(runningMax, tf.log(runningSum)), Math.log(k)) as tf.Tensor1D);
  tf.dispose([mu, logvar, runningMax, runningSum, ...(prior === undefined ? [] : [prior.mu, prior.logvar])]);
  return result;
}

/**
 * The importance-weighted NLL, -mean log p(x|c), over a whole split (nats per example), and per
 * observed unit (`Cvae.units`: tokens for text, so exp(nllPerUnit) is the per-token perplexity).
 *
 * @example
 * ```ts
 * const { nll } = await evaluateIwae(model, mnist, 'test', { k: 1000 });
 * ```
 */
export async function evaluateIwae(
  model: Cvae,
  dataset: DatasetAdapter,
  split: Split,
  options: IwaeOptions & { batchSize?: number },
): Promise<{ nll: number; examples: number; unitsPerExample: number; nllPerUnit: number }> {
  const { batchSize = 100, seed = 0 } = options;
  const { totals, examples } = await sumOverSplit(dataset, split, batchSize, (x, c, index) =>
    tf.stack([tf.neg(tf.sum(iwaeLogLikelihood(model, x, c, { ...options, seed: seed + 7919 * index }))), tf.sum(model.units(x))]) as tf.Tensor1D,
  );
  return { nll: totals[0] / examples, examples, unitsPerExample: totals[1] / examples, nllPerUnit: totals[0] / totals[1] };
}
