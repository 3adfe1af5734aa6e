import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCpuBackend } from '../../test/use-cpu-backend.js';
import { parseModelConfig } from '../model/config.js';
import { Cvae } from '../model/cvae.js';
import { EarlyStopping } from './early-stopping.js';

beforeAll(useCpuBackend);

const newModel = (seed: number) => new Cvae(parseModelConfig({ inputSize: 6, conditionSize: 2, latentSize: 2, encoderHidden: [4], decoderHidden: [4], seed }));
const weights = (model: Cvae) => model.variables().map((v) => Array.from(v.dataSync()));
/** Overwrites the model's weights with another seed's: "training moved on". */
function perturb(model: Cvae, seed: number): void {
  const other = newModel(seed);
  model.variables().forEach((v, i) => v.assign(other.variables()[i]));
  other.dispose();
}

describe('EarlyStopping', () => {
  it('puts back the weights of the best epoch and says stop after `patience` epochs without a new best', () => {
    const model = newModel(0);
    const stopping = new EarlyStopping(model, 2);
    expect(stopping.update(1, 10)).toBe(false);
    perturb(model, 1);
    const atBest = weights(model);
    expect(stopping.update(2, 8)).toBe(false);
    perturb(model, 2);
    expect(stopping.update(3, 9)).toBe(false);
    perturb(model, 3);
    expect(stopping.update(4, Number.NaN)).toBe(true); // two epochs since epoch 2; NaN is never a best
    expect([stopping.bestEpoch, stopping.best, stopping.movedOn]).toEqual([2, 8, true]);
    expect(weights(model)).not.toEqual(atBest);
    stopping.restoreBest();
    expect(weights(model)).toEqual(atBest);
    stopping.dispose();
    model.dispose();
  });

  it('holds one copy of the weights however many bests it sees, and frees it on dispose', () => {
    const model = newModel(0);
    const before = tf.memory().numTensors;
    const stopping = new EarlyStopping(model, 5);
    stopping.update(1, 3);
    const withCopy = tf.memory().numTensors;
    for (let epoch = 2; epoch <= 6; epoch++) stopping.update(epoch, 3 - epoch);
    expect(tf.memory().numTensors).toBe(withCopy);
    expect(withCopy - before).toBe(model.variables().length);
    stopping.dispose();
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('a snapshot taken up by a new instance (a resumed run) goes on with the same best epoch and weights', () => {
    const model = newModel(0);
    const first = new EarlyStopping(model, 3);
    expect(first.snapshot()).toBeUndefined();
    first.update(1, 5);
    perturb(model, 1);
    const atBest = weights(model);
    first.update(2, 4);
    perturb(model, 2);
    first.update(3, 4.5);
    const snapshot = first.snapshot()!;
    first.dispose();
    // The resumed run's model holds the last checkpoint's weights (epoch 3), not the best.
    const resumed = new EarlyStopping(model, 3);
    resumed.resume(snapshot, 3);
    expect([resumed.best, resumed.bestEpoch, resumed.stopped]).toEqual([4, 2, false]);
    expect(resumed.update(4, 4.2)).toBe(false);
    expect(resumed.update(5, 4.1)).toBe(true); // three epochs since epoch 2, counted across the interruption
    expect(resumed.movedOn).toBe(true);
    resumed.restoreBest();
    expect(weights(model)).toEqual(atBest);
    // A run interrupted after it had stopped trains no more.
    const stoppedRun = new EarlyStopping(model, 3);
    stoppedRun.resume(snapshot, 5);
    expect(stoppedRun.stopped).toBe(true);
    expect(() => new EarlyStopping(model, 3).resume({ ...snapshot, weights: snapshot.weights.subarray(1) }, 3)).toThrow(/hold \d+ values, this model has \d+/);
    resumed.dispose();
    stoppedRun.dispose();
    model.dispose();
  });

  it('refuses a patience that is not a whole number of epochs', () => {
    const model = newModel(0);
    expect(() => new EarlyStopping(model, 0)).toThrow(/patience must be a whole number of epochs >= 1, found 0/);
    expect(() => new EarlyStopping(model, 2.5)).toThrow(/found 2.5/);
    model.dispose();
  });
});
