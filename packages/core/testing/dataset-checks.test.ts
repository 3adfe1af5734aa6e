import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Batch, BatchOptions, DatasetAdapter, DatasetSpec, Split } from '../src/index.js';
import { useCpuBackend } from '../test/use-cpu-backend.js';
import {
  checkBatch,
  checkDatasetAdapter,
  checkLoad,
  checkNoTensorLeak,
  checkOversizedBatch,
  checkSeededShuffle,
  checkSizes,
  checkSpec,
  checkSplitBatches,
  checkStableTestOrder,
  DatasetConformanceError,
} from './dataset-checks.js';
import { syntheticDataset } from './synthetic-dataset.js';

beforeAll(useCpuBackend);

const good = () => syntheticDataset({ classes: 3, inputSize: 6, trainSize: 100, testSize: 20 });

/** The synthetic dataset with one promise broken: `edit` rewrites each batch (or the adapter). */
function broken(edit: {
  batch?: (batch: Batch, split: Split, index: number) => Batch;
  spec?: (spec: DatasetSpec) => DatasetSpec;
  adapter?: (adapter: DatasetAdapter) => Partial<DatasetAdapter>;
}): DatasetAdapter {
  const base = good();
  const adapter: DatasetAdapter = {
    id: 'broken',
    spec: edit.spec ? edit.spec(base.spec) : base.spec,
    load: () => base.load(),
    size: (split) => base.size(split),
    async *batches(split: Split, batchSize: number, options?: BatchOptions) {
      let index = 0;
      for await (const batch of base.batches(split, batchSize, options)) yield edit.batch ? edit.batch(batch, split, index++) : batch;
    },
  };
  return { ...adapter, ...edit.adapter?.(adapter) };
}

describe('dataset checks pass a conforming adapter', () => {
  it('checkDatasetAdapter reports what it read', async () => {
    const report = await checkDatasetAdapter(good(), { batchSize: 8, maxBatches: 5 });
    expect(report).toEqual({
      train: { batches: 5, examples: 40, complete: false },
      test: { batches: 3, examples: 20, complete: true },
      shuffleSkipped: undefined,
    });
  });

  it('reads a small train split entirely and skips the shuffle check when it fits in one batch', async () => {
    const tiny = syntheticDataset({ trainSize: 5, testSize: 3 });
    const report = await checkDatasetAdapter(tiny, { batchSize: 8 });
    expect(report.train).toEqual({ batches: 1, examples: 5, complete: true });
    expect(report.shuffleSkipped).toMatch(/train split has 5 examples/);
  });
});

