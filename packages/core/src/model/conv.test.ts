import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { syntheticDataset } from '../../testing/synthetic-dataset.js';
import { useCpuBackend } from '../../test/use-cpu-backend.js';
import { assertBackendCanTrain } from '../backend/assert-can-train.js';
import { cpuBackend } from '../backend/cpu/cpu-backend.js';
import { oneHot } from '../data/one-hot.js';
import { loadModel } from '../io/load-model.js';
import { saveModel } from '../io/save-model.js';
import { Trainer } from '../train/trainer.js';
import { parseModelConfig, type ModelConfigInput } from './config.js';
import { featureMapShapes } from './conv.js';
import { Cvae } from './cvae.js';

beforeAll(useCpuBackend);

const tiny: ModelConfigInput = { inputSize: 64, conditionSize: 4, latentSize: 4, architecture: { kind: 'conv', imageShape: [8, 8, 1], channels: [8, 16], kernelSize: 4 }, seed: 1 };

describe('conv architecture', () => {
  it('halves each side per layer (rounding up) and mirrors the stack in the decoder', () => {
    const config = parseModelConfig({ inputSize: 7 * 5 * 2, conditionSize: 3, latentSize: 2, architecture: { kind: 'conv', imageShape: [7, 5, 2], channels: [3, 4] } });
    expect(featureMapShapes(config.architecture as never)).toEqual([[7, 5, 2], [4, 3, 3], [2, 2, 4]]);
    const model = new Cvae(config);
    expect(model.variables().map((v) => [model.localName(v), v.shape])).toEqual([
      ['encoder.conv0.weight', [4, 4, 2, 3]],
      ['encoder.conv0.bias', [3]],
      ['encoder.conv1.weight', [4, 4, 3, 4]],
      ['encoder.conv1.bias', [4]],
      ['encoder.out.weight', [2 * 2 * 4 + 3, 4]],
      ['encoder.out.bias', [4]],
      ['decoder.in.weight', [2 + 3, 2 * 2 * 4]],
      ['decoder.in.bias', [16]],
      ['decoder.deconv0.weight', [4, 4, 3, 4]], // [k, k, out, in]
      ['decoder.deconv0.bias', [3]],
      ['decoder.deconv1.weight', [4, 4, 2, 3]],
      ['decoder.deconv1.bias', [2]],
    ]);
    const x = tf.zeros([5, 70]) as tf.Tensor2D;
    const c = tf.tensor2d(oneHot([0, 1, 2, 0, 1], 3), [5, 3]);
    const { mu, logvar } = model.encode(x, c);
    expect([mu.shape, logvar.shape, model.decode(mu, c).shape]).toEqual([[5, 2], [5, 2], [5, 70]]);
    tf.dispose([x, c, mu, logvar]);
    model.dispose();
  });

  it('initialises like PyTorch: U(±1/sqrt(fan_in)), fan_in = k*k*in (Conv2d) or k*k*out (ConvTranspose2d), from the seed', () => {
    const model = new Cvae(parseModelConfig({ ...tiny, architecture: { kind: 'conv', imageShape: [8, 8, 1], channels: [32, 64] } }));
    const bounds: Record<string, number> = { 'encoder.conv0': 1 / 4, 'encoder.conv1': 1 / Math.sqrt(16 * 32), 'decoder.deconv0': 1 / Math.sqrt(16 * 32), 'decoder.deconv1': 1 / 4 };
    for (const v of model.variables()) {
      const bound = bounds[model.localName(v).replace(/\.(weight|bias)$/, '')];
      if (bound === undefined) continue;
      const values = Array.from(v.dataSync(), Math.abs);
      expect(Math.max(...values)).toBeLessThanOrEqual(bound);
      if (values.length > 100) expect(Math.max(...values)).toBeGreaterThan(0.9 * bound);
    }
    const again = new Cvae(parseModelConfig({ ...tiny, architecture: { kind: 'conv', imageShape: [8, 8, 1], channels: [32, 64] } }));
    expect(again.variables().map((v) => Array.from(v.dataSync()))).toEqual(model.variables().map((v) => Array.from(v.dataSync())));
    model.dispose();
    again.dispose();
  });

  it('trains on 8x8 synthetic images (test -ELBO falls over 3 epochs) and save/load round-trips exactly', async () => {
    const dataset = syntheticDataset({ classes: 4, inputSize: 64, trainSize: 256, testSize: 64 });
    const config = parseModelConfig(tiny);
    assertBackendCanTrain(config, cpuBackend());
    const model = new Cvae(config);
    const trainer = new Trainer(model, dataset, { epochs: 3, batchSize: 32, learningRate: 5e-3 });
    const negElbo: number[] = [];
    const numTensors: number[] = [];
    for await (const e of trainer.run()) {
      if (e.type !== 'epoch') continue;
      negElbo.push(e.test!.negElbo);
      numTensors.push(e.numTensors);
    }
    expect(negElbo[1]).toBeLessThan(negElbo[0]);
    expect(negElbo[2]).toBeLessThan(negElbo[1]);
    expect(numTensors[2]).toBe(numTensors[0]);

    const { manifest, weights } = await saveModel(model);
    const loaded = await loadModel(JSON.parse(JSON.stringify(manifest)), weights.slice());
    expect(loaded.config).toEqual(model.config);
    expect(loaded.variables().map((v) => [loaded.localName(v), Array.from(v.dataSync())])).toEqual(model.variables().map((v) => [model.localName(v), Array.from(v.dataSync())]));
    const conditions = oneHot([0, 1, 2, 3], 4);
    const { sampleMeans } = await import('../sample/sample.js');
    expect(sampleMeans(loaded, conditions, 3)).toEqual(sampleMeans(model, conditions, 3));
    trainer.dispose();
    model.dispose();
    loaded.dispose();
  });
});

describe('assertBackendCanTrain', () => {
  const conv = parseModelConfig(tiny);
  const mlp = parseModelConfig({ inputSize: 64, conditionSize: 4 });

  it('refuses the conv architecture on a backend without conv training, naming the backend, the kernel and the alternatives', () => {
    const backend = { name: 'abacus', capabilities: { trainsConv: false, threads: 1 }, init: async () => {} };
    expect(() => assertBackendCanTrain(conv, backend)).toThrow(
      '[cvae] [config] backend abacus cannot train the conv architecture: tfjs registers no Conv2D, Conv2DBackpropInput, Conv2DBackpropFilter kernels for abacus; fix: use the mlp architecture (--arch mlp',
    );
    expect(() => assertBackendCanTrain(conv, { ...backend, name: 'cpu' })).toThrow(/backend cpu cannot train the conv architecture: the backend declares capabilities.trainsConv = false/);
    expect(() => assertBackendCanTrain(mlp, backend)).not.toThrow();
    expect(() => assertBackendCanTrain(conv, cpuBackend())).not.toThrow();
  });
});
