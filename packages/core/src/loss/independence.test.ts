import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { oneHot } from '../data/one-hot.js';
import { parseModelConfig } from '../model/config.js';
import { Cvae } from '../model/cvae.js';
import { useCpuBackend } from '../../test/use-cpu-backend.js';
import { elboTerms } from './elbo.js';
import { classMeanPenalty } from './independence.js';

beforeAll(useCpuBackend);

describe('classMeanPenalty', () => {
  it('is the frequency-weighted squared distance of the class means of mu to the overall mean', () => {
    // Class 0: rows (0, 0) and (2, 0), mean (1, 0); class 1: row (4, 3). Overall mean (2, 1).
    const mu = tf.tensor2d([[0, 0], [2, 0], [4, 3]]);
    const c = tf.tensor2d(oneHot([0, 0, 1], 2), [3, 2]);
    const expected = (2 / 3) * (1 + 1) + (1 / 3) * (4 + 4);
    const penalty = classMeanPenalty(mu, c);
    expect(penalty.dataSync()[0]).toBeCloseTo(expected, 5);
    tf.dispose([mu, c, penalty]);
  });

  it('is zero when every class has the same mean, whatever the spread within classes', () => {
    const mu = tf.tensor2d([[1, -1], [-1, 1], [3, 5], [-3, -5]]);
    const c = tf.tensor2d(oneHot([0, 0, 1, 1], 2), [4, 2]);
    const penalty = classMeanPenalty(mu, c);
    expect(penalty.dataSync()[0]).toBeCloseTo(0, 6);
    tf.dispose([mu, c, penalty]);
  });

  it('has the gradient of finite differences (so training can use it)', () => {
    const values = [0.3, -1, 2, 0.5, -0.2, 1.1, 0.9, 0.4];
    const c = tf.tensor2d(oneHot([0, 1, 1, 0], 2), [4, 2]);
    const at = (v: number[]) => tf.tidy(() => classMeanPenalty(tf.tensor2d(v, [4, 2]), c).dataSync()[0]);
    const grad = tf.tidy(() => tf.grad((mu: tf.Tensor) => classMeanPenalty(mu as tf.Tensor2D, c))(tf.tensor2d(values, [4, 2])).dataSync());
    values.forEach((_, i) => {
      const h = 1e-2;
      const plus = values.map((v, j) => (j === i ? v + h : v));
      const minus = values.map((v, j) => (j === i ? v - h : v));
      expect(grad[i]).toBeCloseTo((at(plus) - at(minus)) / (2 * h), 3);
    });
    c.dispose();
  });

  it('enters the training loss with its weight and leaves the reported ELBO terms alone', () => {
    const model = new Cvae(parseModelConfig({ inputSize: 6, conditionSize: 2, latentSize: 3, encoderHidden: [8], decoderHidden: [8], seed: 2 }));
    const x = tf.tensor2d([1, 0, 1, 1, 0, 0, 0, 0, 1, 1, 1, 0, 1, 1, 1, 0, 0, 0], [3, 6]);
    const c = tf.tensor2d(oneHot([0, 1, 1], 2), [3, 2]);
    const plain = elboTerms(model, x, c, 1, 9);
    const penalised = elboTerms(model, x, c, 1, 9, 0, 5);
    const penalty = tf.tidy(() => classMeanPenalty(model.encode(x, c).mu, c));
    expect(penalised.recon.dataSync()[0]).toBe(plain.recon.dataSync()[0]);
    expect(penalised.kl.dataSync()[0]).toBe(plain.kl.dataSync()[0]);
    expect(penalty.dataSync()[0]).toBeGreaterThan(0);
    expect(penalised.loss.dataSync()[0]).toBeCloseTo(plain.loss.dataSync()[0] + 5 * penalty.dataSync()[0], 4);
    tf.dispose([x, c, penalty, ...Object.values(plain), ...Object.values(penalised)]);
    model.dispose();
  });
});
