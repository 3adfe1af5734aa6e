import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { oneHot } from '../data/one-hot.js';
import { bernoulliNll } from '../likelihood/bernoulli.js';
import { parseModelConfig } from '../model/config.js';
import { Cvae } from '../model/cvae.js';
import { useCpuBackend } from '../../test/use-cpu-backend.js';
import { iwaeLogLikelihood } from './iwae.js';

beforeAll(useCpuBackend);

/** log p(x|c) = log ∫ p(x|z,c) p(z|c) dz by the trapezoid rule on a fine grid (latent size 1). */
function exactLogPx(model: Cvae, x: Float32Array, c: Float32Array): number {
  const grid = Array.from({ length: 4001 }, (_, i) => -10 + i * 0.005);
  const logTerms = tf.tidy(() => {
    const z = tf.tensor2d(grid, [grid.length, 1]);
    const cs = tf.tile(tf.tensor2d(c, [1, c.length]), [grid.length, 1]) as tf.Tensor2D;
    const logits = model.decode(z, cs);
    const logPxGivenZ = tf.neg(bernoulliNll(logits, tf.tile(tf.tensor2d(x, [1, x.length]), [grid.length, 1]) as tf.Tensor2D));
    const prior = model.prior(cs);
    const standardised = tf.div(tf.sub(z, prior.mu), tf.exp(tf.mul(prior.logvar, 0.5)));
    const logPz = tf.neg(tf.add(tf.add(tf.mul(tf.square(standardised), 0.5), tf.mul(prior.logvar, 0.5)), 0.5 * Math.log(2 * Math.PI)));
    return tf.add(logPxGivenZ, tf.reshape(logPz, [grid.length])).dataSync() as Float32Array;
  });
  const max = Math.max(...logTerms);
  const integral = logTerms.reduce((s, v, i) => s + Math.exp(v - max) * (i === 0 || i === grid.length - 1 ? 0.5 : 1), 0) * 0.005;
  return max + Math.log(integral);
}

describe('iwaeLogLikelihood', () => {
  it('converges to the exact log p(x|c) as k grows', () => {
    const model = new Cvae(parseModelConfig({ inputSize: 6, conditionSize: 2, latentSize: 1, encoderHidden: [8], decoderHidden: [8], seed: 4 }));
    // Shift q(z|x,c) away from the true posterior (mean +1, log-variance +1.5) so that k matters.
    const head = model.variables()[3];
    head.assign(tf.tidy(() => tf.add(head, tf.tensor1d([1, 1.5]))));
    const xValues = new Float32Array([1, 0, 1, 1, 0, 0]);
    const cValues = oneHot([1], 2);
    const exact = exactLogPx(model, xValues, cValues);
    const x = tf.tensor2d(xValues, [1, 6]);
    const c = tf.tensor2d(cValues, [1, 2]);
    const estimate = (k: number, seed: number) => {
      const t = iwaeLogLikelihood(model, x, c, { k, chunk: 500, seed });
      const v = t.dataSync()[0];
      t.dispose();
      return v;
    };
    // The bound holds in expectation, so small k is averaged over 20 seeds.
    const meanGap = (k: number) => Array.from({ length: 20 }, (_, s) => exact - estimate(k, s)).reduce((a, b) => a + b) / 20;
    const gap1 = meanGap(1);
    const gap10 = meanGap(10);
    expect(gap1).toBeGreaterThan(1);
    expect(gap10).toBeLessThan(gap1 / 5);
    expect(gap10).toBeGreaterThan(-0.05);
    expect(Math.abs(exact - estimate(20_000, 1))).toBeLessThan(0.02);
    tf.dispose([x, c]);
    model.dispose();
  });

  it('converges to the exact log p(x|c) under a learned conditional prior too', () => {
    const model = new Cvae(parseModelConfig({ inputSize: 6, conditionSize: 2, latentSize: 1, encoderHidden: [8], decoderHidden: [8], prior: { kind: 'learned', hidden: [] }, seed: 5 }));
    const vars = model.variables();
    // Move the prior away from N(0, 1): mean +1.5, log-variance -1 (prior layer bias is the last variable).
    const priorBias = vars[vars.length - 1];
    priorBias.assign(tf.tidy(() => tf.add(priorBias, tf.tensor1d([1.5, -1]))));
    const xValues = new Float32Array([0, 1, 1, 0, 1, 0]);
    const cValues = oneHot([0], 2);
    const exact = exactLogPx(model, xValues, cValues);
    const x = tf.tensor2d(xValues, [1, 6]);
    const c = tf.tensor2d(cValues, [1, 2]);
    const estimate = iwaeLogLikelihood(model, x, c, { k: 20_000, chunk: 500, seed: 3 });
    expect(Math.abs(exact - estimate.dataSync()[0])).toBeLessThan(0.02);
    tf.dispose([x, c, estimate]);
    model.dispose();
  });

  it('is deterministic for a seed, streams chunks without growing memory, and leaks nothing', () => {
    const model = new Cvae(parseModelConfig({ inputSize: 6, conditionSize: 2, latentSize: 3, encoderHidden: [8], decoderHidden: [8] }));
    const x = tf.tensor2d([1, 0, 1, 1, 0, 0, 0, 0, 1, 1, 1, 0], [2, 6]);
    const c = tf.tensor2d(oneHot([0, 1], 2), [2, 2]);
    const before = tf.memory().numTensors;
    const whole = iwaeLogLikelihood(model, x, c, { k: 64, chunk: 64, seed: 2 });
    expect(tf.memory().numTensors).toBe(before + 1);
    const again = iwaeLogLikelihood(model, x, c, { k: 64, chunk: 64, seed: 2 });
    expect(Array.from(again.dataSync())).toEqual(Array.from(whole.dataSync()));
    // 64 samples in chunks of 5: same estimator, other noise draws, close values.
    const streamed = iwaeLogLikelihood(model, x, c, { k: 64, chunk: 5, seed: 2 });
    expect(tf.memory().numTensors).toBe(before + 3);
    Array.from(streamed.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(whole.dataSync()[i], 0));
    tf.dispose([whole, again, streamed, x, c]);
    model.dispose();
  });
});
