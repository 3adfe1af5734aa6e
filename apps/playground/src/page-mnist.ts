import { oneHot, permutation, seededRandom, type Batch, type BatchOptions, type DatasetAdapter, type DatasetSpec, type Split } from '@cvae/core';
import { fetchBytes, parseIdx } from './idx.js';

/** The MNIST dataset spec, as the CLI's adapter (@cvae/datasets) writes it into model.json. */
export const MNIST_SPEC: DatasetSpec = {
  name: 'MNIST',
  input: { shape: [28, 28, 1], size: 784, kind: 'binary' },
  condition: { names: ['digit'], kind: 'one-hot', size: 10, classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] },
  likelihood: 'bernoulli',
};

const PIXELS = 784;
/** The test split is binarised once, with a fixed seed (the seed @cvae/datasets uses for MNIST). */
const TEST_BINARISATION_SEED = 20_151_026;

interface SplitData {
  readonly images: Uint8Array;
  readonly labels: Uint8Array;
}

/**
 * MNIST in a page: IDX files fetched from the app's static folder (a subset written by
 * scripts/prepare-data.mjs). Training batches are dynamically binarised (x ~ Bernoulli(pixel/255)),
 * the test split is binarised once with a fixed seed.
 */
export class PageMnist implements DatasetAdapter {
  readonly id = 'mnist';
  readonly spec = MNIST_SPEC;
  private splits: Partial<Record<Split, SplitData>> = {};
  private testBinary: Float32Array | undefined;

  constructor(private readonly baseUrl: string) {}

  async load(): Promise<void> {
    const read = async (name: string) => parseIdx(await fetchBytes(`${this.baseUrl}${name}`), name);
    const [trainImages, trainLabels, testImages, testLabels] = await Promise.all(
      ['mnist-train-images.idx', 'mnist-train-labels.idx', 'mnist-test-images.idx', 'mnist-test-labels.idx'].map(read),
    );
    this.splits = {
      train: { images: trainImages.data, labels: trainLabels.data },
      test: { images: testImages.data, labels: testLabels.data },
    };
    this.testBinary = binarise(testImages.data, seededRandom(TEST_BINARISATION_SEED));
  }

  size(split: Split): number {
    return this.data(split).labels.length;
  }

  async *batches(split: Split, batchSize: number, options: BatchOptions = {}): AsyncIterable<Batch> {
    const { images, labels } = this.data(split);
    const n = labels.length;
    const random = seededRandom(options.seed ?? 0);
    const order = (options.shuffle ?? split === 'train') ? permutation(n, random) : Uint32Array.from({ length: n }, (_, i) => i);
    for (let start = 0; start < n; start += batchSize) {
      const rows = order.subarray(start, Math.min(n, start + batchSize));
      const x = new Float32Array(rows.length * PIXELS);
      rows.forEach((row, r) => {
        for (let p = 0; p < PIXELS; p++) {
          x[r * PIXELS + p] = split === 'test' ? this.testBinary![row * PIXELS + p] : random() < images[row * PIXELS + p] / 255 ? 1 : 0;
        }
      });
      yield { x, c: oneHot(Array.from(rows, (row) => labels[row]), 10), size: rows.length };
    }
  }

  private data(split: Split): SplitData {
    const data = this.splits[split];
    if (data === undefined) throw new Error('[cvae] [playground] MNIST is not loaded; fix: await load() first');
    return data;
  }
}

function binarise(images: Uint8Array, random: () => number): Float32Array {
  return Float32Array.from(images, (v) => (random() < v / 255 ? 1 : 0));
}
