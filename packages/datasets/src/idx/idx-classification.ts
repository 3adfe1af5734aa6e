import {
  permutation,
  seededRandom,
  type Batch,
  type BatchOptions,
  type DatasetAdapter,
  type DatasetSpec,
  type LoadOptions,
  type Split,
} from '@cvae/core';
import { DatasetError } from '../dataset-error.js';
import { binariseAll, binariseInto } from './binarise.js';
import { imageBatches } from './image-batches.js';
import { readLabelledImages, type LabelledImages } from './labelled-images.js';

/** The four files of an MNIST-style dataset. */
export type IdxFileRole = 'trainImages' | 'trainLabels' | 'testImages' | 'testLabels';

/** What distinguishes one MNIST-style dataset (MNIST, Fashion-MNIST, ...) from another. */
export interface IdxClassificationConfig {
  /** Registry id, e.g. `'mnist'`; also the prefix of error messages. */
  readonly id: string;
  /** `input.shape` is `[rows, columns, 1]`; `condition.size` is the number of classes. */
  readonly spec: DatasetSpec;
  /** md5 of each file's uncompressed bytes. */
  readonly md5: Readonly<Record<IdxFileRole, string>>;
  /** Finds the four files from the user's data directory (or a default), throwing with a fix when one is missing. */
  locateFiles(dataDir?: string): Readonly<Record<IdxFileRole, string>>;
  /** Seed of the one-off binarisation of the test split. */
  readonly testBinarisationSeed: number;
  /** Advice appended to a checksum mismatch. */
  readonly checksumFix: string;
}

/** Options a user passes to an MNIST-style adapter. */
export interface IdxClassificationOptions {
  /** Directory holding the four IDX files, raw or `.gz`; the dataset's default location when omitted. */
  readonly dataDir?: string;
  /** Check the md5 of each file (default true). */
  readonly verifyChecksums?: boolean;
  /** Use only the first N training examples (for quick smoke runs). */
  readonly trainSize?: number;
  /** Use only the first N test examples (for quick smoke runs). */
  readonly testSize?: number;
}

interface TrainSplit {
  readonly count: number;
  /** Grey levels, binarised afresh for every batch. */
  readonly pixels: Uint8Array;
  readonly labels: Uint8Array;
}

interface TestSplit {
  readonly count: number;
  /** 0/1 values, binarised once at load. */
  readonly bits: Uint8Array;
  readonly labels: Uint8Array;
}

/**
 * A `DatasetAdapter` for grey-level image classification sets stored as four IDX files
 * (MNIST and its drop-in replacements), following the binarised-MNIST convention of the VAE
 * literature: the training split is binarised dynamically (x ~ Bernoulli(pixel/255), fresh
 * noise in every batch, drawn from `BatchOptions.seed`), the test split once at load with a
 * fixed seed, so every evaluation scores the same test set.
 *
 * Subclasses only supply an {@link IdxClassificationConfig}; see `MnistAdapter`.
 *
 * @example
 * ```ts
 * const adapter = new IdxClassificationAdapter(MNIST_CONFIG, { dataDir: '/data/mnist' });
 * await adapter.load();
 * for await (const batch of adapter.batches('train', 128, { seed: epoch })) step(batch);
 * ```
 */
export class IdxClassificationAdapter implements DatasetAdapter {
  readonly id: string;
  readonly spec: DatasetSpec;
  readonly #config: IdxClassificationConfig;
  readonly #options: IdxClassificationOptions;
  #loading: Promise<void> | undefined;
  #train: TrainSplit | undefined;
  #test: TestSplit | undefined;

  constructor(config: IdxClassificationConfig, options: IdxClassificationOptions = {}) {
    this.id = config.id;
    this.spec = config.spec;
    this.#config = config;
    this.#options = options;
    for (const name of ['trainSize', 'testSize'] as const) {
      const value = options[name];
      if (value !== undefined && !(Number.isInteger(value) && value >= 1)) {
        throw new DatasetError(this.id, `${name} must be a positive integer, got ${value}`);
      }
    }
  }

