import * as tf from '@tensorflow/tfjs-core';
import { adamStep, createAdam, zeroMoments } from '@cvae/core';
import { checkLearningRateChange, checkOptimizerState } from '@cvae/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { wasmBackend } from '../wasm-backend.js';
import { HeapAdam } from './heap-adam.js';

const settings = { learningRate: 0.05, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 };
// 3 x 5 = 15 values: three SIMD vectors and a tail of three that goes through adamStep.
const shape: [number, number] = [3, 5];
const init = Array.from({ length: 15 }, (_, i) => Math.sin(i + 1) * 2);
const target = Array.from({ length: 15 }, (_, i) => Math.cos(i) * 3);
const steps = 20;

function loss(w: tf.Variable): () => tf.Scalar {
  return () => tf.tidy(() => tf.sum(tf.mul(tf.square(tf.sub(w, tf.tensor2d(target, shape))), tf.reshape(tf.range(1, 16), shape))));
}

/** Largest difference relative to the largest weight (weights near zero make per-value ratios meaningless). */
function relativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < expected.length; i++) {
    diff = Math.max(diff, Math.abs(actual[i] - expected[i]));
    scale = Math.max(scale, Math.abs(expected[i]));
  }
  return diff / scale;
}

// The threaded build (2 threads) holds its heap in shared memory; the kernel must work on both.
// In this order: registering the threaded build replaces the single-threaded one.
describe.each([1, 2])('HeapAdam on wasm, %i thread(s)', (threads) => {
  beforeAll(() => wasmBackend({ threads }).init());

  it('is what createAdam gives on wasm, gives adamStep\'s weights and leaks no tensors', () => {
    const w = tf.variable(tf.tensor2d(init, shape), true, `heap-adam-${threads}`);
    const adam = createAdam(settings);
    expect(adam).toBeInstanceOf(HeapAdam);
    const host = Float32Array.from(init);
    const moments = zeroMoments(host.length);
    let before = 0;
    for (let step = 1; step <= steps; step++) {
      const { value, grads } = tf.variableGrads(loss(w), [w]);
      adamStep(host, grads[w.name].dataSync() as Float32Array, moments, settings, step, host);
      adam.apply([w], grads);
      tf.dispose([value, ...Object.values(grads)]);
      if (step === 1) before = tf.memory().numTensors;
      // The kernel runs in float32, adamStep in float64 then rounds: both are float32 Adam.
      expect(relativeError(w.dataSync(), host)).toBeLessThan(1e-6);
    }
    expect(tf.memory().numTensors).toBe(before);
    expect(Math.abs(w.dataSync()[0] - init[0])).toBeGreaterThan(0.5); // it moved
    adam.dispose();
    w.dispose();
  });

  it('follows tf.train.adam step for step', () => {
    const ours = tf.variable(tf.tensor2d(init, shape), true, `heap-adam-ours-${threads}`);
    const theirs = tf.variable(tf.tensor2d(init, shape), true, `heap-adam-theirs-${threads}`);
    const adam = new HeapAdam(settings);
    const reference = tf.train.adam(settings.learningRate, settings.beta1, settings.beta2, settings.epsilon);
    for (let step = 0; step < steps; step++) {
      const { value, grads } = tf.variableGrads(loss(ours), [ours]);
      adam.apply([ours], grads);
      tf.dispose([value, ...Object.values(grads)]);
      reference.minimize(loss(theirs), false, [theirs]);
    }
    // tfjs keeps beta^t in float32 and orders the operations differently: float32 rounding apart.
    expect(relativeError(ours.dataSync(), theirs.dataSync())).toBeLessThan(1e-5);
    tf.dispose([ours, theirs]);
    reference.dispose();
    adam.dispose();
  });

  it('gives matMul the new weights (XNNPACK packs weights per tensor)', () => {
    const w = tf.variable(tf.tensor2d(init, shape), true, `heap-adam-matmul-${threads}`);
    const x = tf.tensor2d([1, 2, 3, -1, 0.5, 2], [2, 3]);
    const adam = new HeapAdam(settings);
    for (let step = 0; step < 3; step++) {
      tf.dispose(tf.matMul(x, w)); // packs w
      const { value, grads } = tf.variableGrads(loss(w), [w]);
      adam.apply([w], grads);
      tf.dispose([value, ...Object.values(grads)]);
    }
    const product = tf.matMul(x, w);
    const expected = tf.tidy(() => tf.sum(tf.mul(tf.expandDims(x, 2), tf.expandDims(w, 0)), 1));
    expect(relativeError(product.dataSync(), expected.dataSync())).toBeLessThan(1e-5);
    tf.dispose([w, x, product, expected]);
    adam.dispose();
  });

  it('setLearningRate: later steps equal those of an optimiser made with the new rate, bit for bit', () => {
    const bytes = (arrays: readonly Float32Array[]) => arrays.map((a) => [...new Uint8Array(a.buffer, a.byteOffset, a.byteLength)]);
    const { changed, fresh, unchanged } = checkLearningRateChange((rate) => new HeapAdam({ ...settings, learningRate: rate }));
    expect(bytes(changed)).toEqual(bytes(fresh));
    expect(bytes(changed)).not.toEqual(bytes(unchanged));
  });

  it('getState / setState copy the moments out of and into the heap: a restored optimiser continues bit for bit, leaking nothing', () => {
    const bytes = (arrays: readonly Float32Array[]) => arrays.map((a) => [...new Uint8Array(a.buffer, a.byteOffset, a.byteLength)]);
    const report = checkOptimizerState(() => new HeapAdam(settings));
    expect(bytes(report.resumed)).toEqual(bytes(report.unbroken));
    expect(report.saved.moments.map((s) => s.m.length)).toEqual([15, 6]);
    // getState copies: the steps after it did not change what it returned.
    expect(report.savedLater.moments.map((s) => bytes([s.m, s.v]))).toEqual(report.saved.moments.map((s) => bytes([s.m, s.v])));
    expect(report.tensorsAfter).toBe(report.tensorsBefore);
    // And it can fail: a state with zeroed moments does not continue the same way.
    const zeroed = checkOptimizerState(() => {
      const adam = new HeapAdam(settings);
      const setState = adam.setState.bind(adam);
      adam.setState = (state) => setState({ step: state.step, moments: state.moments.map((s) => ({ ...s, m: new Float32Array(s.m.length), v: new Float32Array(s.v.length) })) });
      return adam;
    });
    expect(bytes(zeroed.resumed)).not.toEqual(bytes(zeroed.unbroken));
  });
});
