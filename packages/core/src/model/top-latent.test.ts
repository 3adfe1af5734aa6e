import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { syntheticDataset } from '../../testing/synthetic-dataset.js';
import { trainRecording } from '../../test/train-recording.js';
import { useCpuBackend } from '../../test/use-cpu-backend.js';
import { seededRandom } from '../data/seeded-random.js';
import { oneHot } from '../data/one-hot.js';
import { iwaeLogLikelihood } from '../eval/iwae.js';
import { loadModel } from '../io/load-model.js';
import { saveModel } from '../io/save-model.js';
import { elboTerms } from '../loss/elbo.js';
import { sampleMeans } from '../sample/sample.js';
import { Trainer } from '../train/trainer.js';
import { parseModelConfig } from './config.js';
import { Cvae } from './cvae.js';
import { applyDense } from './dense.js';
import { createTopLatent, sampleTopLatent, topLatentLogPrior, type TopLatentNetworks } from './top-latent.js';

beforeAll(useCpuBackend);

/** p(z|z2,c)'s mean and log-variance for a column of scalar z2 values, written out from the layers. */
function generative(top: TopLatentNetworks, z2: number[], c: number[]): { mu: Float32Array; logvar: Float32Array } {
  return tf.tidy(() => {
    const cs = tf.tensor2d(z2.flatMap(() => c), [z2.length, c.length]);
    let h = tf.concat([tf.tensor2d(z2, [z2.length, 1]), cs], 1);
    top.generative.forEach((layer, i) => {
      if (i > 0) h = tf.concat([h, cs], 1);
      h = applyDense(h, layer, i === top.generative.length - 1 ? 'linear' : 'tanh');
    });
    const [mu, logvar] = tf.split(h, 2, 1);
    return { mu: mu.dataSync() as Float32Array, logvar: logvar.dataSync() as Float32Array };
  }) as unknown as { mu: Float32Array; logvar: Float32Array };
}

describe('a second stochastic layer (topLatent)', () => {
  // One unit each, so p(z|c) = ∫ N(z; mu(z2), var(z2)) N(z2; m, s^2) dz2 can be computed by quadrature.
  const top = createTopLatent('test-top', { latentSize: 1, topSize: 1, hidden: [6], conditionSize: 2 }, seededRandom('top-latent-test'));
  const c = [0, 1];
  const topPrior = { m: 0.4, logvar: Math.log(0.7) };
  const grid = Array.from({ length: 4001 }, (_, i) => -8 + i * 0.004);
  const { mu: gridMu, logvar: gridLogvar } = generative(top, grid, c);
  const normal = (x: number, m: number, logvar: number) => Math.exp(-0.5 * ((x - m) ** 2 / Math.exp(logvar) + logvar + Math.log(2 * Math.PI)));
  const exactDensity = (z: number) => grid.reduce((sum, z2, i) => sum + normal(z, gridMu[i], gridLogvar[i]) * normal(z2, topPrior.m, topPrior.logvar) * 0.004, 0);
  const rows = 20_000;
  const priorRows = () => ({ mu: tf.fill([rows, 1], topPrior.m) as tf.Tensor2D, logvar: tf.fill([rows, 1], topPrior.logvar) as tf.Tensor2D });

  it('weights whose exponential averages to p(z|c), and a bound form below log p(z|c)', () => {
    for (const z of [-0.5, 0.3, 1.2]) {
      const exact = Math.log(exactDensity(z));
      const [weight, bound] = (['weight', 'bound'] as const).map((form) =>
        tf.tidy(() => {
          const zs = tf.fill([rows, 1], z) as tf.Tensor2D;
          const cs = tf.tensor2d(Array.from({ length: rows }, () => c).flat(), [rows, 2]);
          const logW = topLatentLogPrior(top, zs, cs, priorRows(), 17, form, 'tanh');
          return form === 'weight' ? tf.sub(tf.logSumExp(logW), Math.log(rows)).dataSync()[0] : tf.mean(logW).dataSync()[0];
        }),
      );
      expect(Math.abs(weight - exact)).toBeLessThan(0.03);
      expect(bound).toBeLessThan(exact + 0.01);
    }
  });

  it('draws z from the same p(z|c): the sample mean matches the quadrature mean', () => {
    const drawn = tf.tidy(() => sampleTopLatent(top, tf.tensor2d(Array.from({ length: rows }, () => c).flat(), [rows, 2]), priorRows(), 23, 'tanh'));
    const z = Array.from(drawn.dataSync());
    drawn.dispose();
    const mean = z.reduce((a, b) => a + b, 0) / rows;
    const sd = Math.sqrt(z.reduce((a, b) => a + (b - mean) ** 2, 0) / rows);
    const exactMean = grid.reduce((sum, z2, i) => sum + gridMu[i] * normal(z2, topPrior.m, topPrior.logvar) * 0.004, 0);
    expect(Math.abs(mean - exactMean)).toBeLessThan((4 * sd) / Math.sqrt(rows));
  });
});

