import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { syntheticDataset } from '../../testing/synthetic-dataset.js';
import { useCpuBackend } from '../../test/use-cpu-backend.js';
import { iwaeLogLikelihood } from '../eval/iwae.js';
import { parseModelConfig } from '../model/config.js';
import { Cvae } from '../model/cvae.js';
import { Trainer } from '../train/trainer.js';
import { parseTrainOptions } from '../train/train-options.js';
import { iwaeTerms } from './iwae-objective.js';

beforeAll(useCpuBackend);

const model = () => new Cvae(parseModelConfig({ inputSize: 32, conditionSize: 4, latentSize: 4, encoderHidden: [16], decoderHidden: [16], seed: 1 }));
const batch = () =>
  tf.tidy(() => ({
    x: tf.cast(tf.greater(tf.randomUniform([64, 32], 0, 1, 'float32', 5), 0.5), 'float32') as tf.Tensor2D,
    c: tf.cast(tf.oneHot(tf.tensor1d(Array.from({ length: 64 }, (_, i) => i % 4), 'int32'), 4), 'float32') as tf.Tensor2D,
  }));
const read = (t: tf.Scalar) => t.dataSync()[0];

describe('iwaeTerms', () => {
  it('with k = 1 is the one-sample negative ELBO: loss = recon + kl', () => {
    const cvae = model();
    const { x, c } = batch();
    const terms = iwaeTerms(cvae, x, c, 1, 1, 3);
    expect(read(terms.loss)).toBeCloseTo(read(terms.recon) + read(terms.kl), 3);
    tf.dispose([x, c, terms.loss, terms.recon, terms.kl, terms.klObjective]);
    cvae.dispose();
  });

  it('tightens with k (Burda et al., Theorem 1) and agrees with the IWAE evaluation at the same k', () => {
    const cvae = model();
    const { x, c } = batch();
    const lossAt = (k: number) => tf.tidy(() => read(iwaeTerms(cvae, x, c, k, 1, 11).loss));
    // The one-sample loss averaged over seeds estimates the -ELBO; a single draw is too noisy to compare.
    const one = Array.from({ length: 20 }, (_, seed) => tf.tidy(() => read(iwaeTerms(cvae, x, c, 1, 1, 100 + seed).loss))).reduce((a, b) => a + b) / 20;
    const fifty = lossAt(50);
    expect(fifty).toBeLessThan(one - 0.05);
    const evaluated = tf.tidy(() => -read(tf.mean(iwaeLogLikelihood(cvae, x, c, { k: 50, seed: 2 })) as tf.Scalar));
    console.log(`[iwae objective test] -ELBO ${one.toFixed(3)}, IWAE-50 loss ${fifty.toFixed(3)}, IWAE-50 evaluation ${evaluated.toFixed(3)}`);
    expect(Math.abs(evaluated - fifty)).toBeLessThan(0.5 * (one - fifty));
    tf.dispose([x, c]);
    cvae.dispose();
  });

  it('has gradients for every variable and leaves no tensor behind', () => {
    const cvae = model();
    const { x, c } = batch();
    const before = tf.memory().numTensors;
    const { value, grads } = tf.variableGrads(() => iwaeTerms(cvae, x, c, 5, 1, 4).loss, cvae.variables());
    expect(Object.keys(grads)).toHaveLength(cvae.variables().length);
    for (const g of Object.values(grads)) expect(Number.isFinite(tf.tidy(() => read(tf.sum(g) as tf.Scalar)))).toBe(true);
    tf.dispose([value, ...Object.values(grads)]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, c]);
    cvae.dispose();
  });
});

describe('training with importanceSamples', () => {
  it('trains the IWAE bound: the test -ELBO falls and numTensors stays flat', async () => {
    const cvae = model();
    const trainer = new Trainer(cvae, syntheticDataset(), { epochs: 3, batchSize: 32, learningRate: 5e-3, importanceSamples: 5 });
    const events = [];
    for await (const event of trainer.run()) if (event.type === 'epoch') events.push(event);
    expect(events[2].test!.negElbo).toBeLessThan(events[0].test!.negElbo);
    expect(events[2].numTensors).toBe(events[0].numTensors);
    // The IWAE-5 loss is below the one-sample ELBO parts it reports (the bound is tighter).
    expect(events[2].train.loss).toBeLessThan(events[2].train.recon + events[2].train.kl);
    trainer.dispose();
    cvae.dispose();
  });

  it('refuses importanceSamples > 1 with free bits, naming both', () => {
    expect(() => parseTrainOptions({ importanceSamples: 5, freeBits: 0.1 })).toThrow(/importanceSamples 5 .*freeBits 0.1/);
    expect(() => parseTrainOptions({ importanceSamples: 0 })).toThrow(/importanceSamples must be at least 1/);
  });
});
