import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { syntheticDataset } from '../../testing/synthetic-dataset.js';
import { useCpuBackend } from '../../test/use-cpu-backend.js';
import type { DatasetAdapter } from '../data/dataset.js';
import { oneHot } from '../data/one-hot.js';
import { parseModelConfig } from '../model/config.js';
import { Cvae } from '../model/cvae.js';
import { Trainer } from '../train/trainer.js';
import { completeMissing } from './complete-missing.js';
import { classPosterior, exampleScores, logLikelihoodPerCondition } from './example-scores.js';

const CLASSES = 4;
const SIZE = 32;
let model: Cvae;
let test: { x: Float32Array; c: Float32Array; size: number };

async function firstBatch(dataset: DatasetAdapter, n: number) {
  for await (const b of dataset.batches('test', n, { shuffle: false })) return { x: b.x.slice(), c: b.c.slice(), size: b.size };
  throw new Error('empty');
}

beforeAll(async () => {
  await useCpuBackend();
  const dataset = syntheticDataset({ classes: CLASSES, inputSize: SIZE, trainSize: 512, testSize: 64 });
  await dataset.load();
  model = new Cvae(parseModelConfig({ inputSize: SIZE, conditionSize: CLASSES, latentSize: 2, encoderHidden: [32], decoderHidden: [32] }));
  const trainer = new Trainer(model, dataset, { epochs: 15, batchSize: 64, learningRate: 1e-2, evaluate: false });
  for await (const event of trainer.run()) void event;
  trainer.dispose();
  test = await firstBatch(dataset, 64);
}, 60_000);

describe('the CVAE as a density model', () => {
  it('scores each example: the IWAE estimate is tighter than the -ELBO on average', () => {
    const before = tf.memory().numTensors;
    const [x, c] = [tf.tensor2d(test.x, [test.size, SIZE]), tf.tensor2d(test.c, [test.size, CLASSES])];
    const scores = exampleScores(model, x, c, { k: 64 });
    tf.dispose([x, c]);
    expect(scores.nll).toHaveLength(test.size);
    const mean = (a: Float32Array) => a.reduce((s, v) => s + v, 0) / a.length;
    expect(mean(scores.nll)).toBeLessThan(mean(scores.negElbo));
    expect(tf.memory().numTensors).toBe(before);
  });

  it('classifies generatively: the posterior p(c|x) finds the true class of the synthetic prototypes', () => {
    const x = tf.tensor2d(test.x, [test.size, SIZE]);
    const logLik = logLikelihoodPerCondition(model, x, oneHot([0, 1, 2, 3], CLASSES), { k: 32 });
    x.dispose();
    const posterior = classPosterior(logLik, CLASSES, new Array(CLASSES).fill(Math.log(1 / CLASSES)));
    let correct = 0;
    for (let r = 0; r < test.size; r++) {
      const row = Array.from(posterior.subarray(r * CLASSES, (r + 1) * CLASSES));
      expect(row.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 5);
      const truth = Array.from(test.c.subarray(r * CLASSES, (r + 1) * CLASSES)).indexOf(1);
      if (row.indexOf(Math.max(...row)) === truth) correct++;
    }
    expect(correct / test.size).toBeGreaterThan(0.9);
  });

  it('completes hidden entries (Metropolis-within-Gibbs) better than chance, keeping the observed ones', () => {
    const observed = new Float32Array(test.x.length).map((_, i) => (i % SIZE < SIZE / 2 ? 1 : 0));
    const before = tf.memory().numTensors;
    const { means, draws, acceptance } = completeMissing(model, test.x, observed, test.c, { iterations: 30, seed: 3 });
    expect(tf.memory().numTensors).toBe(before);
    let right = 0;
    let hidden = 0;
    for (let i = 0; i < test.x.length; i++) {
      if (observed[i] === 1) {
        expect(draws[i]).toBe(test.x[i]);
        expect(means[i]).toBe(test.x[i]);
      } else {
        hidden++;
        if ((means[i] > 0.5 ? 1 : 0) === test.x[i]) right++;
      }
    }
    // Pixels are the class prototype with 10% flipped: the conditioned completion should be ~90% right.
    expect(right / hidden).toBeGreaterThan(0.8);
    expect(acceptance).toBeGreaterThan(0);
    expect(acceptance).toBeLessThanOrEqual(1);
  });
});
