import type { LikelihoodConfigInput } from '../likelihood/likelihood.js';
import type { ConditionAttribute } from './condition-encoder.js';

/** Which part of a dataset a batch comes from. */
export type Split = 'train' | 'test';

/** How the condition vector c is built from a dataset's attributes. */
export interface ConditionSpec {
  /** Attribute names, e.g. `['digit']`. */
  readonly names: readonly string[];
  /**
   * `one-hot`: one class label, c is its one-hot vector (`classNames` lists the classes).
   * `attributes`: several attributes, categorical or continuous, concatenated in `attributes` order.
   */
  readonly kind: 'one-hot' | 'attributes';
  /** Length of the condition vector c. */
  readonly size: number;
  /** Human-readable class names, index = class id (e.g. `['0', '1', ...]`); for `one-hot`. */
  readonly classNames: readonly string[];
  /** The attributes and their encodings, for `attributes` (see `encodeCondition`). */
  readonly attributes?: readonly ConditionAttribute[];
}

/** What a dataset holds: shapes, kinds and the likelihood that fits it. */
export interface DatasetSpec {
  /** Display name, e.g. `'MNIST'`. */
  readonly name: string;
  /**
   * Shape of one example, e.g. `[28, 28, 1]`; `size` is the product (length of x). `tokens`: x holds
   * one token id per position (text, padded with 0 after the end token; `tokens` likelihood).
   */
  readonly input: { readonly shape: readonly number[]; readonly size: number; readonly kind: 'binary' | 'continuous' | 'tokens' };
  readonly condition: ConditionSpec;
  /**
   * The observation model that fits x, in the model config's own terms: `'bernoulli'` for binary
   * data, `'gaussian'` (learned sigma) for continuous data, `{ kind: 'mixed', groups }` for table
   * rows, or any registered kind with its settings. Apps pass it to the model config as it is.
   */
  readonly likelihood: LikelihoodConfigInput;
}

/**
 * One mini-batch in row-major typed arrays (no tensors, so an adapter never leaks GPU/wasm memory).
 * `x` holds `size * spec.input.size` values, `c` holds `size * spec.condition.size` values.
 * The arrays are only valid until the iterator advances: adapters may reuse them.
 */
export interface Batch {
  readonly x: Float32Array;
  readonly c: Float32Array;
  /** Number of examples (rows) in this batch. */
  readonly size: number;
}

/** Progress of a long `load()` (download, decompression, parsing). */
export interface Progress {
  readonly stage: string;
  /** Fraction done in [0, 1], when known. */
  readonly fraction?: number;
}

/** Options of `DatasetAdapter.load()`: cancellation and progress reports. */
export interface LoadOptions {
  readonly signal?: AbortSignal;
  /** Called as loading advances (download, decompression, parsing). */
  readonly onProgress?: (progress: Progress) => void;
}

/** Options of `DatasetAdapter.batches()`: order and seed. */
export interface BatchOptions {
  /** Shuffle the order of examples (default: true for train, false for test). */
  readonly shuffle?: boolean;
  /** Seed for shuffling and any stochastic preprocessing (e.g. dynamic binarisation). */
  readonly seed?: number;
}

/**
 * The contract every dataset implements. `load()` is called once before anything else.
 *
 * @example
 * ```ts
 * await adapter.load();
 * for await (const batch of adapter.batches('train', 128, { seed: 1 })) {
 *   console.log(batch.size, batch.x.length / batch.size === adapter.spec.input.size);
 * }
 * ```
 */
export interface DatasetAdapter {
  /** Registry id, e.g. `'mnist'`. */
  readonly id: string;
  readonly spec: DatasetSpec;
  /** Reads or downloads the data; called once before anything else (calling it again must be harmless). */
  load(options?: LoadOptions): Promise<void>;
  /** Number of examples in a split. */
  size(split: Split): number;
  /** The split in batches of at most `batchSize` rows (the last may be smaller), shuffled and seeded per `options`. */
  batches(split: Split, batchSize: number, options?: BatchOptions): AsyncIterable<Batch>;
}
