import { CvaeError } from '../errors/cvae-error.js';

/**
 * One-hot encodes class ids into a row-major matrix (rows = labels.length, columns = classes).
 *
 * @example
 * ```ts
 * oneHot([2, 0], 3); // Float32Array [0, 0, 1, 1, 0, 0]
 * ```
 */
export function oneHot(labels: ArrayLike<number>, classes: number, out?: Float32Array): Float32Array {
  const result = out ?? new Float32Array(labels.length * classes);
  result.fill(0, 0, labels.length * classes);
  for (let row = 0; row < labels.length; row++) {
    const label = labels[row];
    if (!Number.isInteger(label) || label < 0 || label >= classes) {
      throw new CvaeError('one-hot', `label ${label} at row ${row} is outside 0..${classes - 1}`);
    }
    result[row * classes + label] = 1;
  }
  return result;
}
