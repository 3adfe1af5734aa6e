import { beforeAll, describe, it, type TestContext } from 'vitest';
import type { DatasetAdapter } from '../src/index.js';
import {
  checkLoad,
  checkNoTensorLeak,
  checkOversizedBatch,
  checkSeededShuffle,
  checkSizes,
  checkSpec,
  checkSplitBatches,
  checkStableTestOrder,
  type DatasetCheckOptions,
} from './dataset-checks.js';

/** Options of {@link describeDatasetAdapter}: the batch size and how many train batches to read. */
export type DatasetConformanceOptions = DatasetCheckOptions;

/**
 * The suite every dataset adapter runs: `load()` resolves and is idempotent, the spec is
 * consistent, the sizes are positive, every batch has the promised shapes and values, the
 * batches of a split add up to its size, shuffling is seeded, the test split is stable and
 * iterating leaks no tensors. Each check is also a plain function (`checkDatasetAdapter`).
 *
 * @example
 * ```ts
 * // my-adapter.test.ts
 * import { describeDatasetAdapter } from '@cvae/core/testing';
 * describeDatasetAdapter(() => new MyAdapter({ dir: fixtures }), { batchSize: 64 });
 * ```
 */
export function describeDatasetAdapter(
  factory: () => DatasetAdapter | Promise<DatasetAdapter>,
  options: DatasetConformanceOptions = {},
): void {
  describe('dataset conformance', () => {
    let adapter: DatasetAdapter;
    let loaded: Promise<void> | undefined;
    beforeAll(async () => {
      adapter = await factory();
    });
    // Every test but the first loads the adapter (once) itself, so each can run alone (`-t`).
    const test = (name: string, body: (context: TestContext) => void | Promise<void>) =>
      it(name, async (context) => {
        await (loaded ??= adapter.load());
        await body(context);
      });

    it('load() resolves and is idempotent', async () => {
      await checkLoad(adapter);
    });
    test('id and spec are consistent (sizes, kinds, class names, likelihood)', () => checkSpec(adapter));
    test('size(train) and size(test) are positive integers', () => checkSizes(adapter));
    test('test batches have the promised shapes and values and add up to size(test)', async () => {
      await checkSplitBatches(adapter, 'test', options);
    });
    test('train batches have the promised shapes and values (and add up to size(train) when read entirely)', async () => {
      await checkSplitBatches(adapter, 'train', options);
    });
    test('a batch size larger than the test split gives one batch of the whole split', () => checkOversizedBatch(adapter));
    test('shuffling is seeded: same seed, same first batch; another seed, another one', async (context) => {
      const skipped = await checkSeededShuffle(adapter, options);
      if (skipped !== undefined) context.skip(skipped);
    });
    test('the test split is unshuffled by default and identical across passes', () => checkStableTestOrder(adapter, options));
    test('iterating leaks no tensors (tf.memory().numTensors unchanged)', () => checkNoTensorLeak(adapter, options));
  });
}

/**
 * The dataset conformance kit under the name plugin authors may know from other kits
 * (`testDriver()`-style): the same function as {@link describeDatasetAdapter}.
 *
 * @example
 * ```ts
 * testDatasetAdapter(() => new MyAdapter(), { batchSize: 16 });
 * ```
 */
export const testDatasetAdapter = describeDatasetAdapter;
