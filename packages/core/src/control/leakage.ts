import * as tf from '@tensorflow/tfjs-core';
import type { Batch, DatasetAdapter, Split } from '../data/dataset.js';
import { permutation, seededRandom } from '../data/seeded-random.js';
import type { Cvae } from '../model/cvae.js';
import { Classifier } from './classifier.js';
import { assertOneHotCondition } from './dataset-classifier.js';
import { classifierAccuracy, fitClassifier } from './train-classifier.js';

/** How to fit the linear probe of {@link latentLeakage}. */
export interface LeakageOptions {
  readonly epochs?: number;
  readonly learningRate?: number;
  readonly seed?: number;
}

/** How well c can be read from the posterior mean of z. */
export interface LeakageReport {
  /** Test accuracy of a linear probe (logistic regression) predicting c from E_q[z|x,c]. */
  readonly testAccuracy: number;
  /** The share of the most frequent test class: what a probe that learned nothing scores. */
  readonly chance: number;
}

interface Features {
  readonly z: Float32Array;
  readonly c: Float32Array;
  readonly n: number;
}

/** E_q[z|x,c] = mu of every example of a split, with its c rows. */
async function posteriorMeans(model: Cvae, dataset: DatasetAdapter, split: Split): Promise<Features> {
  const { latentSize, inputSize, conditionSize } = model.config;
  const n = dataset.size(split);
  const z = new Float32Array(n * latentSize);
  const c = new Float32Array(n * conditionSize);
  let row = 0;
  for await (const batch of dataset.batches(split, 1000, { shuffle: false, seed: 1 })) {
    const mu = tf.tidy(() => model.encode(tf.tensor2d(batch.x, [batch.size, inputSize]), tf.tensor2d(batch.c, [batch.size, conditionSize])).mu);
    z.set(mu.dataSync(), row * latentSize);
    mu.dispose();
    c.set(batch.c, row * conditionSize);
    row += batch.size;
  }
  return { z: z.subarray(0, row * latentSize), c: c.subarray(0, row * conditionSize), n: row };
}

/** Standardises columns with the train split's mean and standard deviation (in place). */
function standardise(train: Features, test: Features, d: number): void {
  for (let j = 0; j < d; j++) {
    let sum = 0;
    let squares = 0;
    for (let i = 0; i < train.n; i++) sum += train.z[i * d + j];
    const mean = sum / train.n;
    for (let i = 0; i < train.n; i++) squares += (train.z[i * d + j] - mean) ** 2;
    const std = Math.sqrt(squares / train.n) || 1;
    for (const f of [train, test]) for (let i = 0; i < f.n; i++) f.z[i * d + j] = (f.z[i * d + j] - mean) / std;
  }
}

function* rowsOf(f: Features, d: number, k: number, batchSize: number, order?: Uint32Array): Generator<Batch> {
  for (let start = 0; start < f.n; start += batchSize) {
    const size = Math.min(batchSize, f.n - start);
    const x = new Float32Array(size * d);
    const c = new Float32Array(size * k);
    for (let i = 0; i < size; i++) {
      const r = order ? order[start + i] : start + i;
      x.set(f.z.subarray(r * d, (r + 1) * d), i * d);
      c.set(f.c.subarray(r * k, (r + 1) * k), i * k);
    }
    yield { x, c, size };
  }
}

async function* asAsync(rows: Iterable<Batch>): AsyncGenerator<Batch> {
  yield* rows;
}

/**
 * The leakage figure: how much of the condition the latent code carries. A CVAE's decoder gets c
 * directly, so z need not encode it; when it does, z ~ p(z) can contradict c and samples ignore
 * their condition. Fits multinomial logistic regression from the posterior means E_q[z|x,c]
 * (standardised) to c on the train split, and reports its test accuracy beside chance.
 *
 * @example
 * ```ts
 * const { testAccuracy, chance } = await latentLeakage(model, mnist); // near chance: z does not carry c
 * ```
 */
export async function latentLeakage(model: Cvae, dataset: DatasetAdapter, options: LeakageOptions = {}): Promise<LeakageReport> {
  assertOneHotCondition(dataset, 'the leakage probe');
  const { epochs = 10, learningRate = 1e-2, seed = 0 } = options;
  const d = model.config.latentSize;
  const k = model.config.conditionSize;
  const train = await posteriorMeans(model, dataset, 'train');
  const test = await posteriorMeans(model, dataset, 'test');
  standardise(train, test, d);
  const probe = new Classifier({ inputSize: d, classes: k, hidden: [], seed });
  try {
    const random = seededRandom(`leakage:${seed}`);
    await fitClassifier(probe, () => asAsync(rowsOf(train, d, k, 256, permutation(train.n, random))), { epochs, learningRate });
    const testAccuracy = await classifierAccuracy(probe, asAsync(rowsOf(test, d, k, 1000)));
    const counts = new Array<number>(k).fill(0);
    for (let i = 0; i < test.c.length; i++) counts[i % k] += test.c[i];
    return { testAccuracy, chance: Math.max(...counts) / test.n };
  } finally {
    probe.dispose();
  }
}
