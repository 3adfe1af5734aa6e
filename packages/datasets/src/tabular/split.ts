import { permutation, seededRandom } from '@cvae/core';
import { DatasetError } from '../dataset-error.js';

/** Row indices of the two splits, each in ascending (file) order. */
export interface SplitIndices {
  readonly train: Uint32Array;
  readonly test: Uint32Array;
}

/**
 * Splits `n` rows into train and test at random, reproducibly: the same `n`, fraction and seed
 * always give the same split. Both splits get at least one row.
 *
 * @example
 * ```ts
 * const { train, test } = splitRows(100, 0.2, 0); // 80 and 20 row indices
 * ```
 */
export function splitRows(n: number, testFraction: number, seed: number): SplitIndices {
  if (!(testFraction > 0 && testFraction < 1)) throw new DatasetError('tabular', `testFraction must be in (0, 1), got ${testFraction}`);
  if (n < 2) throw new DatasetError('tabular', `${n} usable row(s): a train and a test split need at least 2 rows (check the missing-value policy: "drop" removes incomplete rows)`);
  const testSize = Math.min(n - 1, Math.max(1, Math.round(n * testFraction)));
  const order = permutation(n, seededRandom(`${seed}:split`));
  const test = order.slice(0, testSize).sort();
  const train = order.slice(testSize).sort();
  return { train, test };
}
