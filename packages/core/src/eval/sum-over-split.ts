import * as tf from '@tensorflow/tfjs-core';
import type { DatasetAdapter, Split } from '../data/dataset.js';
import { CvaeError } from '../errors/cvae-error.js';

/**
 * Runs `perBatch` on every batch of a split, in order, and adds up what it returns: a 1-D tensor
 * of per-batch *sums* (e.g. [sum of recon, sum of KL]). Returns the totals and the example count.
 * Used by the evaluators so each is only its maths.
 *
 * @example
 * ```ts
 * const { totals, examples } = await sumOverSplit(mnist, 'test', 1000, (x, c, i) => tf.stack([...]));
 * ```
 */
export async function sumOverSplit(
  dataset: DatasetAdapter,
  split: Split,
  batchSize: number,
  perBatch: (x: tf.Tensor2D, c: tf.Tensor2D, index: number) => tf.Tensor1D,
): Promise<{ totals: number[]; examples: number }> {
  const { input, condition } = dataset.spec;
  let totals: number[] = [];
  let examples = 0;
  let index = 0;
  for await (const batch of dataset.batches(split, batchSize, { shuffle: false })) {
    const sums = tf.tidy(() =>
      perBatch(tf.tensor2d(batch.x, [batch.size, input.size]), tf.tensor2d(batch.c, [batch.size, condition.size]), index),
    );
    const values = Array.from(sums.dataSync());
    sums.dispose();
    totals = values.map((v, i) => v + (totals[i] ?? 0));
    examples += batch.size;
    index++;
  }
  if (examples === 0) throw new CvaeError('evaluate', `the ${split} split of ${dataset.id} is empty`);
  return { totals, examples };
}
