import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { syntheticDataset } from '../../testing/synthetic-dataset.js';
import { useCpuBackend } from '../../test/use-cpu-backend.js';
import { parseModelConfig } from '../model/config.js';
import { Cvae } from '../model/cvae.js';
import { Trainer } from '../train/trainer.js';
import { Classifier } from './classifier.js';
import { measureControl } from './control.js';
import { trainDatasetClassifier } from './dataset-classifier.js';
import { latentLeakage } from './leakage.js';

beforeAll(useCpuBackend);

const dataset = syntheticDataset({ classes: 4, inputSize: 32, trainSize: 512, testSize: 200 });
const config = (seed: number) => parseModelConfig({ inputSize: 32, conditionSize: 4, latentSize: 4, encoderHidden: [32], decoderHidden: [32], seed });

async function trained(seed: number): Promise<Cvae> {
  const model = new Cvae(config(seed));
  const trainer = new Trainer(model, dataset, { epochs: 8, batchSize: 32, learningRate: 5e-3, seed, evaluate: false });
  for await (const event of trainer.run()) void event;
  trainer.dispose();
  return model;
}

describe('measureControl', () => {
  it('scores samples of a trained CVAE near 1 and an untrained one far lower, per class, leaking nothing', async () => {
    const { classifier } = await trainDatasetClassifier(dataset, { hidden: [16], epochs: 4, batchSize: 32, learningRate: 1e-2 });
    const model = await trained(1);
    const untrained = new Cvae(config(2));
    const before = tf.memory().numTensors;
    const good = measureControl(model, classifier, { perClass: 50, batchSize: 30 });
    const bad = measureControl(untrained, classifier, { perClass: 50 });
    const drawn = measureControl(model, classifier, { perClass: 50, draw: 'sample' });
    expect(tf.memory().numTensors).toBe(before);
    expect(good.samples).toBe(200);
    expect(good.perClass).toHaveLength(4);
    expect(good.accuracy).toBeCloseTo(good.perClass.reduce((a, b) => a + b) / 4, 10);
    expect(good.accuracy).toBeGreaterThan(0.9);
    expect(drawn.accuracy).toBeGreaterThan(0.8);
    expect(bad.accuracy).toBeLessThan(0.6);
    // Same seed, same figure.
    expect(measureControl(model, classifier, { perClass: 50, batchSize: 30 })).toEqual(good);
    tf.dispose([model, untrained, classifier].flatMap((m) => m.variables()));
  });

  it('refuses a classifier of other sizes', () => {
    const model = new Cvae(config(0));
    const classifier = new Classifier({ inputSize: 32, classes: 3, hidden: [] });
    expect(() => measureControl(model, classifier)).toThrow(/\[cvae\] \[control\]/);
    model.dispose();
    classifier.dispose();
  });
});

describe('latentLeakage', () => {
  it('reads c from z when mu is a function of c, and does no better than chance when mu is constant', async () => {
    const leaky = new Cvae(config(3));
    const [w0] = leaky.variables();
    // Zero the x rows of the first encoder layer: mu depends on c alone (one point per class).
    w0.assign(tf.tidy(() => tf.mul(w0, tf.concat([tf.zeros([32, 32]), tf.ones([4, 32])], 0))));
    const blind = new Cvae(config(4));
    const head = blind.variables()[2];
    head.assign(tf.tidy(() => tf.mul(head, tf.concat([tf.zeros([32, 4]), tf.ones([32, 4])], 1))));
    const before = tf.memory().numTensors;
    const high = await latentLeakage(leaky, dataset, { epochs: 30 });
    const low = await latentLeakage(blind, dataset, { epochs: 5 });
    expect(tf.memory().numTensors).toBe(before);
    expect(high.testAccuracy).toBeGreaterThan(0.98);
    expect(low.chance).toBeGreaterThan(0.2);
    expect(low.testAccuracy).toBeLessThanOrEqual(low.chance + 1e-9);
    leaky.dispose();
    blind.dispose();
  });
});
