import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { syntheticDataset } from '../../testing/synthetic-dataset.js';
import { useCpuBackend } from '../../test/use-cpu-backend.js';
import { oneHot } from '../data/one-hot.js';
import { loadModel } from '../io/load-model.js';
import { saveModel } from '../io/save-model.js';
import { gaussianKlBetween, gaussianKlPerDimension } from '../loss/kl.js';
import { sampleMeans } from '../sample/sample.js';
import { Trainer } from '../train/trainer.js';
import { parseModelConfig } from './config.js';
import { Cvae } from './cvae.js';

beforeAll(useCpuBackend);

describe('gaussianKlBetween', () => {
  it('matches the closed form and reduces to the standard-normal KL', () => {
    const [mq, lq, mp, lp] = [0.3, Math.log(0.5), -1, Math.log(2)];
    const expected = 0.5 * (lp - lq + (Math.exp(lq) + (mq - mp) ** 2) / Math.exp(lp) - 1);
    const t = (v: number) => tf.tensor2d([v], [1, 1]);
    expect(gaussianKlBetween(t(mq), t(lq), t(mp), t(lp)).dataSync()[0]).toBeCloseTo(expected, 5);
    const mu = tf.tensor2d([0.5, -2], [1, 2]);
    const logvar = tf.tensor2d([0.1, -0.3], [1, 2]);
    const zeros = tf.zeros([1, 2]) as tf.Tensor2D;
    expect(Array.from(gaussianKlBetween(mu, logvar, zeros, zeros).dataSync())).toEqual(Array.from(gaussianKlPerDimension(mu, logvar).dataSync()));
  });
});

describe('learned conditional prior p(z|c)', () => {
  const config = parseModelConfig({ inputSize: 32, conditionSize: 4, latentSize: 3, encoderHidden: [32], decoderHidden: [32], prior: { kind: 'learned', hidden: [8] } });

  it('trains, moves the prior, survives save/load, and is what sampling draws from', async () => {
    const model = new Cvae(config);
    expect(model.hasLearnedPrior).toBe(true);
    const before = model.prior(tf.tensor2d(oneHot([0, 1], 4), [2, 4])).mu.dataSync().slice();
    const trainer = new Trainer(model, syntheticDataset(), { epochs: 4, batchSize: 32, learningRate: 5e-3 });
    const negElbo: number[] = [];
    for await (const e of trainer.run()) if (e.type === 'epoch') negElbo.push(e.test!.negElbo);
    expect(negElbo[3]).toBeLessThan(negElbo[0]);
    const after = model.prior(tf.tensor2d(oneHot([0, 1], 4), [2, 4])).mu.dataSync();
    expect(Array.from(after)).not.toEqual(Array.from(before));

    const { manifest, weights } = await saveModel(model);
    const loaded = await loadModel(JSON.parse(JSON.stringify(manifest)), weights);
    const conditions = oneHot([0, 1, 2, 3], 4);
    expect(sampleMeans(loaded, conditions, 7)).toEqual(sampleMeans(model, conditions, 7));
    // A prior moved far away changes the samples: sampling reads the learned prior.
    const bias = model.variables().at(-1)!;
    bias.assign(tf.tidy(() => tf.add(bias, tf.concat([tf.fill([3], 5), tf.zeros([3])]))));
    expect(sampleMeans(model, conditions, 7)).not.toEqual(sampleMeans(loaded, conditions, 7));
    trainer.dispose();
    model.dispose();
    loaded.dispose();
  });
});
