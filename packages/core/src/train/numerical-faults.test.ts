import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { syntheticDataset } from '../../testing/synthetic-dataset.js';
import { useCpuBackend } from '../../test/use-cpu-backend.js';
import type { Batch, DatasetAdapter } from '../data/dataset.js';
import { CvaeError } from '../errors/cvae-error.js';
import { parseModelConfig } from '../model/config.js';
import { Cvae } from '../model/cvae.js';
import { TrainingDivergedError } from './errors.js';
import { globalNorm, scaleGradients } from './gradient-norm.js';
import type { TrainOptionsInput } from './train-options.js';
import { Trainer } from './trainer.js';

beforeAll(useCpuBackend);

const newModel = () => new Cvae(parseModelConfig({ inputSize: 32, conditionSize: 4, latentSize: 4, encoderHidden: [32], decoderHidden: [32], seed: 1 }));
const snapshot = (model: Cvae) => model.variables().map((v) => Array.from(v.dataSync()));

/** The synthetic data set with `value` written into x of the training batch number `at` (1-based). */
function poisoned(value: number, at: number): DatasetAdapter {
  const base = syntheticDataset({ seed: 3 });
  return {
    ...base,
    spec: base.spec,
    load: () => base.load(),
    size: (split) => base.size(split),
    async *batches(split, batchSize, options) {
      let index = 0;
      for await (const batch of base.batches(split, batchSize, options)) {
        index++;
        if (split !== 'train' || index !== at) yield batch;
        else yield { ...batch, x: Float32Array.from(batch.x, (v, i) => (i === 5 ? value : v)) } satisfies Batch;
      }
    },
  };
}

/** Trains until the trainer throws; returns the error, the weights after the last good step and at the end, and the tensor counts. */
async function runUntilError(dataset: DatasetAdapter, options: TrainOptionsInput) {
  await dataset.load();
  const model = newModel();
  const trainer = new Trainer(model, dataset, { epochs: 3, batchSize: 32, seed: 0, ...options });
  let lastGood = snapshot(model);
  const tensorsAtStart = tf.memory().numTensors;
  let error: unknown;
  let steps = 0;
  try {
    for await (const event of trainer.run()) {
      if (event.type === 'batch') {
        steps++;
        lastGood = snapshot(model);
      }
    }
  } catch (e) {
    error = e;
  }
  const result = { error, steps, lastGood, after: snapshot(model), tensorsLeaked: tf.memory().numTensors - tensorsAtStart };
  trainer.dispose();
  model.dispose();
  return result;
}

describe('numerical faults in training', () => {
  it('a NaN in the data stops training at that very step, naming it, and the weights stay those of the step before', async () => {
    const run = await runUntilError(poisoned(Number.NaN, 3), { learningRate: 1e-3 });
    expect(run.error).toBeInstanceOf(TrainingDivergedError);
    expect(CvaeError.is(run.error)).toBe(true);
    const error = run.error as TrainingDivergedError;
    expect([error.epoch, error.step]).toEqual([1, 3]);
    expect(error.message).toMatch(/^\[cvae\] \[train\] training diverged at epoch 1, step 3: loss NaN, gradient norm NaN \(learning rate 0\.001, no clipping\); this step was not applied; fix: lower the learning rate \(e\.g\. 0\.0001\) or clip the gradients/);
    expect(error.message).not.toContain('\n');
    expect(run.steps).toBe(2);
    expect(run.after).toEqual(run.lastGood);
    expect(run.tensorsLeaked).toBe(0);
  });

  it('an infinite input is caught the same way (Infinity in x)', async () => {
    const run = await runUntilError(poisoned(Number.POSITIVE_INFINITY, 1), {});
    expect((run.error as TrainingDivergedError).step).toBe(1);
    expect(run.after).toEqual(run.lastGood);
  });
  // A too-high learning rate on real data (cvae train --lr 1 on MNIST): apps/cli/test/numerical-faults.test.ts.
});

describe('gradient clipping (clipNorm)', () => {
  it('globalNorm is the L2 norm over every gradient; scaling by clip/norm brings it to clip, direction kept', () => {
    const grads = { a: tf.tensor([3, 0]), b: tf.tensor([[4]]) };
    expect(globalNorm(Object.values(grads)).dataSync()[0]).toBeCloseTo(5, 6);
    const clipped = scaleGradients(grads, 2 / 5);
    expect(globalNorm(Object.values(clipped)).dataSync()[0]).toBeCloseTo(2, 6);
    expect(Array.from(clipped.a.dataSync())).toEqual([Math.fround(1.2), 0]);
    tf.dispose([...Object.values(grads), ...Object.values(clipped)]);
  });

  async function weightsAfter(options: TrainOptionsInput): Promise<number[][]> {
    const dataset = syntheticDataset({ seed: 3 });
    await dataset.load();
    const model = newModel();
    const trainer = new Trainer(model, dataset, { epochs: 1, batchSize: 32, seed: 0, evaluate: false, ...options });
    for await (const event of trainer.run()) void event;
    const weights = snapshot(model);
    trainer.dispose();
    model.dispose();
    return weights;
  }

  it('a clip norm no step reaches changes nothing (bit for bit); a small one changes the path', async () => {
    const plain = await weightsAfter({});
    expect(await weightsAfter({ clipNorm: 1e9 })).toEqual(plain);
    const clipped = await weightsAfter({ clipNorm: 1e-3 });
    expect(clipped).not.toEqual(plain);
    expect(clipped.flat().every(Number.isFinite)).toBe(true);
  });

  it('refuses a clip norm that is not positive, and an unknown option with the nearest name', () => {
    const dataset = syntheticDataset();
    expect(() => new Trainer(newModel(), dataset, { clipNorm: 0 })).toThrow(/clipNorm: clipNorm must be > 0 \(found 0\)/);
    expect(() => new Trainer(newModel(), dataset, { clipnorm: 5 } as TrainOptionsInput)).toThrow(/unknown field "clipnorm" .*; fix: did you mean "clipNorm"\?/);
  });
});
