import { seededRandom } from '@cvae/core';
import { emptyRecord, type TabularRecord, type TabularValue } from '../values.js';

/**
 * `n` rows whose columns are drawn independently from the real marginals (each cell from a random
 * real row): right column shapes, no relation between columns — the floor for pair trends.
 *
 * @example
 * ```ts
 * const floor = independentDraws(realRows, 500, 0);
 * ```
 */
export function independentDraws(real: readonly TabularRecord[], n: number, seed: number, columns = Object.keys(real[0] ?? {})): TabularRecord[] {
  const random = seededRandom(`${seed}:independent`);
  return Array.from({ length: n }, () => {
    const row = emptyRecord<TabularValue>();
    for (const column of columns) row[column] = real[Math.floor(random() * real.length)][column] ?? null;
    return row;
  });
}

/**
 * `n` real rows drawn with replacement: what a perfect generator would give — the ceiling.
 *
 * @example
 * ```ts
 * const ceiling = resampledRows(realRows, 500, 0);
 * ```
 */
export function resampledRows(real: readonly TabularRecord[], n: number, seed: number): TabularRecord[] {
  const random = seededRandom(`${seed}:resampled`);
  return Array.from({ length: n }, () => ({ ...real[Math.floor(random() * real.length)] }));
}
