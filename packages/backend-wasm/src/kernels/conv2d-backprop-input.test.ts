import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { wasmBackend } from '../wasm-backend.js';
import { randomArray, type ConvCase as Case } from './conv-test-cases.js';

beforeAll(() => wasmBackend({ threads: 1 }).init());

/**
 * Largest |a - b| / max(|b|, 1% of max |b|). The floor scales with the values: a float32 sum of
 * hundreds of products that cancels to near zero is off by ~1e-6 absolute, as tfjs's own wasm
 * kernel is (its results are bit-identical to ours on the decoder's shapes); cpu sums in float64.
 */
function maxRelativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let scale = 0;
  for (let i = 0; i < b.length; i++) scale = Math.max(scale, Math.abs(b[i]));
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.max(Math.abs(b[i]), 0.01 * scale));
  return worst;
}

describe('Conv2DBackpropInput for wasm (stride-1 convolutions per phase)', () => {
  const cases: Case[] = [
    { x: [4, 14, 14, 32], filter: [4, 4, 32, 16], strides: 2, pad: 'same' }, // the conv decoder's shapes
    { x: [3, 28, 28, 1], filter: [4, 4, 1, 8], strides: 2, pad: 'same' },
    { x: [2, 7, 9, 3], filter: [3, 3, 3, 4], strides: 2, pad: 'same' }, // odd sides
    { x: [2, 9, 8, 2], filter: [3, 2, 2, 5], strides: [1, 2], pad: 'valid' },
    { x: [2, 10, 11, 2], filter: [5, 4, 2, 3], strides: 3, pad: 'same' },
    { x: [1, 6, 6, 2], filter: [1, 1, 2, 3], strides: 2, pad: 'valid' }, // phases that no tap reaches
    { x: [2, 8, 7, 3], filter: [3, 3, 3, 2], strides: 2, pad: 1 },
    { x: [2, 5, 6, 3], filter: [3, 3, 3, 4], strides: 1, pad: 'same' },
    { x: [2, 3, 8, 7], filter: [4, 4, 3, 2], strides: 2, pad: 'same', dataFormat: 'NCHW' }, // tfjs's kernel
  ];

  it.each(cases)('equals tfjs-backend-cpu within 1e-4 relative: %j', async ({ x, filter, strides, pad, dataFormat = 'NHWC' }) => {
    const info = tf.backend_util.computeConv2DInfo(x, filter, strides, 1, pad, undefined, false, tf.backend_util.convertConv2DDataFormat(dataFormat));
    const dyShape = dataFormat === 'NHWC' ? [x[0], info.outHeight, info.outWidth, filter[3]] : [x[0], filter[3], info.outHeight, info.outWidth];
    const dyValues = randomArray(dyShape.reduce((a, b) => a * b), `dy${x}`);
    const filterValues = randomArray(filter.reduce((a, b) => a * b), `f${filter}`);
    const kernel = () =>
      tf.engine().runKernel('Conv2DBackpropInput', { dy: tf.tensor(dyValues, dyShape), filter: tf.tensor(filterValues, filter) }, { strides, pad, dataFormat, inputShape: x }) as tf.Tensor;
    const on = async (backend: string) => {
      await tf.setBackend(backend);
      const t = tf.tidy(kernel);
      const values = (await t.data()) as Float32Array;
      expect(t.shape).toEqual(x);
      t.dispose();
      return values;
    };
    const before = tf.memory().numTensors;
    const expected = await on('cpu');
    const found = await on('wasm');
    expect(maxRelativeError(found, expected)).toBeLessThan(1e-4);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('frees every intermediate buffer', () => {
    const dy = tf.randomNormal([2, 4, 4, 6], 0, 1, 'float32', 1) as tf.Tensor4D;
    const f = tf.randomNormal([4, 4, 3, 6], 0, 1, 'float32', 2) as tf.Tensor4D;
    tf.dispose(tf.conv2dTranspose(dy, f, [2, 8, 8, 3], 2, 'same')); // warm-up
    const buffers = tf.memory().numDataBuffers;
    tf.dispose(tf.conv2dTranspose(dy, f, [2, 8, 8, 3], 2, 'same'));
    expect(tf.memory().numDataBuffers).toBe(buffers);
    tf.dispose([dy, f]);
  });
});
