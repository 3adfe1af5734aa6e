import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCpuBackend } from '../../../test/use-cpu-backend.js';

beforeAll(useCpuBackend);

describe('fast cpu split', () => {
  it.each([
    [2, 1],
    [[3, -1, 2], 1],
    [[1, 4], 0],
    [5, -1],
  ] as [number | number[], number][])('tf.split(x, %j, axis %i) equals slices of x', (splits, axis) => {
    const x = tf.tensor2d(Array.from({ length: 5 * 10 }, (_, i) => i * 0.5 - 3), [5, 10]);
    const pieces = tf.split(x, splits, axis);
    const dim = axis < 0 ? axis + 2 : axis;
    let offset = 0;
    for (const piece of pieces) {
      const begin = dim === 0 ? [offset, 0] : [0, offset];
      const expected = tf.slice(x, begin, piece.shape);
      expect(piece.shape).toEqual(expected.shape);
      expect(Array.from(piece.dataSync())).toEqual(Array.from(expected.dataSync()));
      offset += piece.shape[dim];
      expected.dispose();
    }
    expect(offset).toBe(x.shape[dim]);
    tf.dispose([x, ...pieces]);
  });

  it('leaves other dtypes and ranks to tfjs, and concat gradients still split correctly', () => {
    const ints = tf.tensor2d([[1, 2, 3, 4]], [1, 4], 'int32');
    expect(tf.split(ints, 2, 1).map((t) => Array.from(t.dataSync()))).toEqual([[1, 2], [3, 4]]);
    const a = tf.tensor2d([[1, 2]]);
    const b = tf.tensor2d([[3, 4, 5]]);
    const [da, db] = tf.grads((p: tf.Tensor, q: tf.Tensor) => tf.sum(tf.mul(tf.concat([p, q], 1), tf.tensor2d([[1, 2, 3, 4, 5]]))))([a, b]);
    expect(Array.from(da.dataSync())).toEqual([1, 2]);
    expect(Array.from(db.dataSync())).toEqual([3, 4, 5]);
  });
});
