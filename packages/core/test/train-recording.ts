import * as tf from '@tensorflow/tfjs-core';
import type { DatasetAdapter } from '../src/data/dataset.js';
import type { Cvae } from '../src/model/cvae.js';
import { Trainer } from '../src/train/trainer.js';
import type { TrainOptionsInput } from '../src/train/train-options.js';

/**
 * Trains `model` and records each epoch's test -ELBO and the live tensor count after every step,
 * what the "trains without leaking tensors" tests assert on.
 */
export async function trainRecording(model: Cvae, dataset: DatasetAdapter, options: TrainOptionsInput): Promise<{ negElbo: number[]; tensorsAfterStep: number[] }> {
  const trainer = new Trainer(model, dataset, options);
  const negElbo: number[] = [];
  const tensorsAfterStep: number[] = [];
  for await (const e of trainer.run()) {
    if (e.type === 'epoch') negElbo.push(e.test!.negElbo);
    else tensorsAfterStep.push(tf.memory().numTensors);
  }
  trainer.dispose();
  return { negElbo, tensorsAfterStep };
}
