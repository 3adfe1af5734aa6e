import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { syntheticDataset } from '../../testing/synthetic-dataset.js';
import { useCpuBackend } from '../../test/use-cpu-backend.js';
import { loadModel } from '../io/load-model.js';
import { saveModel } from '../io/save-model.js';
import { Trainer } from '../train/trainer.js';
import { parseModelConfig } from '../model/config.js';
import { Cvae } from '../model/cvae.js';

beforeAll(useCpuBackend);

describe('model likelihoods', () => {
  it('accepts the short form "bernoulli" (older model files) and refuses unknown kinds', () => {
    expect(parseModelConfig({ inputSize: 4, conditionSize: 2, likelihood: 'bernoulli' as never }).likelihood).toEqual({ kind: 'bernoulli' });
    expect(() => parseModelConfig({ inputSize: 4, conditionSize: 2, likelihood: { kind: 'poisson' } as never })).toThrow(/likelihood/);
    expect(() => parseModelConfig({ inputSize: 4, conditionSize: 2, likelihood: { kind: 'gaussian', sigma: -1 } })).toThrow(/sigma must be > 0/);
  });

  it('trains a learned-sigma Gaussian model, moves log sigma, and saves it with the weights', async () => {
    const dataset = syntheticDataset({ classes: 2, inputSize: 8, trainSize: 128, testSize: 32 });
    const config = parseModelConfig({ inputSize: 8, conditionSize: 2, latentSize: 2, encoderHidden: [16], decoderHidden: [16], likelihood: { kind: 'gaussian', sigma: 'learned', minSigma: 0.01 } });
    const model = new Cvae(config);
    expect(model.variables()).toHaveLength(9); // 4 layers x (weight, bias) + log sigma
    const trainer = new Trainer(model, dataset, { epochs: 5, batchSize: 32, learningRate: 1e-2 });
    const negElbo: number[] = [];
    for await (const event of trainer.run()) if (event.type === 'epoch') negElbo.push(event.test!.negElbo);
    expect(negElbo[4]).toBeLessThan(negElbo[0]);
    const logSigma = model.variables()[8].dataSync();
    expect(Math.max(...Array.from(logSigma, Math.abs))).toBeGreaterThan(0.01);
    const { manifest, weights } = await saveModel(model);
    const loaded = await loadModel(JSON.parse(JSON.stringify(manifest)), weights);
    expect(Array.from(loaded.variables()[8].dataSync())).toEqual(Array.from(logSigma));
    trainer.dispose();
    tf.dispose([...model.variables(), ...loaded.variables()]);
  });
});
