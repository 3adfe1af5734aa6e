import { CvaeError } from '../errors/cvae-error.js';

/**
 * Each row of `rows` (row-major, `width` values a row) repeated `times` times in a row, e.g. one
 * condition vector turned into the conditions of `times` samples. With `times` = 1 a copy.
 *
 * @example
 * ```ts
 * repeatRows(new Float32Array([0, 1]), 3);           // [0, 1, 0, 1, 0, 1]
 * repeatRows(new Float32Array([1, 0, 0, 1]), 2, 2);  // [1, 0, 1, 0, 0, 1, 0, 1]
 * ```
 */
export function repeatRows(rows: Float32Array, times: number, width = rows.length): Float32Array {
  if (!Number.isInteger(times) || times < 0) throw new CvaeError('data', `repeatRows: times must be an integer >= 0, found ${times}`);
  if (width <= 0 || rows.length % width !== 0) throw new CvaeError('data', `repeatRows: ${rows.length} values do not make rows of ${width}`);
  const count = rows.length / width;
  const out = new Float32Array(rows.length * times);
  for (let r = 0; r < count; r++) {
    const row = rows.subarray(r * width, (r + 1) * width);
    for (let t = 0; t < times; t++) out.set(row, (r * times + t) * width);
  }
  return out;
}
