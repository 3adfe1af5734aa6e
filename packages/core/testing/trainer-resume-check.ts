import * as tf from '@tensorflow/tfjs-core';
import { loadModel } from '../src/io/load-model.js';
import { saveModel } from '../src/io/save-model.js';
import { parseModelConfig } from '../src/model/config.js';
import { Cvae } from '../src/model/cvae.js';
import type { EpochEvent } from '../src/train/events.js';
import type { TrainOptionsInput } from '../src/train/train-options.js';
import { Trainer } from '../src/train/trainer.js';
import { decodeTrainerState, encodeTrainerState } from '../src/train/trainer-state.js';
import { syntheticDataset } from './synthetic-dataset.js';

/** One training run of the resume check: its final weights and epoch figures. */
export interface TrainerRun {
  /** `weights.bin` of the final model. */
  readonly weights: Uint8Array;
  readonly epochs: EpochEvent[];
  /** `tf.memory().numTensors` before and after the run (everything it made is disposed). */
  readonly tensorsBefore: number;
  readonly tensorsAfter: number;
}

/** 256 examples / 32 = 8 steps per epoch, 3 epochs; a KL warm-up so that the global step matters too. */
export const RESUME_CHECK_OPTIONS: TrainOptionsInput = { epochs: 3, batchSize: 32, learningRate: 5e-3, seed: 5, beta: { kind: 'linear', from: 0, to: 1, fraction: 0.5 } };

/**
 * Trains a small CVAE on the synthetic dataset on the active backend. With `stopAt`, stops after
 * that many steps in all, saves the model artifact and `trainer.state()` through JSON and bytes
 * (as a checkpoint would), and finishes in a new trainer on the reloaded model after `restore()`.
 * An exact resume gives the same `weights` and epoch figures as the run without `stopAt`.
 *
 * @example
 * ```ts
 * const [unbroken, resumed] = [await trainForResumeCheck(), await trainForResumeCheck(13)];
 * expect(resumed.weights).toEqual(unbroken.weights);
 * ```
 */
export async function trainForResumeCheck(stopAt?: number, options: TrainOptionsInput = RESUME_CHECK_OPTIONS): Promise<TrainerRun> {
  const tensorsBefore = tf.memory().numTensors;
  const dataset = syntheticDataset();
  const config = parseModelConfig({ inputSize: 32, conditionSize: 4, latentSize: 4, encoderHidden: [16], decoderHidden: [16], seed: 5 });
  let model = new Cvae(config);
  let trainer = new Trainer(model, dataset, options);
  const epochs: EpochEvent[] = [];
  let steps = 0;
  let saved: { state: ReturnType<typeof decodeTrainerState>; manifest: unknown; weights: Uint8Array } | undefined;
  for await (const event of trainer.run()) {
    if (event.type === 'epoch') epochs.push(event);
    else steps++;
    if (event.type === 'batch' && steps === stopAt) {
      const artifact = await saveModel(model);
      const { json, bytes } = encodeTrainerState(trainer.state());
      saved = { state: decodeTrainerState(JSON.parse(JSON.stringify(json)), bytes.slice()), manifest: JSON.parse(JSON.stringify(artifact.manifest)), weights: artifact.weights };
      break;
    }
  }
  if (saved?.state !== undefined) {
    trainer.dispose();
    model.dispose();
    model = await loadModel(saved.manifest, saved.weights);
    trainer = new Trainer(model, dataset, options);
    trainer.restore(saved.state);
    for await (const event of trainer.run()) if (event.type === 'epoch') epochs.push(event);
  }
  const { weights } = await saveModel(model);
  trainer.dispose();
  model.dispose();
  return { weights, epochs, tensorsBefore, tensorsAfter: tf.memory().numTensors };
}
