import type { DatasetAdapter } from '@cvae/core';

/**
 * log p(c) from the class frequencies of the training split (Laplace-smoothed), for a dataset
 * with a one-hot condition of `classes` classes.
 *
 * @example
 * ```ts
 * const logPrior = await logClassPrior(dataset, 10);
 * ```
 */
export async function logClassPrior(dataset: DatasetAdapter, classes: number): Promise<number[]> {
  const counts = new Array<number>(classes).fill(1);
  for await (const batch of dataset.batches('train', 1000, { shuffle: false })) {
    for (let r = 0; r < batch.size; r++) counts[batch.c.subarray(r * classes, (r + 1) * classes).indexOf(1)]++;
  }
  const total = counts.reduce((a, b) => a + b, 0);
  return counts.map((n) => Math.log(n / total));
}
