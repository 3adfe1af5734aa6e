import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCpuBackend } from '../../test/use-cpu-backend.js';
import { bernoulliNll } from './bernoulli.js';
import { categoricalNll } from './categorical.js';
import { gaussianNll } from './gaussian.js';
import { mixedLikelihood, type MixedConfig } from './mixed.js';
import { likelihoodSchema } from './schema.js';
import './builtins.js';

beforeAll(useCpuBackend);

const normalLogPdf = (x: number, mean: number, sigma: number) => -((x - mean) ** 2) / (2 * sigma ** 2) - Math.log(sigma) - 0.5 * Math.log(2 * Math.PI);

describe('gaussianNll', () => {
  it('is the true -log density (constant included) for a fixed sigma', () => {
    const x = [0.2, -1, 3];
    const mean = [0, -0.5, 2];
    const expected = -x.reduce((s, v, i) => s + normalLogPdf(v, mean[i], 0.5), 0);
    expect(gaussianNll(tf.tensor2d(mean, [1, 3]), tf.tensor2d(x, [1, 3]), Math.log(0.5)).dataSync()[0]).toBeCloseTo(expected, 4);
  });

  it('takes a learned per-dimension log sigma and clamps it at the floor', () => {
    const sigmas = [0.3, 2, 1e-6];
    const floor = Math.log(0.01);
    const expected = -[0.1, 0.4, 0.05].reduce((s, v, i) => s + normalLogPdf(v, 0, Math.max(sigmas[i], 0.01)), 0);
    const logSigma = tf.tensor1d(sigmas.map(Math.log));
    const nll = gaussianNll(tf.zeros([1, 3]) as tf.Tensor2D, tf.tensor2d([0.1, 0.4, 0.05], [1, 3]), logSigma, floor);
    expect(nll.dataSync()[0]).toBeCloseTo(expected, 3);
  });

  it('integrates to one: exp(-nll) over a fine grid sums to ~1 (1-D)', () => {
    const grid = Array.from({ length: 4001 }, (_, i) => -10 + i * 0.005);
    const nll = gaussianNll(tf.fill([grid.length, 1], 0.7) as tf.Tensor2D, tf.tensor2d(grid, [grid.length, 1]), Math.log(1.3)).dataSync();
    expect(Array.from(nll).reduce((s, v) => s + Math.exp(-v) * 0.005, 0)).toBeCloseTo(1, 3);
  });
});

describe('categoricalNll', () => {
  it('equals -log softmax of the observed class, and is stable for huge logits', () => {
    const logits = [1, 2, 0.5];
    const z = logits.reduce((s, l) => s + Math.exp(l), 0);
    expect(categoricalNll(tf.tensor2d(logits, [1, 3]), tf.tensor2d([0, 1, 0], [1, 3])).dataSync()[0]).toBeCloseTo(-Math.log(Math.exp(2) / z), 5);
    const big = categoricalNll(tf.tensor2d([1000, 0, -1000], [1, 3]), tf.tensor2d([0, 1, 0], [1, 3])).dataSync()[0];
    expect(big).toBeCloseTo(1000, 2);
  });
});

describe('mixed likelihood', () => {
  it('adds the groups, each under its own likelihood', () => {
    const output = tf.tensor2d([0.5, -1, 2, 0.3, 1, 0.1], [1, 6]);
    const x = tf.tensor2d([0.4, -0.8, 1, 0, 1, 0], [1, 6]);
    const groups = [
      { kind: 'gaussian', start: 0, size: 2, logSigma: 0 },
      { kind: 'bernoulli', start: 2, size: 1 },
      { kind: 'categorical', start: 3, size: 3 },
    ];
    // Written as model files before format 2 did: a fixed `logSigma` (now `sigma`), read the same.
    const config = likelihoodSchema.parse({ kind: 'mixed', groups }) as MixedConfig;
    expect(config.groups[0]).toEqual({ kind: 'gaussian', sigma: 1, minSigma: 1e-3, start: 0, size: 2 });
    const expected =
      gaussianNll(tf.slice(output, [0, 0], [1, 2]) as tf.Tensor2D, tf.slice(x, [0, 0], [1, 2]) as tf.Tensor2D, 0).dataSync()[0] +
      bernoulliNll(tf.slice(output, [0, 2], [1, 1]) as tf.Tensor2D, tf.slice(x, [0, 2], [1, 1]) as tf.Tensor2D).dataSync()[0] +
      categoricalNll(tf.slice(output, [0, 3], [1, 3]) as tf.Tensor2D, tf.slice(x, [0, 3], [1, 3]) as tf.Tensor2D).dataSync()[0];
    expect(mixedLikelihood.nll(config, output, x, {}).dataSync()[0]).toBeCloseTo(expected, 5);
    const short = likelihoodSchema.parse({ kind: 'mixed', groups: groups.slice(0, 2) }) as MixedConfig;
    expect(() => mixedLikelihood.nll(short, output, x, {})).toThrow(/cover 3 columns, x has 6/);
  });

  it('refuses groups with gaps, nested mixed groups and unknown kinds, naming the field', () => {
    const parse = (groups: unknown[]) => likelihoodSchema.safeParse({ kind: 'mixed', groups });
    expect(parse([{ kind: 'bernoulli', start: 1, size: 2 }]).error?.issues[0].message).toMatch(/expected start 0, found 1/);
    expect(parse([{ kind: 'mixed', start: 0, size: 2, groups: [] }]).error?.issues[0].message).toMatch(/unknown likelihood "mixed"; valid kinds: bernoulli, gaussian, categorical/);
    expect(parse([{ kind: 'poisson', start: 0, size: 2 }]).error?.issues[0].message).toMatch(/unknown likelihood "poisson"/);
  });
});
