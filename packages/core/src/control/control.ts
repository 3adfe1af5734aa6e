import * as tf from '@tensorflow/tfjs-core';
import { tfSeed } from '../data/seeded-random.js';
import { CvaeError } from '../errors/cvae-error.js';
import type { Cvae } from '../model/cvae.js';
import { sampleLatent } from '../sample/sample.js';
import type { Classifier } from './classifier.js';

/** What {@link measureControl} draws for each requested class. */
export interface ControlOptions {
  /** Samples per class (default 1000). */
  readonly perClass?: number;
  readonly seed?: number;
  /** `mean`: the mean of p(x|z,c) (the images `cvae sample` shows); `sample`: x ~ p(x|z,c). */
  readonly draw?: 'mean' | 'sample';
  /** Rows decoded at once (memory only). */
  readonly batchSize?: number;
}

/** How often samples obey their condition. */
export interface ControlReport {
  /** Share of all samples the classifier reads as the requested class. */
  readonly accuracy: number;
  /** The same share for each requested class. */
  readonly perClass: number[];
  readonly samples: number;
}

/**
 * Controllability of a class-conditional model: for every class k, draws z ~ p(z|c=k) and x from
 * p(x|z,c=k), and counts how often `classifier` (trained on real data) reads x as k. Compare it
 * with the classifier's accuracy on real test images: a model whose samples obey c scores close
 * to that ceiling. The condition must be one-hot with `classifier.config.classes` classes.
 *
 * @example
 * ```ts
 * const { accuracy, perClass } = measureControl(model, classifier, { perClass: 1000 });
 * ```
 */
export function measureControl(model: Cvae, classifier: Classifier, options: ControlOptions = {}): ControlReport {
  const { perClass = 1000, seed = 0, draw = 'mean', batchSize = 500 } = options;
  const classes = classifier.config.classes;
  if (model.config.conditionSize !== classes || model.config.inputSize !== classifier.config.inputSize) {
    throw new CvaeError('control', `the classifier reads ${classifier.config.inputSize} values into ${classes} classes, the model has x of size ${model.config.inputSize} and c of size ${model.config.conditionSize}`);
  }
  if (!Number.isInteger(perClass) || perClass < 1) throw new CvaeError('control', `perClass must be a positive integer, found ${perClass}`);
  const hits: number[] = [];
  let chunkIndex = 0;
  for (let k = 0; k < classes; k++) {
    let correct = 0;
    for (let done = 0; done < perClass; done += batchSize) {
      const rows = Math.min(batchSize, perClass - done);
      const index = chunkIndex++;
      const count = tf.tidy(() => {
        const c = tf.cast(tf.oneHot(tf.fill([rows], k, 'int32') as tf.Tensor1D, classes), 'float32') as tf.Tensor2D;
        const x = model.draw(sampleLatent(model, c, seed * 100_003 + index), c, tfSeed(seed * 100_003 + index + 50_000), { greedy: draw === 'mean' });
        return tf.sum(tf.cast(tf.equal(classifier.predict(x), k), 'int32'));
      });
      correct += count.dataSync()[0];
      count.dispose();
    }
    hits.push(correct);
  }
  const total = hits.reduce((a, b) => a + b, 0);
  return { accuracy: total / (classes * perClass), perClass: hits.map((h) => h / perClass), samples: classes * perClass };
}
