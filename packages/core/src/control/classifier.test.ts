import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { syntheticDataset } from '../../testing/synthetic-dataset.js';
import { useCpuBackend } from '../../test/use-cpu-backend.js';
import { Classifier } from './classifier.js';
import { trainDatasetClassifier } from './dataset-classifier.js';
import { classifierAccuracy } from './train-classifier.js';
import { unconditioned } from '../data/unconditioned.js';

beforeAll(useCpuBackend);

describe('Classifier', () => {
  it('computes the cross-entropy -log softmax(logits)[class], nats, averaged over the batch', () => {
    const classifier = new Classifier({ inputSize: 3, classes: 2, hidden: [], seed: 1 });
    const [w, b] = classifier.variables();
    w.assign(tf.tensor2d([[1, 0], [0, 2], [0, 0]]));
    b.assign(tf.tensor1d([0, 0.5]));
    const x = tf.tensor2d([[1, 1, 0], [0, 0, 5]]);
    const target = tf.tensor2d([[1, 0], [0, 1]]);
    const loss = classifier.loss(x, target);
    // Row 1: logits [1, 2.5], class 0; row 2: logits [0, 0.5], class 1.
    const expected = (Math.log(Math.exp(1) + Math.exp(2.5)) - 1 + Math.log(1 + Math.exp(0.5)) - 0.5) / 2;
    expect(loss.dataSync()[0]).toBeCloseTo(expected, 5);
    expect(Array.from(classifier.predict(x).dataSync())).toEqual([1, 1]);
    tf.dispose([x, target, loss]);
    classifier.dispose();
  });

  it('learns to read classes from data: test accuracy far above an untrained one, no tensor left behind', async () => {
    const dataset = syntheticDataset({ classes: 4, inputSize: 32, trainSize: 512, testSize: 200 });
    const before = tf.memory().numTensors;
    const untrained = new Classifier({ inputSize: 32, classes: 4, hidden: [16], seed: 0 });
    const untrainedAccuracy = await classifierAccuracy(untrained, dataset.batches('test', 64, { shuffle: false }));
    untrained.dispose();
    const { classifier, testAccuracy, trainLoss } = await trainDatasetClassifier(dataset, { hidden: [16], epochs: 4, batchSize: 32, learningRate: 1e-2 });
    expect(testAccuracy).toBeGreaterThan(0.95);
    expect(untrainedAccuracy).toBeLessThan(0.7);
    expect(trainLoss[3]).toBeLessThan(trainLoss[0]);
    classifier.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('reads token ids one-hot per position when given a vocabulary size (text)', () => {
    const classifier = new Classifier({ inputSize: 2, classes: 2, hidden: [], vocabularySize: 3, seed: 1 });
    const [w, b] = classifier.variables();
    expect(w.shape).toEqual([6, 2]);
    // Class 1 reads "token 2 at position 0"; everything else class 0.
    w.assign(tf.tensor2d([[0, 0], [0, 0], [0, 5], [0, 0], [0, 0], [0, 0]]));
    b.assign(tf.tensor1d([1, 0]));
    const x = tf.tensor2d([[2, 1], [1, 2], [0, 0]]);
    expect(Array.from(classifier.predict(x).dataSync())).toEqual([1, 0, 0]);
    x.dispose();
    classifier.dispose();
  });

  it('refuses a dataset without a one-hot class condition, naming the fix', async () => {
    await expect(trainDatasetClassifier(unconditioned(syntheticDataset()))).rejects.toThrow(/one-hot class condition.*fix:/);
  });
});
