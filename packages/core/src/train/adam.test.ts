import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCpuBackend } from '../../test/use-cpu-backend.js';
import { createAdam } from './adam.js';

beforeAll(useCpuBackend);

describe('createAdam (host-memory path)', () => {
  it('follows tf.train.adam step for step and keeps no tensors of its own', () => {
    const init = [0.5, -1.2, 3, 0.01, -0.7, 2.2];
    const target = tf.tensor2d([1, 2, 3, 4, 5, 6], [2, 3]);
    const weights = tf.tensor2d([1, 0.1, 3, 0.5, 2, 1], [2, 3]);
    const ours = tf.variable(tf.tensor2d(init, [2, 3]), true, 'adam-test-ours');
    const theirs = tf.variable(tf.tensor2d(init, [2, 3]), true, 'adam-test-theirs');
    const loss = (w: tf.Variable) => () => tf.sum(tf.mul(tf.square(tf.sub(w, target)), weights)) as tf.Scalar;
    const adam = createAdam({ learningRate: 0.05 });
    const before = tf.memory().numTensors;
    for (let step = 0; step < 25; step++) {
      const { value, grads } = tf.variableGrads(loss(ours), [ours]);
      adam.apply([ours], grads);
      tf.dispose([value, ...Object.values(grads)]);
    }
    expect(tf.memory().numTensors).toBe(before);
    const reference = tf.train.adam(0.05, 0.9, 0.999, 1e-7);
    for (let step = 0; step < 25; step++) reference.minimize(loss(theirs), false, [theirs]);
    const expected = theirs.dataSync();
    // tfjs keeps b^t and the moments in float32, we compute the step in float64: tiny differences.
    ours.dataSync().forEach((v, i) => expect(v).toBeCloseTo(expected[i], 4));
    expect(Math.abs(ours.dataSync()[0] - init[0])).toBeGreaterThan(0.5); // it moved
    reference.dispose();
    adam.dispose();
    tf.dispose([ours, theirs, target, weights]);
  });
});
