import * as tf from '@tensorflow/tfjs-core';
import { conditionSize, likelihoodSchema, type Batch, type BatchOptions, type DatasetAdapter, type DatasetSpec, type Split } from '../src/index.js';

/** How hard the dataset checks iterate. */
export interface DatasetCheckOptions {
  /** Batch size used by every check (default 32). */
  readonly batchSize?: number;
  /**
   * Most train batches read by one check (default 50). A train split with at most this many
   * batches is read entirely, and its batches must add up to `size('train')`; the test split
   * is always read entirely.
   */
  readonly maxBatches?: number;
}

/** What {@link checkDatasetAdapter} read: batches and examples per split, and whether shuffling was checked. */
export interface DatasetCheckReport {
  readonly train: SplitReport;
  readonly test: SplitReport;
  /** Why the seeded-shuffle check did not run (the train split fits in one batch), if it did not. */
  readonly shuffleSkipped?: string;
}

/** Batches and examples read from one split; `complete` when the whole split was read. */
export interface SplitReport {
  readonly batches: number;
  readonly examples: number;
  readonly complete: boolean;
}

/** A broken promise of the dataset contract; the message names the adapter, the split and the batch. */
export class DatasetConformanceError extends Error {
  constructor(adapterId: string, detail: string) {
    super(`[cvae] dataset conformance (${adapterId}): ${detail}`);
    this.name = 'DatasetConformanceError';
  }
}

/** Likelihoods a spec may name (`DatasetSpec['likelihood']`); a spec naming another one cannot be used. */
const KNOWN_INPUT_KINDS: readonly string[] = ['binary', 'continuous', 'tokens'];
const KNOWN_CONDITION_KINDS: readonly string[] = ['one-hot', 'attributes'];

const settings = (options: DatasetCheckOptions) => ({ batchSize: options.batchSize ?? 32, maxBatches: options.maxBatches ?? 50 });
const isPositiveInteger = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n > 0;

/** `load()` resolves, and resolves again without changing the split sizes. */
export async function checkLoad(adapter: DatasetAdapter): Promise<void> {
  const fail = (detail: string) => new DatasetConformanceError(adapter.id, detail);
  await adapter.load();
  const sizes = [adapter.size('train'), adapter.size('test')];
  await adapter.load();
  const again = [adapter.size('train'), adapter.size('test')];
  if (sizes[0] !== again[0] || sizes[1] !== again[1]) {
    throw fail(`a second load() changed the sizes from ${sizes.join('/')} to ${again.join('/')} (train/test); load() must be idempotent`);
  }
}

/** `id` is a non-empty string and the spec is self-consistent (sizes, kinds, class names, likelihood). */
export function checkSpec(adapter: DatasetAdapter): void {
  const spec: DatasetSpec = adapter.spec;
  const fail = (detail: string) => new DatasetConformanceError(String(adapter.id), `spec: ${detail}`);
  if (typeof adapter.id !== 'string' || adapter.id.trim() === '') throw fail(`id must be a non-empty string, found ${JSON.stringify(adapter.id)}`);
  if (typeof spec?.name !== 'string' || spec.name === '') throw fail('name must be a non-empty string');
  const { input, condition } = spec;
  if (!Array.isArray(input?.shape) || input.shape.length === 0 || !input.shape.every(isPositiveInteger)) {
    throw fail(`input.shape must be a non-empty list of positive integers, found ${JSON.stringify(input?.shape)}`);
  }
  const product = input.shape.reduce((a, b) => a * b, 1);
  if (input.size !== product) throw fail(`input.size is ${input.size} but the product of input.shape [${input.shape.join(', ')}] is ${product}`);
  if (!KNOWN_INPUT_KINDS.includes(input.kind)) throw fail(`input.kind "${input.kind}" is not one of ${KNOWN_INPUT_KINDS.join(', ')}`);
  if (!isPositiveInteger(condition?.size)) throw fail(`condition.size must be a positive integer, found ${condition?.size}`);
  if (!KNOWN_CONDITION_KINDS.includes(condition.kind)) throw fail(`condition.kind "${condition.kind}" is not one of ${KNOWN_CONDITION_KINDS.join(', ')}`);
  if (!Array.isArray(condition.names) || condition.names.length === 0) throw fail('condition.names must name at least one attribute');
  if (condition.kind === 'attributes') {
    const attributes = condition.attributes ?? [];
    if (attributes.length === 0) throw fail("condition.kind is 'attributes' but condition.attributes is empty");
    if (conditionSize(attributes) !== condition.size) {
      throw fail(`condition.attributes encode to ${conditionSize(attributes)} values but condition.size is ${condition.size}`);
    }
  }
  if (condition.kind === 'one-hot' && condition.classNames?.length !== condition.size) {
    throw fail(`condition.classNames has ${condition.classNames?.length} names but condition.size is ${condition.size} (one-hot: one name per class)`);
  }
  const likelihood = likelihoodSchema.safeParse(spec.likelihood);
  if (!likelihood.success) throw fail(`likelihood ${JSON.stringify(spec.likelihood)} is not a valid likelihood config: ${likelihood.error.issues.map((i) => i.message).join('; ')}`);
}

