import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { syntheticDataset } from '../../testing/synthetic-dataset.js';
import type { DatasetAdapter } from '../data/dataset.js';
import { parseModelConfig } from '../model/config.js';
import { Cvae } from '../model/cvae.js';
import { useCpuBackend } from '../../test/use-cpu-backend.js';
import type { EpochEvent } from './events.js';
import { Trainer } from './trainer.js';

beforeAll(useCpuBackend);

async function trainEpochs(dataset: DatasetAdapter, epochs: number, seed = 0): Promise<EpochEvent[]> {
  const model = new Cvae(parseModelConfig({ inputSize: 32, conditionSize: 4, latentSize: 4, encoderHidden: [32], decoderHidden: [32], seed }));
  const trainer = new Trainer(model, dataset, { epochs, batchSize: 32, learningRate: 5e-3, seed });
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

  it('refuses a dataset whose shapes do not match the model', () => {
    const model = new Cvae(parseModelConfig({ inputSize: 10, conditionSize: 4 }));
    expect(() => new Trainer(model, dataset)).toThrow(/expects x of size 10 .* gives 32 and 4/);
    model.dispose();
  });
});
