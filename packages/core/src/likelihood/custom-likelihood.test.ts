// A likelihood defined only here, to show that the door takes a new kind with no other change:
// register it, and the model config, Trainer, evaluation, sampling and model files use it.
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { syntheticDataset } from '../../testing/synthetic-dataset.js';
import { useCpuBackend } from '../../test/use-cpu-backend.js';
import { evaluateIwae } from '../eval/iwae.js';
import { loadModel } from '../io/load-model.js';
import { saveModel } from '../io/save-model.js';
import { parseModelConfig } from '../model/config.js';
import { Cvae } from '../model/cvae.js';
import { sampleData } from '../sample/sample.js';
import { Trainer } from '../train/trainer.js';
import type { Likelihood } from './likelihood.js';
import { registerLikelihood } from './registry.js';

type LaplaceConfig = { kind: 'laplace'; minScale: number };

/** Laplace(x; mu, b) with one learned log-scale per dimension: -log p = |x - mu| / b + log(2 b). */
const laplace: Likelihood<LaplaceConfig> = {
  kind: 'laplace',
  schema: z.object({ kind: z.literal('laplace'), minScale: z.number().gt(0).default(1e-3) }),
  outputs: (_config, size) => size,
  parameters: (_config, size) => [{ name: 'logScale', shape: [size], init: 0 }],
  nll: (config, mu, x, params) =>
    tf.tidy(() => {
      const logScale = tf.maximum(params.logScale, Math.log(config.minScale));
      const perDim = tf.add(tf.div(tf.abs(tf.sub(x, mu)), tf.exp(logScale)), tf.add(logScale, Math.LN2));
      return tf.sum(perDim, 1) as tf.Tensor1D;
    }),
  mean: (_config, mu) => tf.clone(mu),
  sample: (config, mu, seed, params) =>
    tf.tidy(() => {
      const u = tf.randomUniform(mu.shape, -0.4999, 0.4999, 'float32', seed);
      const scale = tf.exp(tf.maximum(params.logScale, Math.log(config.minScale)));
      return tf.sub(mu, tf.mul(tf.mul(scale, tf.sign(u)), tf.log1p(tf.mul(tf.abs(u), -2)))) as tf.Tensor2D;
    }),
};

beforeAll(async () => {
  await useCpuBackend();
  registerLikelihood(laplace);
});

describe('a likelihood registered from outside core', () => {
  it('validates its config, trains, evaluates, samples, and survives a save and load', async () => {
    expect(() => parseModelConfig({ inputSize: 8, conditionSize: 2, likelihood: { kind: 'laplace', minScale: -1 } })).toThrow(/likelihood.minScale/);
    const config = parseModelConfig({ inputSize: 8, conditionSize: 2, latentSize: 2, encoderHidden: [16], decoderHidden: [16], likelihood: 'laplace' });
    expect(config.likelihood).toEqual({ kind: 'laplace', minScale: 1e-3 });
    const dataset = syntheticDataset({ classes: 2, inputSize: 8, trainSize: 128, testSize: 32 });
    const model = new Cvae(config);
    expect(model.variables().map((v) => model.localName(v))).toContain('decoder.logScale');
    const trainer = new Trainer(model, dataset, { epochs: 4, batchSize: 32, learningRate: 1e-2 });
    const negElbo: number[] = [];
    const tensors: number[] = [];
    for await (const event of trainer.run()) {
      if (event.type === 'epoch') {
        negElbo.push(event.test!.negElbo);
        tensors.push(tf.memory().numTensors);
      }
    }
    expect(negElbo[3]).toBeLessThan(negElbo[0]);
    expect(tensors[3]).toBe(tensors[1]);
    const { nll } = await evaluateIwae(model, dataset, 'test', { k: 8 });
    expect(Number.isFinite(nll)).toBe(true);

    const { manifest, weights } = await saveModel(model);
    const loaded = await loadModel(JSON.parse(JSON.stringify(manifest)), weights);
    const conditions = new Float32Array([1, 0, 0, 1]);
    expect(Array.from(sampleData(loaded, conditions, 3))).toEqual(Array.from(sampleData(model, conditions, 3)));
    trainer.dispose();
    model.dispose();
    loaded.dispose();
  });
});
