import type { DatasetAdapter } from '../data/dataset.js';
import { CvaeError } from '../errors/cvae-error.js';
import { Classifier } from './classifier.js';
import { classifierAccuracy, fitClassifier } from './train-classifier.js';

/** How to train the reading classifier of {@link trainDatasetClassifier}. */
export interface DatasetClassifierOptions {
  /** Hidden widths (default `[256]`: an MLP 784-256-10 for MNIST). */
  readonly hidden?: readonly number[];
  readonly epochs?: number;
  readonly batchSize?: number;
  readonly learningRate?: number;
  readonly seed?: number;
}

/** A classifier trained on a dataset's real training examples, with its accuracy on the real test split. */
export interface DatasetClassifier {
  readonly classifier: Classifier;
  /** Share of real test examples read as their own class. */
  readonly testAccuracy: number;
  /** Mean training cross-entropy of each epoch, nats. */
  readonly trainLoss: number[];
}

/**
 * Throws a `CvaeError` unless c is one class label, one-hot encoded (what a classifier can predict).
 *
 * @example
 * ```ts
 * assertOneHotCondition(dataset, '--control'); // before any heavy work
 * ```
 */
export function assertOneHotCondition(dataset: DatasetAdapter, what: string): void {
  const { condition } = dataset.spec;
  if (condition.kind !== 'one-hot' || condition.size < 2) {
    throw new CvaeError('control', `${what} needs a one-hot class condition, but ${dataset.id} has a ${condition.kind} condition of size ${condition.size}`, {
      fix: 'use a dataset conditioned on one class label (mnist, fashion-mnist), not an unconditional model',
    });
  }
}

/**
 * Trains a classifier of c (a one-hot class) from x on the dataset's real training split (as the
 * adapter serves it: MNIST's pixels dynamically binarised) and reports its real test accuracy. It is
 * the reader of {@link measureControl}: its test accuracy is the ceiling a model's samples are
 * compared to. Call `result.classifier.dispose()` when done.
 *
 * @example
 * ```ts
 * const { classifier, testAccuracy } = await trainDatasetClassifier(mnist, { epochs: 5 }); // ~0.98
 * ```
 */
export async function trainDatasetClassifier(dataset: DatasetAdapter, options: DatasetClassifierOptions = {}): Promise<DatasetClassifier> {
  assertOneHotCondition(dataset, 'a classifier');
  const { hidden = [256], epochs = 5, batchSize = 128, learningRate = 1e-3, seed = 0 } = options;
  const { input, condition, likelihood } = dataset.spec;
  // Text: the classifier reads each position's token one-hot (an MLP on characters or words per position).
  const vocabularySize = input.kind === 'tokens' && typeof likelihood === 'object' ? (likelihood.vocabularySize as number) : undefined;
  const classifier = new Classifier({ inputSize: input.size, classes: condition.size, hidden, seed, ...(vocabularySize !== undefined && { vocabularySize }) });
  try {
    const trainLoss = await fitClassifier(classifier, (epoch) => dataset.batches('train', batchSize, { shuffle: true, seed: seed * 1000 + epoch + 1 }), { epochs, learningRate });
    const testAccuracy = await classifierAccuracy(classifier, dataset.batches('test', 1000, { shuffle: false }));
    return { classifier, testAccuracy, trainLoss };
  } catch (error) {
    classifier.dispose();
    throw error;
  }
}
