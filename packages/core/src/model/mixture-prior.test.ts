import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { syntheticDataset } from '../../testing/synthetic-dataset.js';
import { trainRecording } from '../../test/train-recording.js';
import { useCpuBackend } from '../../test/use-cpu-backend.js';
import { oneHot } from '../data/one-hot.js';
import { completeMissing } from '../density/complete-missing.js';
import { iwaeLogLikelihood } from '../eval/iwae.js';
import { latentStats } from '../eval/latent-stats.js';
import { loadModel } from '../io/load-model.js';
import { saveModel } from '../io/save-model.js';
import { elboTerms } from '../loss/elbo.js';
import { sampleData, sampleMeans } from '../sample/sample.js';
import { Trainer } from '../train/trainer.js';
import { parseModelConfig } from './config.js';
import { Cvae } from './cvae.js';
import { mixtureLogDensity, sampleMixture, splitMixture } from './mixture-prior.js';

beforeAll(useCpuBackend);

/** Parameters of a two-component mixture over two units for one condition row: logits, means, log-variances. */
const logits = [Math.log(0.3), Math.log(0.7)];
const means = [[-2, 1], [1.5, -0.5]];
const logvars = [[Math.log(0.25), 0], [Math.log(0.5), Math.log(2)]];
const networkOutput = () => tf.tensor2d([[...logits, ...means.flat(), ...logvars.flat()]]);

/** log p(z) of that mixture, written out. */
function exactLogDensity(z: number[]): number {
  const terms = [0, 1].map((k) => Math.log([0.3, 0.7][k]) + z.reduce((s, v, d) => s - 0.5 * ((v - means[k][d]) ** 2 / Math.exp(logvars[k][d]) + logvars[k][d] + Math.log(2 * Math.PI)), 0));
  const m = Math.max(...terms);
  return m + Math.log(terms.reduce((s, t) => s + Math.exp(t - m), 0));
}

describe('mixture prior maths', () => {
  it('log p(z|c) is the log-sum-exp over components, as written out by hand', () => {
    const points = [[0, 0], [-2, 1], [1.5, -0.5], [4, 3]];
    const got = tf.tidy(() => {
      const out = networkOutput();
      const rows = tf.concat(points.map(() => out));
      return Array.from(mixtureLogDensity(tf.tensor2d(points), splitMixture(rows, 2, 2)).dataSync());
    });
    points.forEach((z, i) => expect(got[i]).toBeCloseTo(exactLogDensity(z), 4));
  });

  it('draws come from the mixture: component shares and means within 4 standard errors', () => {
    const rows = 20_000;
    const z = tf.tidy(() => Array.from(sampleMixture(splitMixture(tf.concat(new Array(rows).fill(0).map(() => networkOutput())), 2, 2), 5).dataSync()));
    const first = Array.from({ length: rows }, (_, i) => z[2 * i]);
    // Unit 0 separates the components (-2 +- 0.5 against 1.5 +- 0.7): the share below -0.5 reads pi_0.
    const share = first.filter((v) => v < -0.5).length / rows;
    expect(Math.abs(share - 0.3)).toBeLessThan(4 * Math.sqrt((0.3 * 0.7) / rows) + 0.01);
    const meanOf = (d: number) => Array.from({ length: rows }, (_, i) => z[2 * i + d]).reduce((a, b) => a + b, 0) / rows;
    expect(Math.abs(meanOf(0) - (0.3 * -2 + 0.7 * 1.5))).toBeLessThan(0.05);
    expect(Math.abs(meanOf(1) - (0.3 * 1 + 0.7 * -0.5))).toBeLessThan(0.05);
  });

  it('refuses a mixture together with a second stochastic layer', () => {
    expect(() => parseModelConfig({ inputSize: 4, conditionSize: 2, prior: { kind: 'learned', components: 3 }, topLatent: { size: 2 } })).toThrow(/mixture prior .*topLatent/);
    expect(() => parseModelConfig({ inputSize: 4, conditionSize: 2, prior: { kind: 'learned', components: 0 } })).toThrow(/prior.components must be at least 1/);
  });
});

describe('Cvae with a mixture prior', () => {
  const config = parseModelConfig({ inputSize: 32, conditionSize: 4, latentSize: 4, encoderHidden: [32], decoderHidden: [32], prior: { kind: 'learned', hidden: [], components: 5 } });

  it('trains without leaking tensors, bounds log p(x|c) from below by its ELBO, completes rows, and survives save/load', async () => {
    const model = new Cvae(config);
    expect(model.hasMixturePrior).toBe(true);
    expect(model.hasGaussianPrior).toBe(false);
    expect(() => model.prior(tf.zeros([1, 4]))).toThrow(/mixture prior \(5 components\)/);
    const dataset = syntheticDataset();
    const { negElbo, tensorsAfterStep } = await trainRecording(model, dataset, { epochs: 3, batchSize: 32, learningRate: 5e-3 });
    expect(negElbo[2]).toBeLessThan(negElbo[0]);
    expect(new Set(tensorsAfterStep.slice(1, -1)).size).toBe(1);

    const batch = (await dataset.batches('test', 64, { shuffle: false })[Symbol.asyncIterator]().next()).value!;
    const x = tf.tensor2d(batch.x, [batch.size, 32]);
    const cs = tf.tensor2d(batch.c, [batch.size, 4]);
    const elbo = tf.tidy(() => tf.mean(tf.stack([1, 2, 3, 4, 5].map((s) => elboTerms(model, x, cs, 1, s).loss))).dataSync()[0]);
    const nll = tf.tidy(() => -tf.mean(iwaeLogLikelihood(model, x, cs, { k: 200, seed: 3 })).dataSync()[0]);
    expect(nll).toBeLessThan(elbo);
    expect(nll).toBeGreaterThan(elbo - 10);

    // The per-dimension KL is read against the responsible component: finite, non-negative.
    const stats = await latentStats(model, dataset, 'test');
    expect(stats.klPerDimension.every((v) => Number.isFinite(v) && v >= 0)).toBe(true);

    // Completion targets p(x_miss | x_obs, c) with the exact mixture log p(z|c); known entries stay.
    const observed = Float32Array.from({ length: batch.x.length }, (_, i) => (i % 32 < 16 ? 1 : 0));
    const before = tf.memory().numTensors;
    const { draws, acceptance } = completeMissing(model, batch.x, observed, batch.c, { iterations: 20, seed: 2 });
    expect(tf.memory().numTensors).toBe(before);
    expect(acceptance).toBeGreaterThan(0);
    expect(Array.from(draws).every((v, i) => observed[i] === 0 || v === batch.x[i])).toBe(true);

    const { manifest, weights } = await saveModel(model);
    const copy = await loadModel(manifest, weights);
    expect(copy.hasMixturePrior).toBe(true);
    const conditions = new Float32Array(oneHot([0, 1, 2, 3], 4));
    expect(Array.from(sampleMeans(copy, conditions, 9))).toEqual(Array.from(sampleMeans(model, conditions, 9)));
    expect(Array.from(sampleData(copy, conditions, 4))).toEqual(Array.from(sampleData(model, conditions, 4)));
    tf.dispose([x, cs]);
    model.dispose();
    copy.dispose();
  });

  it('refuses free bits, which need a KL per dimension', () => {
    const model = new Cvae(config);
    expect(() => new Trainer(model, syntheticDataset(), { freeBits: 0.1 })).toThrow(/free bits .*mixture prior/);
    model.dispose();
  });
});
