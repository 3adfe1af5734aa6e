import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { nodeBackend } from '@cvae/backend-node';
import { wasmBackend } from '@cvae/backend-wasm';
import { BackendUnavailableError, cpuBackend, Cvae, loadModel, oneHot, parseModelConfig, sampleMeans, saveModel, Trainer, type Backend } from '@cvae/core';
import { syntheticDataset } from '@cvae/core/testing';
import { describe, expect, it } from 'vitest';

const node = nodeBackend();
const unavailable = await node.init().then(
  () => undefined,
  (error: unknown) => {
    if (error instanceof BackendUnavailableError && process.env.CVAE_REQUIRE_NATIVE !== '1') return error.message;
    throw error;
  },
);
if (unavailable) console.warn(`SKIPPED model files between node and wasm/cpu: ${unavailable}`);
const backends: Record<string, Backend> = { node, wasm: wasmBackend({ threads: 1 }), cpu: cpuBackend() };

/** init() activates a backend only the first time; later switches go through setBackend. */
async function use(backend: Backend): Promise<void> {
  await backend.init();
  await tf.setBackend(backend.name);
}

async function trainOn(backend: Backend): Promise<Cvae> {
  await use(backend);
  const model = new Cvae(parseModelConfig({ inputSize: 24, conditionSize: 3, latentSize: 4, encoderHidden: [16], decoderHidden: [16], seed: 8 }));
  const trainer = new Trainer(model, syntheticDataset({ classes: 3, inputSize: 24, trainSize: 64, testSize: 32 }), { epochs: 2, batchSize: 32, learningRate: 1e-2, seed: 3 });
  for await (const event of trainer.run()) expect(Number.isFinite(event.type === 'batch' ? event.loss : event.train.loss)).toBe(true);
  trainer.dispose();
  return model;
}

const maxAbsDiff = (a: Float32Array, b: Float32Array) => a.reduce((worst, v, i) => Math.max(worst, Math.abs(v - b[i])), 0);

describe.skipIf(unavailable !== undefined)('model files between node and wasm / cpu', () => {
  const pairs = [['node', 'wasm'], ['node', 'cpu'], ['wasm', 'node'], ['cpu', 'node']] as const;
  for (const [from, to] of pairs) {
    it(`a model trained on ${from} loads on ${to} with identical weights and samples the same within 1e-5`, async () => {
      const trained = await trainOn(backends[from]);
      const conditions = oneHot([0, 1, 2, 1], 3);
      const samples = sampleMeans(trained, conditions, 4);
      const artifact = await saveModel(trained);

      await use(backends[to]);
      const loaded = await loadModel(JSON.parse(JSON.stringify(artifact.manifest)), artifact.weights);
      expect(tf.getBackend()).toBe(backends[to].name);
      expect(loaded.variables().map((v) => Array.from(v.dataSync()))).toEqual(trained.variables().map((v) => Array.from(v.dataSync())));
      const again = sampleMeans(loaded, conditions, 4);
      expect(again.length).toBe(samples.length);
      expect(maxAbsDiff(again, samples)).toBeLessThan(1e-5);
      expect((await saveModel(loaded)).manifest.weights.sha256).toBe(artifact.manifest.weights.sha256);
      loaded.dispose();
      await use(backends[from]);
      trained.dispose();
    });
  }
});
