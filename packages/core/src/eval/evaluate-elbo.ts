import * as tf from '@tensorflow/tfjs-core';
import type { DatasetAdapter, Split } from '../data/dataset.js';
import { tfSeed } from '../data/seeded-random.js';
import { elboTerms } from '../loss/elbo.js';
import { sumOverSplit } from './sum-over-split.js';
import type { Cvae } from '../model/cvae.js';

/** The -ELBO and its terms over a whole split, nats per example. */
export interface ElboReport {
  readonly negElbo: number;
  readonly recon: number;
  readonly kl: number;
  readonly examples: number;
}

/**
 * Computes the -ELBO (beta = 1, one z sample per example) over a whole split, in order,
 * with a fixed noise seed so the same model always gets the same number.
 *
 * @example
 * ```ts
 * const { negElbo } = await evaluateElbo(model, mnist, 'test');
 * ```
 */
export async function evaluateElbo(
  model: Cvae,
  dataset: DatasetAdapter,
  split: Split,
  options: { batchSize?: number; seed?: number } = {},
): Promise<ElboReport> {
  const { batchSize = 1000, seed = 0 } = options;
  const { totals, examples } = await sumOverSplit(dataset, split, batchSize, (x, c, index) => {
    const terms = elboTerms(model, x, c, 1, tfSeed(seed + index));
    return tf.mul(tf.stack([terms.recon, terms.kl]), x.shape[0]) as tf.Tensor1D;
  });
  const [recon, kl] = totals.map((t) => t / examples);
  return { negElbo: recon + kl, recon, kl, examples };
}
