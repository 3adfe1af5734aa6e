import type { Batch, BatchOptions, DatasetAdapter, DatasetSpec, Split } from '../src/index.js';
import { oneHot, permutation, seededRandom } from '../src/index.js';

/** Options of {@link syntheticDataset}: classes, sizes and seed. */
export interface SyntheticDatasetOptions {
  readonly classes?: number;
  readonly inputSize?: number;
  readonly trainSize?: number;
  readonly testSize?: number;
  readonly seed?: number;
}

/**
 * A small in-memory binary dataset for tests: each class has its own random prototype image and
 * examples are the prototype with 10% of the pixels flipped, so a CVAE can learn it in seconds.
 *
 * @example
 * ```ts
 * const data = syntheticDataset({ classes: 3, inputSize: 16 });
 * await data.load();
 * ```
 */
export function syntheticDataset(options: SyntheticDatasetOptions = {}): DatasetAdapter {
  const { classes = 4, inputSize = 32, trainSize = 256, testSize = 64, seed = 7 } = options;
  const random = seededRandom(`synthetic:${seed}`);
  const prototypes = Array.from({ length: classes }, () => Float32Array.from({ length: inputSize }, () => (random() < 0.5 ? 1 : 0)));
  const makeSplit = (n: number) => {
    const labels = Uint8Array.from({ length: n }, () => Math.floor(random() * classes));
    const x = new Float32Array(n * inputSize);
    labels.forEach((label, row) => {
      for (let d = 0; d < inputSize; d++) {
        const bit = prototypes[label][d];
        x[row * inputSize + d] = random() < 0.1 ? 1 - bit : bit;
      }
    });
    return { x, c: oneHot(labels, classes), n };
  };
  const splits = { train: makeSplit(trainSize), test: makeSplit(testSize) };
  const spec: DatasetSpec = {
    name: 'Synthetic',
    input: { shape: [inputSize], size: inputSize, kind: 'binary' },
    condition: { names: ['class'], kind: 'one-hot', size: classes, classNames: prototypes.map((_, i) => `class ${i}`) },
    likelihood: 'bernoulli',
  };
  return {
    id: 'synthetic',
    spec,
    async load() {},
    size: (split: Split) => splits[split].n,
    async *batches(split: Split, batchSize: number, opts: BatchOptions = {}): AsyncIterable<Batch> {
      const data = splits[split];
      const shuffle = opts.shuffle ?? split === 'train';
      const order = shuffle ? permutation(data.n, seededRandom(opts.seed ?? 0)) : Uint32Array.from({ length: data.n }, (_, i) => i);
      for (let start = 0; start < data.n; start += batchSize) {
        const rows = order.subarray(start, Math.min(start + batchSize, data.n));
        const x = new Float32Array(rows.length * inputSize);
        const c = new Float32Array(rows.length * classes);
        rows.forEach((row, i) => {
          x.set(data.x.subarray(row * inputSize, (row + 1) * inputSize), i * inputSize);
          c.set(data.c.subarray(row * classes, (row + 1) * classes), i * classes);
        });
        yield { x, c, size: rows.length };
      }
    },
  };
}
