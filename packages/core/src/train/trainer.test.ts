import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { syntheticDataset } from '../../testing/synthetic-dataset.js';
import type { DatasetAdapter } from '../data/dataset.js';
import { parseModelConfig } from '../model/config.js';
import { Cvae } from '../model/cvae.js';
import { useCpuBackend } from '../../test/use-cpu-backend.js';
import type { EpochEvent } from './events.js';
import type { TrainOptionsInput } from './train-options.js';
import { Trainer } from './trainer.js';
import { registerAdam } from './adam.js';
import { HostAdam } from '../backend/cpu/host-adam.js';

beforeAll(useCpuBackend);

async function trainEpochs(dataset: DatasetAdapter, epochs: number, seed = 0, extra: TrainOptionsInput = {}): Promise<EpochEvent[]> {
  const model = new Cvae(parseModelConfig({ inputSize: 32, conditionSize: 4, latentSize: 4, encoderHidden: [32], decoderHidden: [32], seed }));
  const trainer = new Trainer(model, dataset, { epochs, batchSize: 32, learningRate: 5e-3, seed, ...extra });
  const events: EpochEvent[] = [];
  for await (const event of trainer.run()) if (event.type === 'epoch') events.push(event);
  trainer.dispose();
  model.dispose();
  return events;
}

describe('Trainer', () => {
  const dataset = syntheticDataset();

  it('emits one epoch event per epoch with train and test figures, and the test -ELBO falls', async () => {
    const events = await trainEpochs(dataset, 4);
    expect(events.map((e) => e.epoch)).toEqual([1, 2, 3, 4]);
    expect(events[3].test!.negElbo).toBeLessThan(events[0].test!.negElbo);
    expect(events[0].test!.negElbo).toBeCloseTo(events[0].test!.recon + events[0].test!.kl, 3);
    expect(events[0].train.loss).toBeCloseTo(events[0].train.recon + events[0].train.kl, 3);
  });

  it('keeps tf.memory().numTensors constant from epoch 1 to epoch 3', async () => {
    const events = await trainEpochs(dataset, 3);
    expect(events[2].numTensors).toBe(events[0].numTensors);
  });

  it('leaves no tensor behind once the model and trainer are disposed', async () => {
    const before = tf.memory().numTensors;
    await trainEpochs(dataset, 1);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('repeats the same loss curve for the same seed, and a different one for another seed', async () => {
    const curve = (events: EpochEvent[]) => events.map((e) => [e.train.loss, e.test!.negElbo]);
    const first = curve(await trainEpochs(dataset, 2, 3));
    expect(curve(await trainEpochs(dataset, 2, 3))).toEqual(first);
    expect(curve(await trainEpochs(dataset, 2, 4))).not.toEqual(first);
  });

  it('follows a KL warm-up schedule step by step', async () => {
    const events = await trainEpochs(dataset, 4, 0, { beta: { kind: 'linear', from: 0, to: 1, fraction: 0.5 } });
    // 256 examples / 32 = 8 steps per epoch, 32 in all: beta reaches 1 at step 16 (end of epoch 2).
    expect(events.map((e) => e.train.beta)).toEqual([0.5, 1, 1, 1]);
    expect(events[0].train.loss).toBeLessThan(events[0].train.recon + events[0].train.kl);
  });

  it('trains with the independence penalty: its loss exceeds recon + KL by the penalty, the ELBO terms stay true', async () => {
    const events = await trainEpochs(dataset, 2, 0, { independence: 5 });
    expect(Number.isFinite(events[1].test!.negElbo)).toBe(true);
    expect(events[0].train.loss).toBeGreaterThan(events[0].train.recon + events[0].train.kl);
    expect(events[1].numTensors).toBe(events[0].numTensors);
  });

  it('with free bits optimises sum_i max(lambda, KL_i) but reports the true KL', async () => {
    const events = await trainEpochs(dataset, 2, 0, { freeBits: 4 });
    // With 4 latent dimensions and lambda = 4 nats, the KL objective is at least 16 nats.
    for (const e of events) expect(e.train.loss).toBeGreaterThanOrEqual(e.train.recon + 16 - 1e-3);
    expect(events[1].train.kl).toBeLessThan(16);
  });

  it('with learningRateEnd decays Adam\'s rate geometrically per step, from learningRate at the first step to the end at the last', async () => {
    const rates: number[] = [];
    registerAdam('cpu', (settings) => {
      const adam = new HostAdam(settings);
      const set = adam.setLearningRate.bind(adam);
      adam.setLearningRate = (rate) => (rates.push(rate), set(rate));
      return adam;
    });
    try {
      await trainEpochs(dataset, 2, 0, { learningRateEnd: 5e-5 });
    } finally {
      registerAdam('cpu', (settings) => new HostAdam(settings));
    }
    const steps = 2 * Math.ceil(dataset.size('train') / 32);
    expect(rates).toHaveLength(steps);
    expect(rates[0]).toBeCloseTo(5e-3, 12);
    expect(rates[steps - 1]).toBeCloseTo(5e-5, 12);
    const ratio = rates[1] / rates[0];
    for (let i = 1; i < steps; i++) expect(rates[i] / rates[i - 1]).toBeCloseTo(ratio, 9);
  });

  it('refuses a dataset whose shapes do not match the model', () => {
    const model = new Cvae(parseModelConfig({ inputSize: 10, conditionSize: 4 }));
    expect(() => new Trainer(model, dataset)).toThrow(/expects x of size 10 .* gives 32 and 4/);
    model.dispose();
  });
});
