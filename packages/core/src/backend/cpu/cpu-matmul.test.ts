import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCpuBackend } from '../../../test/use-cpu-backend.js';
import { matMulInto } from './cpu-matmul.js';
import { transposeInto } from './cpu-transpose.js';

beforeAll(useCpuBackend);

function naive(a: Float32Array, b: Float32Array, m: number, k: number, n: number): Float64Array {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) for (let p = 0; p < k; p++) c[i * n + j] += a[i * k + p] * b[p * n + j];
  return c;
}

describe('fast cpu matMul', () => {
  it.each([
    [1, 1, 1],
    [8, 3, 5],
    [13, 7, 9], // 8-row block plus 5 remainder rows
    [20, 33, 2],
  ])('matMulInto equals the naive product for %i x %i x %i', (m, k, n) => {
    const a = Float32Array.from({ length: m * k }, (_, i) => ((i * 7) % 11) - 5 + (i % 3 === 0 ? 0 : 0.25));
    const b = Float32Array.from({ length: k * n }, (_, i) => ((i * 5) % 13) / 4 - 1);
    const out = new Float32Array(m * n).fill(42); // stale contents must not leak into the result
    matMulInto(a, b, m, k, n, out);
    const expected = naive(a, b, m, k, n);
    out.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 3));
  });

  it('backs tf.matMul on cpu, and transposed or batched products still agree', () => {
    const a = tf.randomNormal([9, 6], 0, 1, 'float32', 1);
    const b = tf.randomNormal([6, 4], 0, 1, 'float32', 2);
    const expected = naive(a.dataSync() as Float32Array, b.dataSync() as Float32Array, 9, 6, 4);
    Array.from(tf.matMul(a, b).dataSync()).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 4));
    Array.from(tf.matMul(tf.transpose(a), b, true, false).dataSync()).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 4));
    const batched = tf.matMul(tf.stack([a, a]) as tf.Tensor3D, tf.stack([b, b]) as tf.Tensor3D).dataSync();
    Array.from(batched.slice(36)).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 4));
    tf.dispose([a, b]);
  });
});

describe('fast cpu transpose', () => {
  it.each([
    [1, 1],
    [3, 70], // crosses a tile edge in one direction
    [45, 33],
  ])('transposeInto and tf.transpose agree with the definition for %i x %i', (rows, cols) => {
    const input = Float32Array.from({ length: rows * cols }, (_, i) => i * 0.5 - 3);
    const out = new Float32Array(rows * cols);
    transposeInto(input, rows, cols, out);
    const viaTf = tf.transpose(tf.tensor2d(input, [rows, cols])).dataSync();
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        expect(out[c * rows + r]).toBe(input[r * cols + c]);
        expect(viaTf[c * rows + r]).toBe(input[r * cols + c]);
      }
    }
  });
});
