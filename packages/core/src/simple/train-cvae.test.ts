import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it, vi } from 'vitest';
import { syntheticDataset } from '../../testing/synthetic-dataset.js';
import { cpuBackend } from '../backend/cpu/cpu-backend.js';
import type { Backend } from '../backend/backend.js';
import type { DatasetAdapter } from '../data/dataset.js';
import { CvaeError } from '../errors/cvae-error.js';
import { loadCvae } from './load-cvae.js';
import { trainCvae } from './train-cvae.js';

const SMALL = { latentSize: 4, encoderHidden: [32], decoderHidden: [32] };

function spiedBackend(): Backend & { inits: number } {
  const inner = cpuBackend();
  const spied = { ...inner, inits: 0, init: async () => { spied.inits++; await inner.init(); } };
  return spied;
}

/** Mean of the training examples of one class (the data a sample of that class should look like). */
async function classMean(dataset: DatasetAdapter, classIndex: number): Promise<Float32Array> {
  const { input, condition } = dataset.spec;
  const sum = new Float32Array(input.size);
  let n = 0;
  for await (const batch of dataset.batches('train', 64, { shuffle: false })) {
    for (let r = 0; r < batch.size; r++) {
      if (batch.c[r * condition.size + classIndex] !== 1) continue;
      for (let d = 0; d < input.size; d++) sum[d] += batch.x[r * input.size + d];
      n++;
    }
  }
  return sum.map((v) => v / n);
}

function meanAbsDistance(samples: Float32Array, target: Float32Array): number {
  let total = 0;
  for (let i = 0; i < samples.length; i++) total += Math.abs(samples[i] - target[i % target.length]);
  return total / samples.length;
}

describe('trainCvae / loadCvae (the plain API)', () => {
  it('initialises the backend, loads the data, reports each epoch and learns the classes', async () => {
    const backend = spiedBackend();
    const dataset = syntheticDataset();
    const load = vi.spyOn(dataset, 'load');
    const epochs: number[] = [];
    const model = await trainCvae({ backend, dataset, epochs: 4, batchSize: 32, learningRate: 5e-3, model: SMALL, onEpoch: (e) => epochs.push(e.epoch) });
    expect(backend.inits).toBe(1);
    expect(load).toHaveBeenCalledTimes(1);
    expect(epochs).toEqual([1, 2, 3, 4]);
    expect(model.history.at(-1)!.test!.negElbo).toBeLessThan(model.history[0].test!.negElbo);

    const ones = model.sample({ class: 'class 1' }, 20, { seed: 3 });
    expect(ones).toHaveLength(20 * 32);
    expect(ones.every((p) => p >= 0 && p <= 1)).toBe(true);
    const [mean0, mean1] = [await classMean(dataset, 0), await classMean(dataset, 1)];
    expect(meanAbsDistance(ones, mean1)).toBeLessThan(meanAbsDistance(ones, mean0));
    model.dispose();
  });

  it('refuses an unknown attribute or class, naming what exists', async () => {
    const model = await trainCvae({ backend: cpuBackend(), dataset: syntheticDataset(), epochs: 1, model: SMALL, evaluate: false });
    expect(() => model.sample({ class: 'class 9' }, 2)).toThrow(/"class 9" is not a class of "class"; the classes are class 0, class 1/);
    expect(() => model.sample({ digit: 1 }, 2)).toThrow(CvaeError);
    expect(() => model.sample({ class: 'class 0' }, 0)).toThrow(/count must be an integer >= 1/);
    model.dispose();
  });

  it('saves and reloads a model that samples exactly the same, condition names included', async () => {
    const model = await trainCvae({ backend: cpuBackend(), dataset: syntheticDataset(), epochs: 1, model: SMALL });
    const { manifest, weights } = await model.save();
    expect(manifest.dataset?.id).toBe('synthetic');
    expect(manifest.training?.epochs).toBe(1);
    const backend = spiedBackend();
    const loaded = await loadCvae(JSON.parse(JSON.stringify(manifest)), weights, { backend });
    expect(backend.inits).toBe(1);
    const condition = { class: 'class 2' };
    expect(loaded.sample(condition, 4, { seed: 5, draw: 'data' })).toEqual(model.sample(condition, 4, { seed: 5, draw: 'data' }));
    expect(loaded.sample(condition, 4, { seed: 5 })).toEqual(model.sample(condition, 4, { seed: 5 }));
    const before = tf.memory().numTensors;
    loaded.dispose();
    model.dispose();
    expect(tf.memory().numTensors).toBeLessThan(before);
  });

  it('samples from an encoded row when the model has no dataset spec', async () => {
    const model = await trainCvae({ backend: cpuBackend(), dataset: syntheticDataset(), epochs: 1, model: SMALL, evaluate: false });
    const { manifest, weights } = await model.save();
    const { dataset: _dropped, ...bare } = manifest;
    const loaded = await loadCvae(bare, weights, { backend: cpuBackend() });
    expect(() => loaded.sample({ class: 'class 0' }, 1)).toThrow(/carries no dataset spec/);
    expect(loaded.sample(new Float32Array([1, 0, 0, 0]), 2)).toEqual(model.sample({ class: 'class 0' }, 2));
    expect(() => loaded.sample(new Float32Array([1, 0]), 2)).toThrow(/holds 4 values, found 2/);
    loaded.dispose();
    model.dispose();
  });

  it('skips load() when asked and stops at an aborted signal', async () => {
    const dataset = syntheticDataset();
    await dataset.load();
    const load = vi.spyOn(dataset, 'load');
    const controller = new AbortController();
    const model = await trainCvae({
      backend: cpuBackend(), dataset, loadDataset: false, epochs: 5, model: SMALL, evaluate: false,
      onEpoch: () => controller.abort(), signal: controller.signal,
    });
    expect(load).not.toHaveBeenCalled();
    expect(model.history.map((e) => e.epoch)).toEqual([1]);
    model.dispose();
  });

  it('frees the model when training fails', async () => {
    const before = tf.memory().numTensors;
    await expect(trainCvae({ backend: cpuBackend(), dataset: syntheticDataset(), epochs: 1, model: SMALL, learningRate: 5 })).rejects.toThrow(/learningRate/);
    expect(tf.memory().numTensors).toBe(before);
  });
});