  /** Reads, validates and binarises the data; later calls return the same promise (a failed load can be retried). */
  load(options: LoadOptions = {}): Promise<void> {
    this.#loading ??= this.#load(options).catch((error: unknown) => {
      this.#loading = undefined;
      throw error;
    });
    return this.#loading;
  }

  size(split: Split): number {
    return this.#split(split).count;
  }

  /**
   * Mini-batches of `split`. Train is shuffled by default, test is not. The last batch may be
   * smaller than `batchSize`. Batches reuse their buffers: each is valid until the iterator advances.
   */
  batches(split: Split, batchSize: number, options: BatchOptions = {}): AsyncIterable<Batch> {
    // Validated here, not inside the generator, so mistakes throw at the call site.
    const data = this.#split(split);
    if (!Number.isInteger(batchSize) || batchSize < 1) {
      throw new DatasetError(this.id, `batchSize must be a positive integer, got ${batchSize}`);
    }
    const seed = options.seed ?? 0;
    if (!Number.isFinite(seed)) throw new DatasetError(this.id, `seed must be a finite number, got ${seed}`);

    // Separate streams for order and noise, so turning shuffling off does not change the noise.
    const order = (options.shuffle ?? split === 'train') ? permutation(data.count, seededRandom(`${seed}:order`)) : undefined;
    const rowSize = this.spec.input.size;
    let writeRow: (example: number, x: Float32Array, at: number) => void;
    if ('pixels' in data) {
      const { pixels } = data;
      const random = seededRandom(`${seed}:binarise`);
      writeRow = (example, x, at) => binariseInto(pixels, example * rowSize, rowSize, random, x, at);
    } else {
      const { bits } = data;
      writeRow = (example, x, at) => x.set(bits.subarray(example * rowSize, (example + 1) * rowSize), at);
    }
    const classes = this.spec.condition.size;
    return imageBatches({ count: data.count, rowSize, labels: data.labels, classes, writeRow }, batchSize, order);
  }

  async #load({ signal, onProgress }: LoadOptions): Promise<void> {
    signal?.throwIfAborted();
    const config = this.#config;
    const paths = config.locateFiles(this.#options.dataDir);
    const [rows, columns] = this.spec.input.shape;
    const read = (images: IdxFileRole, labels: IdxFileRole): Promise<LabelledImages> =>
      readLabelledImages({
        scope: this.id,
        images: { path: paths[images], md5: config.md5[images] },
        labels: { path: paths[labels], md5: config.md5[labels] },
        imageShape: [rows, columns],
        classes: this.spec.condition.size,
        verifyChecksums: this.#options.verifyChecksums,
        fix: config.checksumFix,
      });

    onProgress?.({ stage: `reading ${this.spec.name} training set`, fraction: 0 });
    const train = this.#limit(await read('trainImages', 'trainLabels'), 'trainSize', paths.trainImages);
    signal?.throwIfAborted();
    onProgress?.({ stage: `reading ${this.spec.name} test set`, fraction: 0.75 });
    const test = this.#limit(await read('testImages', 'testLabels'), 'testSize', paths.testImages);
    signal?.throwIfAborted();
    onProgress?.({ stage: `binarising ${this.spec.name} test set`, fraction: 0.9 });
    const bits = binariseAll(test.pixels, seededRandom(config.testBinarisationSeed));

    this.#train = train;
    this.#test = { count: test.count, bits, labels: test.labels };
    onProgress?.({ stage: `${this.spec.name} ready`, fraction: 1 });
  }

  /** Keeps the first `trainSize`/`testSize` examples; views, not copies. */
  #limit(data: LabelledImages, name: 'trainSize' | 'testSize', imagesPath: string): LabelledImages {
    const wanted = this.#options[name];
    if (wanted === undefined) return data;
    if (wanted > data.count) {
      throw new DatasetError(this.id, `${name} ${wanted} is more than the ${data.count} examples in ${imagesPath}`);
    }
    const rowSize = this.spec.input.size;
    return {
      count: wanted,
      pixels: data.pixels.subarray(0, wanted * rowSize),
      labels: data.labels.subarray(0, wanted),
    };
  }

  #split(split: Split): TrainSplit | TestSplit {
    if (split !== 'train' && split !== 'test') {
      throw new DatasetError(this.id, `unknown split "${String(split)}"; valid splits: train, test`);
    }
    const data = split === 'train' ? this.#train : this.#test;
    if (!data) throw new DatasetError(this.id, `await load() before size() or batches()`);
    return data;
  }
}
