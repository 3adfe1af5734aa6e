import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { syntheticDataset } from '../../testing/synthetic-dataset.js';
import { useCpuBackend } from '../../test/use-cpu-backend.js';
import { parseModelConfig } from '../model/config.js';
import { Cvae } from '../model/cvae.js';
import { evaluateElbo } from './evaluate-elbo.js';
import { latentStats } from './latent-stats.js';

beforeAll(useCpuBackend);

describe('latentStats', () => {
  const dataset = syntheticDataset({ classes: 3, inputSize: 12, trainSize: 64, testSize: 50 });

  it('splits the -ELBO KL term over dimensions and counts active units', async () => {
    const model = new Cvae(parseModelConfig({ inputSize: 12, conditionSize: 3, latentSize: 4, encoderHidden: [16], decoderHidden: [16], seed: 2 }));
    const stats = await latentStats(model, dataset, 'test', { batchSize: 16 });
    const elbo = await evaluateElbo(model, dataset, 'test', { batchSize: 16 });
    expect(stats.klPerDimension).toHaveLength(4);
    expect(stats.klPerDimension.reduce((a, b) => a + b)).toBeCloseTo(elbo.kl, 4);
    expect(stats.activeUnits).toBe(stats.activity.filter((a) => a > 0.01).length);
    model.dispose();
  });

  it('reports a collapsed dimension as inactive and a data-dependent one as active', async () => {
    const model = new Cvae(parseModelConfig({ inputSize: 12, conditionSize: 3, latentSize: 2, encoderHidden: [16], decoderHidden: [16], seed: 3 }));
    // Zero the head's weights and bias for mu_0 (column 0): its posterior mean is 0 for every x.
    const head = model.variables()[2];
    head.assign(tf.tidy(() => tf.mul(head, tf.concat([tf.zeros([16, 1]), tf.ones([16, 3])], 1))));
    const bias = model.variables()[3];
    bias.assign(tf.tidy(() => tf.mul(bias, tf.tensor1d([0, 1, 1, 1]))));
    // Scale mu_1 up so it clearly varies with x.
    head.assign(tf.tidy(() => tf.mul(head, tf.tensor1d([1, 20, 1, 1]))));
    const stats = await latentStats(model, dataset, 'test');
    expect(stats.activity[0]).toBeLessThan(1e-10);
    expect(stats.activity[1]).toBeGreaterThan(0.01);
    expect(stats.activeUnits).toBe(1);
    model.dispose();
  });
});
