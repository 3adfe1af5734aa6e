import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCpuBackend } from '../../test/use-cpu-backend.js';
import { oneHot } from '../data/one-hot.js';
import { parseModelConfig } from '../model/config.js';
import { Cvae } from '../model/cvae.js';
import { decodeMeans, encodeMeans, linearPath, reconstructMeans, transferLatent } from './latent-walks.js';

beforeAll(useCpuBackend);

describe('latent walks', () => {
  it('encodes to posterior means, decodes back, and reconstructs under another condition', () => {
    const model = new Cvae(parseModelConfig({ inputSize: 6, conditionSize: 2, latentSize: 3, encoderHidden: [8], decoderHidden: [8] }));
    const before = tf.memory().numTensors;
    const x = new Float32Array([1, 0, 1, 0, 1, 0, 0, 1, 0, 1, 0, 1]);
    const c = oneHot([0, 1], 2);
    const z = encodeMeans(model, x, c);
    expect(z).toHaveLength(6);
    expect(Array.from(reconstructMeans(model, x, c))).toEqual(Array.from(decodeMeans(model, z, c)));
    const other = reconstructMeans(model, x, c, oneHot([1, 0], 2));
    expect(Array.from(other)).not.toEqual(Array.from(decodeMeans(model, z, c)));
    expect(Array.from(other).every((p) => p > 0 && p < 1)).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('moves a code between classes of a learned prior and back, keeping its standardised place', () => {
    const model = new Cvae(parseModelConfig({ inputSize: 6, conditionSize: 2, latentSize: 3, encoderHidden: [8], decoderHidden: [8], prior: { kind: 'learned', hidden: [] } }));
    // A non-trivial prior: push the prior layer's weights away from their initial values.
    for (const v of model.variables().filter((w) => model.localName(w).startsWith('prior'))) v.assign(tf.tidy(() => tf.add(v, tf.randomUniform(v.shape, -1, 1, 'float32', 5))));
    const z = new Float32Array([0.5, -1, 2]);
    const [a, b] = [oneHot([0], 2), oneHot([1], 2)];
    const moved = transferLatent(model, z, a, b);
    expect(Array.from(moved)).not.toEqual(Array.from(z));
    Array.from(transferLatent(model, moved, b, a)).forEach((v, i) => expect(v).toBeCloseTo(z[i], 4));
    Array.from(transferLatent(model, z, a, a)).forEach((v, i) => expect(v).toBeCloseTo(z[i], 5));
    model.dispose();
    const standard = new Cvae(parseModelConfig({ inputSize: 6, conditionSize: 2, latentSize: 3, encoderHidden: [8], decoderHidden: [8] }));
    expect(Array.from(transferLatent(standard, z, a, b))).toEqual(Array.from(z));
    standard.dispose();
  });

  it('walks a straight line with both ends included', () => {
    expect(Array.from(linearPath(new Float32Array([0, 10]), new Float32Array([1, 20]), 3))).toEqual([0, 10, 0.5, 15, 1, 20]);
    expect(() => linearPath(new Float32Array(2), new Float32Array(3), 3)).toThrow(/differ in length/);
  });
});