/** `size('train')` and `size('test')` are positive integers. */
export function checkSizes(adapter: DatasetAdapter): void {
  for (const split of ['train', 'test'] as const) {
    const n = adapter.size(split);
    if (!isPositiveInteger(n)) throw new DatasetConformanceError(adapter.id, `size('${split}') must be a positive integer, found ${n}`);
  }
}

/**
 * One batch obeys the contract: 1..batchSize rows, Float32Array `x` and `c` of the right lengths,
 * finite values, binary inputs in {0, 1}, Bernoulli inputs in [0, 1], one-hot rows that sum to 1.
 * `where` names the batch in the message (e.g. `train batch 3`).
 */
export function checkBatch(adapter: DatasetAdapter, batch: Batch, batchSize: number, where: string): void {
  const { input, condition, likelihood } = adapter.spec;
  const fail = (detail: string) => new DatasetConformanceError(adapter.id, `${where}: ${detail}`);
  const { size, x, c } = batch;
  const vocabulary = typeof likelihood === 'object' && typeof likelihood.vocabularySize === 'number' ? likelihood.vocabularySize : Infinity;
  if (!Number.isInteger(size) || size < 1 || size > batchSize) throw fail(`size must be an integer in 1..${batchSize}, found ${size}`);
  if (!(x instanceof Float32Array)) throw fail(`x must be a Float32Array, found ${describe(x)}`);
  if (!(c instanceof Float32Array)) throw fail(`c must be a Float32Array, found ${describe(c)}`);
  if (x.length !== size * input.size) throw fail(`x has ${x.length} values, expected size * input.size = ${size} * ${input.size} = ${size * input.size}`);
  if (c.length !== size * condition.size) throw fail(`c has ${c.length} values, expected size * condition.size = ${size} * ${condition.size} = ${size * condition.size}`);
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    const at = () => `x[${i}] (row ${Math.floor(i / input.size)}) is ${v}`;
    if (!Number.isFinite(v)) throw fail(`${at()}, expected a finite number`);
    if (input.kind === 'binary' && v !== 0 && v !== 1) throw fail(`${at()}, expected 0 or 1 (input.kind is 'binary')`);
    if (input.kind === 'tokens' && !(Number.isInteger(v) && v >= 0 && v < vocabulary)) throw fail(`${at()}, expected a token id in 0..${vocabulary - 1} (input.kind is 'tokens')`);
    if (likelihood === 'bernoulli' && (v < 0 || v > 1)) throw fail(`${at()}, expected a value in [0, 1] (likelihood is 'bernoulli')`);
  }
  for (let row = 0; row < size; row++) {
    let sum = 0;
    for (let j = 0; j < condition.size; j++) {
      const v = c[row * condition.size + j];
      if (!Number.isFinite(v)) throw fail(`c[${row * condition.size + j}] (row ${row}) is ${v}, expected a finite number`);
      if (condition.kind === 'one-hot' && v !== 0 && v !== 1) throw fail(`c row ${row} has value ${v}, expected 0 or 1 (one-hot)`);
      sum += v;
    }
    if (condition.kind === 'one-hot' && sum !== 1) throw fail(`c row ${row} sums to ${sum}, expected exactly one 1 (one-hot)`);
  }
}

/**
 * Reads a split batch by batch, checking each with {@link checkBatch}: the test split entirely,
 * the train split up to `maxBatches` batches (entirely when it has no more). A split read
 * entirely must add up to `size(split)`.
 */
export async function checkSplitBatches(adapter: DatasetAdapter, split: Split, options: DatasetCheckOptions = {}): Promise<SplitReport> {
  const { batchSize, maxBatches } = settings(options);
  const expected = adapter.size(split);
  const limit = split === 'test' ? Infinity : maxBatches;
  let batches = 0;
  let examples = 0;
  for await (const batch of adapter.batches(split, batchSize, { seed: 1 })) {
    checkBatch(adapter, batch, batchSize, `${split} batch ${batches}`);
    batches++;
    examples += batch.size;
    if (examples > expected) throw new DatasetConformanceError(adapter.id, `${split} batches hold more than size('${split}') = ${expected} examples`);
    if (batches >= limit && examples < expected) return { batches, examples, complete: false };
  }
  if (examples !== expected) {
    throw new DatasetConformanceError(adapter.id, `the ${split} batches add up to ${examples} examples, but size('${split}') is ${expected}`);
  }
  return { batches, examples, complete: true };
}

/** `batches('test', size('test') + 1)` yields exactly one batch holding the whole split. */
export async function checkOversizedBatch(adapter: DatasetAdapter): Promise<void> {
  const batchSize = adapter.size('test') + 1;
  let batches = 0;
  for await (const batch of adapter.batches('test', batchSize)) {
    checkBatch(adapter, batch, batchSize, `test batch ${batches} (batch size ${batchSize})`);
    if (++batches === 1 && batch.size !== batchSize - 1) {
      throw new DatasetConformanceError(adapter.id, `batches('test', ${batchSize}) gave a first batch of ${batch.size} examples, expected the whole split (${batchSize - 1})`);
    }
  }
  if (batches !== 1) throw new DatasetConformanceError(adapter.id, `batches('test', ${batchSize}) gave ${batches} batches, expected 1`);
}

