import * as tf from '@tensorflow/tfjs-core';
import { BackendUnavailableError, createAdam } from '@cvae/core';
import { checkLearningRateChange, checkOptimizerState } from '@cvae/core/testing';
import { describe, expect, it } from 'vitest';
import { NativeAdam } from './native-adam.js';
import { NativeHostAdam } from './native-host-adam.js';
import { nodeBackend } from './node-backend.js';

const unavailable = await nodeBackend().init().then(
  () => undefined,
  (error: unknown) => {
    if (error instanceof BackendUnavailableError && process.env.CVAE_REQUIRE_NATIVE !== '1') return error.message;
    throw error;
  },
);
if (unavailable) console.warn(`SKIPPED NativeAdam / NativeHostAdam: ${unavailable}`);

const settings = { learningRate: 0.05, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 };
const shape: [number, number] = [3, 5];
const init = Array.from({ length: 15 }, (_, i) => Math.sin(i + 1) * 2);
const target = Array.from({ length: 15 }, (_, i) => Math.cos(i) * 3);

function loss(w: tf.Variable): () => tf.Scalar {
  return () => tf.tidy(() => tf.sum(tf.mul(tf.square(tf.sub(w, tf.tensor2d(target, shape))), tf.reshape(tf.range(1, 16), shape))));
}

// NativeAdam (TensorFlow's ResourceApplyAdam) is what createAdam gives; NativeHostAdam stays as the A/B arm of bench/node-adam-ab.mjs.
const optimizers = [
  { name: 'NativeAdam', make: () => new NativeAdam(settings) },
  { name: 'NativeHostAdam', make: () => new NativeHostAdam(settings) },
];

describe.skipIf(unavailable !== undefined)('native Adam on tensorflow', () => {
  it('createAdam gives NativeAdam on tensorflow', () => {
    expect(tf.getBackend()).toBe('tensorflow');
    const adam = createAdam(settings);
    expect(adam).toBeInstanceOf(NativeAdam);
    adam.dispose();
  });

  it.each(optimizers)('$name follows tf.train.adam step for step and leaks no tensors', ({ make }) => {
    const ours = tf.variable(tf.tensor2d(init, shape), true, 'native-adam-ours');
    const theirs = tf.variable(tf.tensor2d(init, shape), true, 'native-adam-theirs');
    const adam = make();
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

  it('NativeAdam copies the weights in only when tfjs changed them: an assign between steps is honoured', () => {
    const ours = tf.variable(tf.tensor2d(init, shape), true, 'native-adam-assign-ours');
    const theirs = tf.variable(tf.tensor2d(init, shape), true, 'native-adam-assign-theirs');
    const adam = new NativeAdam(settings);
    const reference = tf.train.adam(settings.learningRate, settings.beta1, settings.beta2, settings.epsilon);
    // Count the weight copies (AssignVariableOp) through a view of tfjs-node's frozen binding.
    const backend = tf.backend() as unknown as { binding: { executeOp: (...args: unknown[]) => unknown } };
    const binding = backend.binding;
    let copies = 0;
    backend.binding = Object.create(binding, {
      executeOp: { value: (...args: unknown[]) => ((copies += args[0] === 'AssignVariableOp' ? 1 : 0), binding.executeOp(...args)) },
    });
    const copiesPerStep: number[] = [];
    try {
      for (let step = 1; step <= 8; step++) {
        if (step === 5) for (const v of [ours, theirs]) v.assign(tf.mul(v, -0.5)); // e.g. a user loading weights
        const before = copies;
        const a = tf.variableGrads(loss(ours), [ours]);
        adam.apply([ours], a.grads);
        copiesPerStep.push(copies - before);
        const b = tf.variableGrads(loss(theirs), [theirs]);
        reference.applyGradients({ [theirs.name]: b.grads[theirs.name] });
        tf.dispose([a.value, b.value, ...Object.values(a.grads), ...Object.values(b.grads)]);
        const [x, y] = [ours.dataSync(), theirs.dataSync()];
        const scale = Math.max(...Array.from(y, Math.abs));
        expect(Math.max(...Array.from(x, (v, i) => Math.abs(v - y[i]))) / scale, `step ${step}`).toBeLessThan(1e-5);
      }
    } finally {
      backend.binding = binding;
    }
    // The first step creates the moments (2 copies) and the weights' copy; step 5 follows the assign.
    expect(copiesPerStep).toEqual([3, 0, 0, 0, 1, 0, 0, 0]);
    adam.dispose();
    reference.dispose();
    tf.dispose([ours, theirs]);
  });

  it.each([
    { name: 'NativeAdam', make: (rate: number) => new NativeAdam({ ...settings, learningRate: rate }) },
    { name: 'NativeHostAdam', make: (rate: number) => new NativeHostAdam({ ...settings, learningRate: rate }) },
  ])('$name setLearningRate: later steps equal those of an optimiser made with the new rate, bit for bit', ({ make }) => {
    const bytes = (arrays: readonly Float32Array[]) => arrays.map((a) => [...new Uint8Array(a.buffer, a.byteOffset, a.byteLength)]);
    const { changed, fresh, unchanged } = checkLearningRateChange(make);
    expect(bytes(changed)).toEqual(bytes(fresh));
    expect(bytes(changed)).not.toEqual(bytes(unchanged));
  });

  it.each(optimizers)('$name getState / setState: a restored optimiser continues bit for bit, leaking no tensor', ({ make }) => {
    const bytes = (arrays: readonly Float32Array[]) => arrays.map((a) => [...new Uint8Array(a.buffer, a.byteOffset, a.byteLength)]);
    const report = checkOptimizerState(make);
    expect(bytes(report.resumed)).toEqual(bytes(report.unbroken));
    expect(report.saved.moments.map((s) => s.m.length)).toEqual([15, 6]);
    expect(report.tensorsAfter).toBe(report.tensorsBefore);
  });
});