describe('dataset checks fail a broken adapter', () => {
  const shorterX = broken({ batch: (b) => ({ ...b, x: b.x.subarray(1) }) });

  it('wrong x length', async () => {
    await expect(checkDatasetAdapter(shorterX)).rejects.toThrow(/\(broken\): train batch 0: x has \d+ values, expected size \* input.size/);
    await expect(checkSplitBatches(shorterX, 'test')).rejects.toBeInstanceOf(DatasetConformanceError);
  });

  it.each<[string, (b: Batch) => Batch, RegExp]>([
    ['wrong c length', (b) => ({ ...b, c: new Float32Array(b.c.length + 3) }), /c has \d+ values, expected size \* condition.size/],
    ['non-binary inputs', (b) => ({ ...b, x: b.x.map(() => 0.5) }), /x\[0\] \(row 0\) is 0.5, expected 0 or 1/],
    ['NaN inputs', (b) => ({ ...b, x: b.x.map(() => NaN) }), /x\[0\] \(row 0\) is NaN, expected a finite number/],
    ['a one-hot row with two classes', (b) => ({ ...b, c: b.c.map((v, i) => (i < 3 ? Number(i < 2) : v)) }), /c row 0 sums to 2/],
    ['a one-hot row with no class', (b) => ({ ...b, c: b.c.map(() => 0) }), /c row 0 sums to 0/],
    ['soft labels', (b) => ({ ...b, c: b.c.map((v) => v / 2 + 1 / 6) }), /c row 0 has value 0\.1666\d*, expected 0 or 1/],
    ['a plain array instead of a Float32Array', (b) => ({ ...b, x: Array.from(b.x) as unknown as Float32Array }), /x must be a Float32Array, found Array/],
    ['a Float64Array', (b) => ({ ...b, x: Float64Array.from(b.x) as unknown as Float32Array }), /x must be a Float32Array, found Float64Array/],
    ['an empty batch', () => ({ x: new Float32Array(0), c: new Float32Array(0), size: 0 }), /size must be an integer in 1\.\.32, found 0/],
  ])('%s', async (_, edit, message) => {
    await expect(checkDatasetAdapter(broken({ batch: edit }))).rejects.toThrow(message);
  });

  it('batches larger than asked for', () => {
    const adapter = good();
    const batch = { x: new Float32Array(9 * 6), c: new Float32Array(9 * 3).map((_, i) => (i % 3 === 0 ? 1 : 0)), size: 9 };
    expect(() => checkBatch(adapter, batch, 8, 'train batch 0')).toThrow(/size must be an integer in 1\.\.8, found 9/);
  });

  it('batches that do not add up to size(split)', async () => {
    const oneMore = broken({ adapter: (a) => ({ size: (split) => a.size(split) + 1 }) });
    await expect(checkSplitBatches(oneMore, 'test')).rejects.toThrow(/the test batches add up to 20 examples, but size\('test'\) is 21/);
    const dropsLast = broken({ adapter: (a) => ({ size: (split) => a.size(split) - 1 }) });
    await expect(checkSplitBatches(dropsLast, 'test')).rejects.toThrow(/test batches hold more than size\('test'\) = 19/);
  });

  it.each<[string, (spec: DatasetSpec) => DatasetSpec, RegExp]>([
    ['input.size is not the product of the shape', (s) => ({ ...s, input: { ...s.input, shape: [2, 2] } }), /input.size is 6 but the product of input.shape \[2, 2\] is 4/],
    ['a class name is missing', (s) => ({ ...s, condition: { ...s.condition, classNames: ['a', 'b'] } }), /classNames has 2 names but condition.size is 3/],
    ['condition.size is 0', (s) => ({ ...s, condition: { ...s.condition, size: 0, classNames: [] } }), /condition.size must be a positive integer, found 0/],
    ['the likelihood is unknown', (s) => ({ ...s, likelihood: 'poisson' }), /likelihood "poisson" is not a valid likelihood config: unknown likelihood "poisson"; valid kinds: bernoulli, gaussian/],
    ['the input kind is unknown', (s) => ({ ...s, input: { ...s.input, kind: 'grey' as 'binary' } }), /input.kind "grey" is not one of binary, continuous/],
  ])('spec: %s', (_, edit, message) => {
    expect(() => checkSpec(broken({ spec: edit }))).toThrow(message);
  });

  it('an empty id', () => {
    expect(() => checkSpec({ ...good(), id: '' })).toThrow(/id must be a non-empty string/);
  });

  it('sizes that are not positive integers', () => {
    expect(() => checkSizes(broken({ adapter: () => ({ size: (split) => (split === 'test' ? 0 : 10) }) }))).toThrow(/size\('test'\) must be a positive integer, found 0/);
    expect(() => checkSizes(broken({ adapter: () => ({ size: () => 2.5 }) }))).toThrow(/size\('train'\) must be a positive integer, found 2.5/);
  });

  it('a load() that is not idempotent', async () => {
    let loads = 0;
    const growing = broken({ adapter: (a) => ({ load: async () => void loads++, size: (split) => a.size(split) + loads }) });
    await expect(checkLoad(growing)).rejects.toThrow(/a second load\(\) changed the sizes from 101\/21 to 102\/22/);
    await expect(checkLoad(broken({ adapter: () => ({ load: () => Promise.reject(new Error('no files')) }) }))).rejects.toThrow('no files');
  });

  it('shuffling that ignores the seed', async () => {
    const fixedOrder = broken({ adapter: (a) => ({ batches: (split, size, options) => a.batches(split, size, { ...options, seed: 5 }) }) });
    await expect(checkSeededShuffle(fixedOrder)).rejects.toThrow(/seeds 1 and 2 gave the same first train batch/);
    const unseeded = broken({ adapter: (a) => ({ batches: (split, size, options) => a.batches(split, size, { ...options, seed: Math.random() }) }) });
    await expect(checkSeededShuffle(unseeded)).rejects.toThrow(/different first batches; shuffling must depend on the seed only/);
  });

  it('a test split shuffled by default', async () => {
    const unstable = broken({ adapter: (a) => ({ batches: (split, size, options) => a.batches(split, size, { shuffle: true, seed: Math.random(), ...options }) }) });
    await expect(checkStableTestOrder(unstable)).rejects.toThrow(/two passes over the test split .* differ at batch 0/);
  });

  it('a split that cannot be read in one batch', async () => {
    const capped = broken({ adapter: (a) => ({ batches: (split, size, options) => a.batches(split, Math.min(size, 8), options) }) });
    await expect(checkOversizedBatch(capped)).rejects.toThrow(/batches\('test', 21\) gave a first batch of 8 examples, expected the whole split \(20\)/);
  });

  it('batches that leave tensors behind', async () => {
    const kept: tf.Tensor[] = [];
    const leaky = broken({ batch: (b) => (kept.push(tf.tensor1d(b.x)), b) });
    await expect(checkNoTensorLeak(leaky, { maxBatches: 2 })).rejects.toThrow(/changed tf.memory\(\).numTensors from \d+ to \d+/);
    tf.dispose(kept);
  });
});
