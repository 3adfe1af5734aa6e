import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCpuBackend } from '../../test/use-cpu-backend.js';
import { bernoulliNll } from '../likelihood/bernoulli.js';
import { gaussianKl } from './kl.js';

beforeAll(useCpuBackend);

describe('bernoulliNll', () => {
  it('equals -[x log p + (1-x) log(1-p)] summed over dimensions', () => {
    const logits = [-3, -0.5, 0, 0.7, 2.5, 4];
    const x = [0, 1, 1, 0, 1, 0];
    const expected = logits.reduce((s, l, i) => {
      const p = 1 / (1 + Math.exp(-l));
      return s - (x[i] * Math.log(p) + (1 - x[i]) * Math.log(1 - p));
    }, 0);
    const nll = bernoulliNll(tf.tensor2d(logits, [1, 6]), tf.tensor2d(x, [1, 6]));
    expect(nll.shape).toEqual([1]);
    expect(nll.dataSync()[0]).toBeCloseTo(expected, 4);
  });

  it('is finite and exact for extreme logits', () => {
    const nll = bernoulliNll(tf.tensor2d([100, -100, 100, -100], [4, 1]), tf.tensor2d([1, 0, 0, 1], [4, 1]));
    const values = Array.from(nll.dataSync());
    expect(values[0]).toBeCloseTo(0, 6);
    expect(values[1]).toBeCloseTo(0, 6);
    expect(values[2]).toBeCloseTo(100, 3);
    expect(values[3]).toBeCloseTo(100, 3);
  });

  it('has gradient sigmoid(l) - x', () => {
    const l = tf.tensor2d([-1, 0.5, 2], [1, 3]);
    const x = tf.tensor2d([1, 0, 1], [1, 3]);
    const grad = tf.grad((logits: tf.Tensor) => tf.sum(bernoulliNll(logits as tf.Tensor2D, x)))(l);
    const expected = [-1, 0.5, 2].map((v, i) => 1 / (1 + Math.exp(-v)) - [1, 0, 1][i]);
    Array.from(grad.dataSync()).forEach((g, i) => expect(g).toBeCloseTo(expected[i], 5));
  });
});

describe('gaussianKl', () => {
  it('is zero for the prior itself', () => {
    expect(gaussianKl(tf.zeros([2, 3]), tf.zeros([2, 3])).dataSync()).toEqual(new Float32Array([0, 0]));
  });

  it('matches the closed form 0.5 (mu^2 + s^2 - 1 - log s^2) per dimension, summed', () => {
    const mu = [1, -2];
    const logvar = [Math.log(2), Math.log(0.5)];
    const expected = mu.reduce((s, m, i) => s + 0.5 * (m * m + Math.exp(logvar[i]) - 1 - logvar[i]), 0);
    expect(gaussianKl(tf.tensor2d(mu, [1, 2]), tf.tensor2d(logvar, [1, 2])).dataSync()[0]).toBeCloseTo(expected, 5);
  });
});
