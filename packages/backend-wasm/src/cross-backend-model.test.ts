import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { cpuBackend, Cvae, loadModel, oneHot, parseModelConfig, sampleMeans, saveModel } from '@cvae/core';
import { describe, expect, it } from 'vitest';
import { wasmBackend } from './wasm-backend.js';

describe('model files across backends', () => {
  it('a model saved on cpu loads on wasm with identical weights and matching samples, and back', async () => {
    await cpuBackend().init();
    const config = parseModelConfig({ inputSize: 20, conditionSize: 3, latentSize: 4, encoderHidden: [16], decoderHidden: [16], seed: 8 });
    const onCpu = new Cvae(config);
    const conditions = oneHot([0, 1, 2], 3);
    const cpuSamples = sampleMeans(onCpu, conditions, 4);
    const artifact = await saveModel(onCpu);

    await wasmBackend({ threads: 1 }).init();
    const onWasm = await loadModel(JSON.parse(JSON.stringify(artifact.manifest)), artifact.weights);
    expect(tf.getBackend()).toBe('wasm');
    expect(onWasm.variables().map((v) => Array.from(v.dataSync()))).toEqual(onCpu.variables().map((v) => Array.from(v.dataSync())));
    // Same weights and noise; the backends' float kernels differ only in rounding.
    Array.from(sampleMeans(onWasm, conditions, 4)).forEach((p, i) => expect(p).toBeCloseTo(cpuSamples[i], 5));

    const again = await saveModel(onWasm);
    expect(again.manifest.weights.sha256).toBe(artifact.manifest.weights.sha256);
  });
});
