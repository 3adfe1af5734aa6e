import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { oneHot } from '../data/one-hot.js';
import { loadModel } from '../io/load-model.js';
import { saveModel } from '../io/save-model.js';
import { useCpuBackend } from '../../test/use-cpu-backend.js';
import { parseModelConfig } from './config.js';
import { Cvae } from './cvae.js';

beforeAll(useCpuBackend);

const config = (decoderCondition: 'input' | 'every-layer') =>
  parseModelConfig({ inputSize: 10, conditionSize: 3, latentSize: 2, encoderHidden: [8], decoderHidden: [6, 5], decoderCondition, seed: 1 });

/** Decoder outputs for the same z under each of the 3 classes, after zeroing the c rows of the decoder's first layer. */
function outputsWithoutInputC(model: Cvae): number[][] {
  const decoder0 = model.localName(model.variables()[4]) === 'decoder.0.weight' ? model.variables()[4] : undefined;
  if (decoder0 === undefined) throw new Error('unexpected variable order');
  decoder0.assign(tf.tidy(() => tf.mul(decoder0, tf.concat([tf.ones([2, 6]), tf.zeros([3, 6])], 0))));
  return tf.tidy(() => {
    const z = tf.tensor2d([[0.3, -0.7], [0.3, -0.7], [0.3, -0.7]]);
    return model.decode(z, tf.tensor2d(oneHot([0, 1, 2], 3), [3, 3])).arraySync() as number[][];
  });
}

describe("decoderCondition 'every-layer'", () => {
  it('defaults to input, concatenating c only to z', () => {
    expect(parseModelConfig({ inputSize: 4, conditionSize: 2 }).decoderCondition).toBe('input');
  });

  it('feeds c to every decoder hidden layer: the layers grow by the condition size and c still reaches the output', () => {
    const plain = new Cvae(config('input'));
    const every = new Cvae(config('every-layer'));
    const shapes = (m: Cvae) => m.variables().filter((v) => m.localName(v).startsWith('decoder') && m.localName(v).endsWith('weight')).map((v) => v.shape);
    expect(shapes(plain)).toEqual([[5, 6], [6, 5], [5, 10]]);
    expect(shapes(every)).toEqual([[5, 6], [9, 5], [8, 10]]);
    // With c removed from the decoder's input, only 'every-layer' still depends on c.
    const [a, b] = [outputsWithoutInputC(plain), outputsWithoutInputC(every)];
    expect(a[1]).toEqual(a[0]);
    expect(b[1]).not.toEqual(b[0]);
    plain.dispose();
    every.dispose();
  });

  it('has gradients for the extra weights and survives a save/load round trip', async () => {
    const model = new Cvae(config('every-layer'));
    const x = tf.tensor2d(Array.from({ length: 20 }, (_, i) => i % 3 === 0 ? 1 : 0), [2, 10]);
    const c = tf.tensor2d(oneHot([0, 2], 3), [2, 3]);
    const { grads } = tf.variableGrads(() => tf.mean(model.reconstructionNll(model.decode(model.encode(x, c).mu, c), x)) as tf.Scalar, model.variables());
    const decoder1 = model.variables().find((v) => model.localName(v) === 'decoder.1.weight')!;
    // Rows 6..8 of decoder.1 multiply c: their gradient is nonzero.
    const cRows = tf.tidy(() => tf.sum(tf.abs(tf.slice(grads[decoder1.name], [6, 0], [3, 5]))).dataSync()[0]);
    expect(cRows).toBeGreaterThan(0);
    const artifact = await saveModel(model);
    const loaded = await loadModel(JSON.parse(JSON.stringify(artifact.manifest)), artifact.weights.slice());
    expect(loaded.config.decoderCondition).toBe('every-layer');
    expect(Array.from(tf.tidy(() => loaded.decode(tf.ones([2, 2]), c).dataSync()))).toEqual(Array.from(tf.tidy(() => model.decode(tf.ones([2, 2]), c).dataSync())));
    tf.dispose([x, c, ...Object.values(grads)]);
    model.dispose();
    loaded.dispose();
  });
});
