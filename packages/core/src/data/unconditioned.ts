import type { Batch, DatasetAdapter } from './dataset.js';

/**
 * The same data without its condition: c becomes the constant 1 (size 1), so a CVAE trained on it
 * is a plain VAE — the baseline that shows what conditioning buys.
 *
 * @example
 * ```ts
 * const baseline = unconditioned(fashionMnist); // train both, compare NLL
 * ```
 */
export function unconditioned(dataset: DatasetAdapter): DatasetAdapter & { readonly source: DatasetAdapter } {
  return {
    id: `${dataset.id}-unconditioned`,
    /** The adapter with its condition, for descriptors that read what it fitted (e.g. a text vocabulary). */
    source: dataset,
    get spec() {
      return { ...dataset.spec, condition: { names: [], kind: 'one-hot' as const, size: 1, classNames: ['all'] } };
    },
    load: (options) => dataset.load(options),
    size: (split) => dataset.size(split),
    async *batches(split, batchSize, options): AsyncIterable<Batch> {
      const ones = new Float32Array(batchSize).fill(1);
      for await (const batch of dataset.batches(split, batchSize, options)) {
        yield { x: batch.x, c: ones.subarray(0, batch.size), size: batch.size };
      }
    },
  };
}