describe('topLatentLogPrior at extreme network outputs', () => {
  it('stays finite, and so do its gradients, where a log variance of -100 would give exp(100) = Infinity in float32', () => {
    const top = createTopLatent('test-extreme', { latentSize: 2, topSize: 1, hidden: [3], conditionSize: 1 }, seededRandom('extreme'));
    const last = top.generative[top.generative.length - 1];
    last.bias.assign(tf.tensor1d([0, 0, -100, -100]));
    last.weight.assign(tf.zerosLike(last.weight));
    const z = tf.tensor2d([[5, -5], [0.1, 0.2]]);
    const c = tf.ones([2, 1]) as tf.Tensor2D;
    const prior = { mu: tf.zeros([2, 1]) as tf.Tensor2D, logvar: tf.zeros([2, 1]) as tf.Tensor2D };
    const variables = [...top.inference, ...top.generative].flatMap((l) => [l.weight, l.bias]);
    const { value, grads } = tf.variableGrads(() => tf.logSumExp(topLatentLogPrior(top, z, c, prior, 3, 'weight', 'relu')), variables);
    expect(Number.isFinite(value.dataSync()[0])).toBe(true);
    for (const g of Object.values(grads)) expect(Array.from(g.dataSync()).every(Number.isFinite)).toBe(true);
    tf.dispose([value, ...Object.values(grads), z, c, prior.mu, prior.logvar, ...variables]);
  });
});

describe('Cvae with topLatent', () => {
  const config = parseModelConfig({
    inputSize: 32,
    conditionSize: 4,
    latentSize: 4,
    encoderHidden: [32],
    decoderHidden: [32],
    prior: { kind: 'learned', hidden: [] },
    topLatent: { size: 2, hidden: [16] },
  });

  it('trains without leaking tensors, its IWAE bound is tighter than its ELBO, and it survives save/load', async () => {
    const model = new Cvae(config);
    expect(model.hasTopLatent).toBe(true);
    expect(model.hasLearnedPrior).toBe(false);
    expect(() => model.prior(tf.zeros([1, 4]))).toThrow(/topLatent/);
    const dataset = syntheticDataset();
    const { negElbo, tensorsAfterStep } = await trainRecording(model, dataset, { epochs: 3, batchSize: 32, learningRate: 5e-3, learningRateEnd: 5e-4 });
    expect(negElbo[2]).toBeLessThan(negElbo[0]);
    expect(new Set(tensorsAfterStep.slice(1, -1)).size).toBe(1);

    const batch = (await dataset.batches('test', 64, { shuffle: false })[Symbol.asyncIterator]().next()).value!;
    const x = tf.tensor2d(batch.x, [batch.size, 32]);
    const cs = tf.tensor2d(batch.c, [batch.size, 4]);
    const elbo = tf.tidy(() => elboTerms(model, x, cs, 1, 5).loss.dataSync()[0]);
    const nll = tf.tidy(() => -tf.mean(iwaeLogLikelihood(model, x, cs, { k: 200, seed: 3 })).dataSync()[0]);
    expect(nll).toBeLessThan(elbo);
    expect(nll).toBeGreaterThan(elbo - 10);

    const { manifest, weights } = await saveModel(model);
    expect(manifest.weights.entries.map((e) => e.name)).toContain('top.generative.1.bias');
    const copy = await loadModel(manifest, weights);
    const conditions = new Float32Array(oneHot([0, 1, 2, 3], 4));
    expect(Array.from(sampleMeans(copy, conditions, 9))).toEqual(Array.from(sampleMeans(model, conditions, 9)));
    tf.dispose([x, cs]);
    model.dispose();
    copy.dispose();
  });

  it('refuses free bits, which need a KL per dimension', () => {
    const model = new Cvae(config);
    expect(() => new Trainer(model, syntheticDataset(), { freeBits: 0.1 })).toThrow(/free bits .*topLatent/);
    model.dispose();
  });
});