/**
 * Shuffling is seeded: the same seed gives the same first train batch, another seed another one.
 * Returns the reason when the check cannot apply (the train split fits in one batch).
 */
export async function checkSeededShuffle(adapter: DatasetAdapter, options: DatasetCheckOptions = {}): Promise<string | undefined> {
  const { batchSize } = settings(options);
  const n = adapter.size('train');
  if (n <= batchSize) return `the train split has ${n} examples, not more than one batch of ${batchSize}: order cannot be observed`;
  const first = (seed: number) => firstBatch(adapter, 'train', batchSize, { shuffle: true, seed });
  const [a, again, other] = [await first(1), await first(1), await first(2)];
  if (!sameBatch(a, again)) throw new DatasetConformanceError(adapter.id, 'two passes over train with { shuffle: true, seed: 1 } gave different first batches; shuffling must depend on the seed only');
  if (sameBatch(a, other)) throw new DatasetConformanceError(adapter.id, 'seeds 1 and 2 gave the same first train batch; { shuffle: true, seed } must change the order');
  return undefined;
}

/** Two passes over the test split with default options (unshuffled) give identical batches. */
export async function checkStableTestOrder(adapter: DatasetAdapter, options: DatasetCheckOptions = {}): Promise<void> {
  const { batchSize } = settings(options);
  const pass = async () => {
    const digests: string[] = [];
    for await (const batch of adapter.batches('test', batchSize)) digests.push(digest(batch));
    return digests;
  };
  const [a, b] = [await pass(), await pass()];
  const differs = a.findIndex((d, i) => d !== b[i]);
  if (a.length !== b.length || differs >= 0) {
    throw new DatasetConformanceError(adapter.id, `two passes over the test split (default options, so unshuffled) differ at batch ${differs >= 0 ? differs : Math.min(a.length, b.length)}; the test split must be the same every time`);
  }
}

/** Iterating both splits leaves `tf.memory().numTensors` unchanged: adapters own no tensors between batches. */
export async function checkNoTensorLeak(adapter: DatasetAdapter, options: DatasetCheckOptions = {}): Promise<void> {
  // The engine's count is what tf.memory().numTensors reports, without needing an active backend.
  const before = tf.engine().state.numTensors;
  await checkSplitBatches(adapter, 'train', options);
  await checkSplitBatches(adapter, 'test', options);
  const after = tf.engine().state.numTensors;
  if (after !== before) {
    throw new DatasetConformanceError(adapter.id, `iterating the splits changed tf.memory().numTensors from ${before} to ${after}; batches are typed arrays and an adapter must dispose any tensor it creates`);
  }
}

/**
 * Runs every check in order and throws the first {@link DatasetConformanceError}. Use it outside
 * vitest (or in a test that expects a broken adapter to fail); vitest users call
 * `describeDatasetAdapter`, which runs the same checks as separate tests.
 *
 * @example
 * ```ts
 * const report = await checkDatasetAdapter(myAdapter(), { batchSize: 64 });
 * ```
 */
export async function checkDatasetAdapter(adapter: DatasetAdapter, options: DatasetCheckOptions = {}): Promise<DatasetCheckReport> {
  await checkLoad(adapter);
  checkSpec(adapter);
  checkSizes(adapter);
  const train = await checkSplitBatches(adapter, 'train', options);
  const test = await checkSplitBatches(adapter, 'test', options);
  await checkOversizedBatch(adapter);
  const shuffleSkipped = await checkSeededShuffle(adapter, options);
  await checkStableTestOrder(adapter, options);
  await checkNoTensorLeak(adapter, options);
  return { train, test, shuffleSkipped };
}

async function firstBatch(adapter: DatasetAdapter, split: Split, batchSize: number, options: BatchOptions): Promise<Batch> {
  for await (const batch of adapter.batches(split, batchSize, options)) {
    // Copies: an adapter may reuse its arrays once the iterator advances (or is closed).
    return { x: batch.x.slice(), c: batch.c.slice(), size: batch.size };
  }
  throw new DatasetConformanceError(adapter.id, `batches('${split}') yielded nothing`);
}

function sameBatch(a: Batch, b: Batch): boolean {
  return a.size === b.size && equalArrays(a.x, b.x) && equalArrays(a.c, b.c);
}

function equalArrays(a: Float32Array, b: Float32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** FNV-1a over the batch's bytes: compares whole passes without keeping their data. */
function digest(batch: Batch): string {
  let hash = 0x811c9dc5;
  for (const array of [batch.x, batch.c]) {
    const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
    for (let i = 0; i < bytes.length; i++) hash = Math.imul(hash ^ bytes[i], 0x01000193);
  }
  return `${batch.size}:${(hash >>> 0).toString(16)}`;
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  return (value as object).constructor?.name ?? typeof value;
}
