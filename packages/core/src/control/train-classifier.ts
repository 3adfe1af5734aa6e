import * as tf from '@tensorflow/tfjs-core';
import type { Batch } from '../data/dataset.js';
import { createAdam } from '../train/adam.js';
import type { Classifier } from './classifier.js';

/** Labelled rows for a classifier: `x` [size, inputSize] and one-hot `c` [size, classes], row-major. */
export type LabelledBatches = (epoch: number) => AsyncIterable<Batch>;

/** How to fit a {@link Classifier}. */
export interface FitClassifierOptions {
  readonly epochs?: number;
  /** Adam step size (default 1e-3). */
  readonly learningRate?: number;
}

/**
 * Fits `classifier` with Adam on the cross-entropy, one step per batch, `epochs` passes over
 * `batches(epoch)` (the caller shuffles, e.g. with the epoch as seed). Returns the mean training
 * loss of each epoch (nats per example).
 *
 * @example
 * ```ts
 * await fitClassifier(classifier, (epoch) => mnist.batches('train', 128, { seed: epoch }), { epochs: 5 });
 * ```
 */
export async function fitClassifier(classifier: Classifier, batches: LabelledBatches, options: FitClassifierOptions = {}): Promise<number[]> {
  const { epochs = 5, learningRate = 1e-3 } = options;
  const { inputSize, classes } = classifier.config;
  const optimizer = createAdam({ learningRate });
  const losses: number[] = [];
  try {
    for (let epoch = 0; epoch < epochs; epoch++) {
      let sum = 0;
      let examples = 0;
      for await (const batch of batches(epoch)) {
        const loss = tf.tidy(() => {
          const x = tf.tensor2d(batch.x, [batch.size, inputSize]);
          const c = tf.tensor2d(batch.c, [batch.size, classes]);
          const variables = classifier.variables();
          const { value, grads } = tf.variableGrads(() => classifier.loss(x, c), variables);
          optimizer.apply(variables, grads);
          return value;
        });
        sum += loss.dataSync()[0] * batch.size;
        loss.dispose();
        examples += batch.size;
      }
      losses.push(sum / Math.max(1, examples));
    }
  } finally {
    optimizer.dispose();
  }
  return losses;
}

/**
 * Share of rows whose predicted class is the one-hot class of `c` (the argmax of each c row).
 *
 * @example
 * ```ts
 * const accuracy = await classifierAccuracy(classifier, mnist.batches('test', 1000, { shuffle: false }));
 * ```
 */
export async function classifierAccuracy(classifier: Classifier, batches: AsyncIterable<Batch>): Promise<number> {
  const { inputSize, classes } = classifier.config;
  let correct = 0;
  let examples = 0;
  for await (const batch of batches) {
    const hits = tf.tidy(() => {
      const predicted = classifier.predict(tf.tensor2d(batch.x, [batch.size, inputSize]));
      const truth = tf.argMax(tf.tensor2d(batch.c, [batch.size, classes]), 1);
      return tf.sum(tf.cast(tf.equal(predicted, truth), 'int32'));
    });
    correct += hits.dataSync()[0];
    hits.dispose();
    examples += batch.size;
  }
  return examples === 0 ? 0 : correct / examples;
}
