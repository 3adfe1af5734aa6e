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

/**
 * Holds out `fraction` of the training rows `train` as a validation split (seeded; none when the
 * fraction is 0). The training split keeps at least one row.
 *
 * @example
 * ```ts
 * const { train, validation } = holdOutValidation(splitRows(100, 0.2, 0).train, 0.1, 0); // 72 and 8 rows
 * ```
 */
export function holdOutValidation(train: Uint32Array, fraction: number, seed: number): { train: Uint32Array; validation: Uint32Array } {
  if (!(fraction >= 0 && fraction < 1)) throw new DatasetError('tabular', `validationFraction must be in [0, 1), got ${fraction}`);
  const size = fraction === 0 ? 0 : Math.min(train.length - 1, Math.max(1, Math.round(train.length * fraction)));
  if (size <= 0) return { train, validation: new Uint32Array(0) };
  const order = permutation(train.length, seededRandom(`${seed}:validation`));
  return { train: order.slice(size).sort().map((i) => train[i]), validation: order.slice(0, size).sort().map((i) => train[i]) };
}
