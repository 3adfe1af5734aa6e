import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCpuBackend } from '../../test/use-cpu-backend.js';
import { bernoulliLikelihood } from './bernoulli.js';
import { categoricalLikelihood } from './categorical.js';
import { gaussianLikelihood } from './gaussian.js';
import { mixedLikelihood, type MixedConfig } from './mixed.js';
import { likelihoodSchema } from './schema.js';

beforeAll(useCpuBackend);

const ROWS = 4000;
/** Column means of a [rows, d] tensor, read back to numbers. */
const columnMeans = (t: tf.Tensor2D) => Array.from(tf.tidy(() => tf.mean(t, 0)).dataSync());

describe('likelihood draws follow their distribution', () => {
  it('bernoulli: frequencies match sigmoid(logits)', () => {
    const logits = tf.tidy(() => tf.tile(tf.tensor2d([[-2, 0, 3]]), [ROWS, 1])) as tf.Tensor2D;
    const draws = bernoulliLikelihood.sample({ kind: 'bernoulli' }, logits, 11, {});
    columnMeans(draws).forEach((m, i) => expect(m).toBeCloseTo(1 / (1 + Math.exp(-[-2, 0, 3][i])), 1));
    expect(new Set(draws.dataSync())).toEqual(new Set([0, 1]));
    tf.dispose([logits, draws]);
  });

  it('gaussian: a fixed sigma spreads the draws around the mean by sigma', () => {
    const config = likelihoodSchema.parse({ kind: 'gaussian', sigma: 0.5 }) as never;
    const mean = tf.tidy(() => tf.tile(tf.tensor2d([[1, -3]]), [ROWS, 1])) as tf.Tensor2D;
    const draws = gaussianLikelihood.sample(config, mean, 5, {});
    const [m0, m1] = columnMeans(draws);
    expect([m0, m1].map((m) => Math.round(m * 10) / 10)).toEqual([1, -3]);
    const sd = Math.sqrt(tf.tidy(() => tf.mean(tf.squaredDifference(draws, mean))).dataSync()[0]);
    expect(sd).toBeCloseTo(0.5, 1);
    tf.dispose([mean, draws]);
  });

  it('categorical: one-hot draws with frequencies of softmax(logits)', () => {
    const logits = tf.tidy(() => tf.tile(tf.tensor2d([[0, Math.log(3), -Infinity]]), [ROWS, 1])) as tf.Tensor2D;
    const draws = categoricalLikelihood.sample({ kind: 'categorical' }, logits, 3, {});
    const sums = tf.tidy(() => tf.sum(draws, 1)).dataSync();
    expect(Array.from(sums).every((s) => s === 1)).toBe(true);
    const [p0, p1, p2] = columnMeans(draws);
    expect([p0, p1, p2].map((p) => Math.round(p * 20) / 20)).toEqual([0.25, 0.75, 0]);
    tf.dispose([logits, draws]);
  });

  it('mixed: each group drawn by its own likelihood, reproducible from the seed', () => {
    const config = likelihoodSchema.parse({
      kind: 'mixed',
      groups: [
        { kind: 'gaussian', start: 0, size: 1, sigma: 1e-3 },
        { kind: 'categorical', start: 1, size: 2 },
      ],
    }) as MixedConfig;
    const out = tf.tensor2d([[7, 20, -20]]);
    const once = mixedLikelihood.sample(config, out, 9, {});
    expect(Array.from(once.dataSync()).map((v) => Math.round(v))).toEqual([7, 1, 0]);
    const again = mixedLikelihood.sample(config, out, 9, {});
    expect(Array.from(again.dataSync())).toEqual(Array.from(once.dataSync()));
    const mean = mixedLikelihood.mean(config, out, {});
    expect(Array.from(mean.dataSync()).map((v) => Math.round(v))).toEqual([7, 1, 0]);
    tf.dispose([out, once, again, mean]);
  });
});
