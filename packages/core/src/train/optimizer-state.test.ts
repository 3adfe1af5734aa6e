import { beforeAll, describe, expect, it } from 'vitest';
import { checkLearningRateChange, checkOptimizerState } from '../../testing/optimizer-state-check.js';
import { useCpuBackend } from '../../test/use-cpu-backend.js';
import { HostAdam } from '../backend/cpu/host-adam.js';
import { createAdam } from './adam.js';
import type { OptimizerState } from './optimizer.js';
import { TfjsAdam } from './tfjs-adam.js';

beforeAll(useCpuBackend);

const settings = { learningRate: 0.05, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 };
const bytes = (arrays: readonly Float32Array[]) => arrays.map((a) => [...new Uint8Array(a.buffer, a.byteOffset, a.byteLength)]);
const momentBytes = (state: OptimizerState) => state.moments.map((s) => [s.name, bytes([s.m, s.v])]);

describe.each([
  ['HostAdam (cpu)', (rate: number) => createAdam({ ...settings, learningRate: rate })],
  ['TfjsAdam (tf.train.adam, the fallback)', (rate: number) => new TfjsAdam({ ...settings, learningRate: rate })],
])('%s setLearningRate', (_name, create) => {
  it('takes the later steps of an optimiser made with the new rate, bit for bit', () => {
    const { changed, fresh, unchanged } = checkLearningRateChange(create);
    expect(bytes(changed)).toEqual(bytes(fresh));
    expect(bytes(changed)).not.toEqual(bytes(unchanged));
  });
});

describe.each([
  ['HostAdam (cpu)', () => createAdam(settings)],
  ['TfjsAdam (tf.train.adam, the fallback)', () => new TfjsAdam(settings)],
])('%s getState / setState', (_name, create) => {
  it('continues bit for bit like the unbroken optimiser, from a state that later steps leave alone, leaking no tensor', () => {
    const report = checkOptimizerState(create);
    expect(bytes(report.resumed)).toEqual(bytes(report.unbroken));
    // Guards against a vacuous pass: training moved the weights after the save.
    expect(report.saved.step).toBe(7);
    expect(report.saved.moments.map((s) => s.m.length)).toEqual([15, 6]);
    expect(momentBytes(report.savedLater)).toEqual(momentBytes(report.saved));
    expect(report.tensorsAfter).toBe(report.tensorsBefore);
  });

  it('without the saved moments (a fresh optimiser at step 0) takes other steps', () => {
    const report = checkOptimizerState(() => {
      const adam = create();
      const setState = adam.setState.bind(adam);
      adam.setState = (state) => setState({ step: 0, moments: state.moments.map((s) => ({ ...s, m: new Float32Array(s.m.length), v: new Float32Array(s.v.length) })) });
      return adam;
    });
    expect(bytes(report.resumed)).not.toEqual(bytes(report.unbroken));
  });
});

it('createAdam gives HostAdam on cpu (so the first suite tests it)', () => {
  const adam = createAdam(settings);
  expect(adam).toBeInstanceOf(HostAdam);
  adam.dispose();
});
