import * as tf from '@tensorflow/tfjs-core';
import type { DatasetAdapter, Split } from '../data/dataset.js';
import { tfSeed } from '../data/seeded-random.js';
import { elboTerms } from '../loss/elbo.js';
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
  const { input, condition } = dataset.spec;
  let recon = 0;
  let kl = 0;
  let examples = 0;
  let index = 0;
  for await (const batch of dataset.batches(split, batchSize, { shuffle: false, seed })) {
    const sums = tf.tidy(() => {
      const x = tf.tensor2d(batch.x, [batch.size, input.size]);
      const c = tf.tensor2d(batch.c, [batch.size, condition.size]);
      const terms = elboTerms(model, x, c, 1, tfSeed(seed + index));
      return tf.stack([terms.recon, terms.kl]);
    });
    const [r, k] = sums.dataSync();
    sums.dispose();
    recon += r * batch.size;
    kl += k * batch.size;
    examples += batch.size;
    index++;
  }
  if (examples === 0) throw new Error(`[cvae] evaluate: the ${split} split of ${dataset.id} is empty`);
  return { negElbo: (recon + kl) / examples, recon: recon / examples, kl: kl / examples, examples };
}
