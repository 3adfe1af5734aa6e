import * as tf from '@tensorflow/tfjs-core';
import { seededRandom } from '../data/seeded-random.js';
import { CvaeError } from '../errors/cvae-error.js';
import { applyDense, createDense, type DenseLayer } from '../model/dense.js';

/** Shape of a {@link Classifier}: an MLP `inputSize`-`hidden`...-`classes` with ReLU hidden layers. */
export interface ClassifierConfig {
  readonly inputSize: number;
  readonly classes: number;
  /** Hidden widths; `[]` makes it multinomial logistic regression (a linear probe). */
  readonly hidden: readonly number[];
  /** Seed of the weight initialisation. */
  readonly seed?: number;
  /** Token data (text): x holds `inputSize` token ids, read one-hot per position (`inputSize * vocabularySize` inputs). */
  readonly vocabularySize?: number;
}

/**
 * A small softmax classifier p(y|x) = softmax(MLP(x)), trained by minimising the cross-entropy
 * -sum_k t_k log p(k|x) (nats per example) against one-hot targets t, which is what a one-hot
 * condition c already is. Used to read generated images (does a sample of class c look like c?)
 * and, with no hidden layer, as the linear probe of how much of c the latent z carries.
 * Dense layers are `applyDense` ones (hand-written gradients, fast on wasm).
 *
 * @example
 * ```ts
 * const classifier = new Classifier({ inputSize: 784, classes: 10, hidden: [256] });
 * const labels = classifier.predict(x); // int32 [batch]
 * classifier.dispose();
 * ```
 */
export class Classifier {
  private static instances = 0;
  private readonly layers: DenseLayer[];

  constructor(readonly config: ClassifierConfig) {
    const { inputSize, classes, hidden, seed = 0 } = config;
    if (classes < 2) throw new CvaeError('classifier', `a classifier needs at least 2 classes, found ${classes}`);
    const sizes = [inputSize * (config.vocabularySize ?? 1), ...hidden, classes];
    if (sizes.some((s) => !Number.isInteger(s) || s < 1)) throw new CvaeError('classifier', `layer sizes must be positive integers, found ${sizes.join('-')}`);
    const random = seededRandom(`classifier-init:${seed}`);
    const prefix = `classifier${Classifier.instances++}`;
    this.layers = sizes.slice(1).map((out, i) => createDense(`${prefix}.${i}`, sizes[i], out, random));
  }

  /** Unnormalised log-probabilities, [batch, classes]. */
  logits(x: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => {
      const { vocabularySize } = this.config;
      let h = vocabularySize === undefined ? x : (tf.reshape(tf.cast(tf.oneHot(tf.cast(x, 'int32'), vocabularySize), 'float32'), [x.shape[0], -1]) as tf.Tensor2D);
      this.layers.forEach((layer, i) => {
        h = applyDense(h, layer, i === this.layers.length - 1 ? 'linear' : 'relu', i > 0);
      });
      return h;
    });
  }

  /** Mean cross-entropy -sum_k t_k log softmax(logits)_k over the batch, nats; `target` one-hot [batch, classes]. */
  loss(x: tf.Tensor2D, target: tf.Tensor2D): tf.Scalar {
    return tf.tidy(() => tf.neg(tf.mean(tf.sum(tf.mul(target, tf.logSoftmax(this.logits(x))), 1))) as tf.Scalar);
  }

  /** The most probable class of each row, int32 [batch]. */
  predict(x: tf.Tensor2D): tf.Tensor1D {
    return tf.tidy(() => tf.argMax(this.logits(x), 1) as tf.Tensor1D);
  }

  /** Trainable variables: each layer's weight then bias. */
  variables(): tf.Variable[] {
    return this.layers.flatMap((l) => [l.weight, l.bias]);
  }

  /** Frees the weights. */
  dispose(): void {
    for (const v of this.variables()) v.dispose();
  }
}
