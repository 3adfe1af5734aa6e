import * as tf from '@tensorflow/tfjs-core';
import { BackendUnavailableError, createAdam } from '@cvae/core';
import { describe, expect, it } from 'vitest';
import { NativeHostAdam } from './native-host-adam.js';
import { nodeBackend } from './node-backend.js';

const unavailable = await nodeBackend().init().then(
  () => undefined,
  (error: unknown) => {
    if (error instanceof BackendUnavailableError && process.env.CVAE_REQUIRE_NATIVE !== '1') return error.message;
    throw error;
  },
);
if (unavailable) console.warn(`SKIPPED NativeHostAdam: ${unavailable}`);

const settings = { learningRate: 0.05, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 };
const shape: [number, number] = [3, 5];
const init = Array.from({ length: 15 }, (_, i) => Math.sin(i + 1) * 2);
const target = Array.from({ length: 15 }, (_, i) => Math.cos(i) * 3);

function loss(w: tf.Variable): () => tf.Scalar {
  return () => tf.tidy(() => tf.sum(tf.mul(tf.square(tf.sub(w, tf.tensor2d(target, shape))), tf.reshape(tf.range(1, 16), shape))));
}

describe.skipIf(unavailable !== undefined)('NativeHostAdam on tensorflow', () => {
  it('is what createAdam gives on tensorflow, follows tf.train.adam step for step and leaks no tensors', () => {
    expect(tf.getBackend()).toBe('tensorflow');
    const ours = tf.variable(tf.tensor2d(init, shape), true, 'native-adam-ours');
    const theirs = tf.variable(tf.tensor2d(init, shape), true, 'native-adam-theirs');
    const adam = createAdam(settings);
    expect(adam).toBeInstanceOf(NativeHostAdam);
    const reference = tf.train.adam(settings.learningRate, settings.beta1, settings.beta2, settings.epsilon);
    let before = 0;
    for (let step = 1; step <= 20; step++) {
      const a = tf.variableGrads(loss(ours), [ours]);
      adam.apply([ours], a.grads);
      const b = tf.variableGrads(loss(theirs), [theirs]);
      reference.applyGradients({ [theirs.name]: b.grads[theirs.name] });
      tf.dispose([a.value, b.value, ...Object.values(a.grads), ...Object.values(b.grads)]);
      if (step === 1) before = tf.memory().numTensors;
      const [x, y] = [ours.dataSync(), theirs.dataSync()];
      const scale = Math.max(...Array.from(y, Math.abs));
      expect(Math.max(...Array.from(x, (v, i) => Math.abs(v - y[i]))) / scale).toBeLessThan(1e-5);
    }
    expect(tf.memory().numTensors).toBe(before);
    expect(Math.abs(ours.dataSync()[0] - init[0])).toBeGreaterThan(0.5); // it moved
    adam.dispose();
    reference.dispose();
    tf.dispose([ours, theirs]);
  });
});
