import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { oneHot } from '../data/one-hot.js';
import { parseModelConfig } from '../model/config.js';
import { Cvae } from '../model/cvae.js';
import { sampleMeans } from '../sample/sample.js';
import { useCpuBackend } from '../../test/use-cpu-backend.js';
import { loadModel } from './load-model.js';
import { MODEL_FORMAT_VERSION } from './manifest.js';
import { saveModel } from './save-model.js';

beforeAll(useCpuBackend);

const config = parseModelConfig({ inputSize: 12, conditionSize: 3, latentSize: 2, encoderHidden: [5], decoderHidden: [6], seed: 9 });

describe('saveModel / loadModel', () => {
  it('round-trips every weight exactly, so samples for a seed are identical', async () => {
    const model = new Cvae(config);
    const artifact = await saveModel(model, { training: { epochs: 0 } });
    const json = JSON.parse(JSON.stringify(artifact.manifest));
    const loaded = await loadModel(json, artifact.weights.slice());
    const original = model.variables().map((v) => Array.from(v.dataSync()));
    expect(loaded.variables().map((v) => Array.from(v.dataSync()))).toEqual(original);
    const conditions = oneHot([0, 1, 2], 3);
    expect(sampleMeans(loaded, conditions, 5)).toEqual(sampleMeans(model, conditions, 5));
    expect(sampleMeans(loaded, conditions, 6)).not.toEqual(sampleMeans(model, conditions, 5));
    model.dispose();
    loaded.dispose();
  });

  it('refuses a checksum mismatch, a truncated file and a newer format, naming the problem', async () => {
    const model = new Cvae(config);
    const { manifest, weights } = await saveModel(model);
    const corrupted = weights.slice();
    corrupted[10] ^= 0xff;
    await expect(loadModel(manifest, corrupted, 'runs/x/model')).rejects.toThrow(/runs\/x\/model\/weights\.bin: checksum mismatch \(expected sha256 [0-9a-f]{64}, found [0-9a-f]{64}\)/);
    await expect(loadModel(manifest, weights.slice(0, 20), 'm')).rejects.toThrow(/m\/weights\.bin: expected \d+ bytes, found 20/);
    await expect(loadModel({ ...manifest, formatVersion: MODEL_FORMAT_VERSION + 1 }, weights)).rejects.toThrow(/format version 2 is newer than this reader \(1\); fix: upgrade @cvae\/core/);
    await expect(loadModel({ hello: 1 }, weights)).rejects.toThrow(/not a cvae model manifest/);
    model.dispose();
  });

  it('leaves no tensors behind', async () => {
    const before = tf.memory().numTensors;
    const model = new Cvae(config);
    const { manifest, weights } = await saveModel(model);
    const loaded = await loadModel(manifest, weights);
    sampleMeans(loaded, oneHot([1], 3), 1);
    model.dispose();
    loaded.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('sampleMeans', () => {
  it('returns Bernoulli means in [0, 1] for each condition row and refuses partial rows', () => {
    const model = new Cvae(config);
    const means = sampleMeans(model, oneHot([0, 2], 3), 1);
    expect(means.length).toBe(24);
    expect(means.every((p) => p >= 0 && p <= 1)).toBe(true);
    expect(() => sampleMeans(model, new Float32Array(4), 1)).toThrow(/whole rows of 3 values, found 4/);
    model.dispose();
  });
});
