import * as tf from '@tensorflow/tfjs-core';
import { tfSeed } from '../data/seeded-random.js';
import type { Cvae } from '../model/cvae.js';
import { CvaeError } from '../errors/cvae-error.js';

/** Rows of `conditions` as a tensor, refusing partial rows. */
function conditionTensor(model: Cvae, conditions: Float32Array): tf.Tensor2D {
  const { conditionSize } = model.config;
  if (conditions.length === 0 || conditions.length % conditionSize !== 0) {
    throw new CvaeError('sample', `conditions must hold whole rows of ${conditionSize} values, found ${conditions.length} values`);
  }
  return tf.tensor2d(conditions, [conditions.length / conditionSize, conditionSize]);
}

/**
 * z ~ p(z|c) for each row of `c` (N(0, I), the learned conditional prior or mixture, or ancestrally through a
 * top latent layer), from `seed`.
 *
 * @example
 * ```ts
 * const z = sampleLatent(model, c, 7);
 * ```
 */
export function sampleLatent(model: Cvae, c: tf.Tensor2D, seed: number): tf.Tensor2D {
  // The model's own draw (the same values the hand-written Gaussian draw gave: mu + exp(logvar / 2) eps from tfSeed(seed)).
  return model.samplePrior(c, tfSeed(seed));
}


/**
 * Draws z ~ p(z|c) (from `seed`) for each condition row and decodes it. Returns the mean of
 * p(x|z,c) (pixel probabilities for Bernoulli data), row-major [rows, inputSize]: the usual way to
 * show samples. The same model, conditions and seed give the same output on every run.
 *
 * @example
 * ```ts
 * const images = sampleMeans(model, oneHot([3, 3, 7], 10), 42); // two 3s and a 7
 * ```
 */
export function sampleMeans(model: Cvae, conditions: Float32Array, seed: number): Float32Array {
  const result = tf.tidy(() => {
    const c = conditionTensor(model, conditions);
    return model.mean(model.decode(sampleLatent(model, c, seed), c));
  });
  const values = result.dataSync() as Float32Array;
  result.dispose();
  return values;
}

/**
 * Draws whole examples: z ~ p(z|c), then x ~ p(x|z,c) under the model's likelihood (coin flips
 * for binary columns, a class from the softmax for categorical ones, mean + sigma * noise for
 * continuous ones; for text, token after token, each fed back, from softmax(logits / temperature)).
 * Row-major [rows, inputSize], in the encoding of x; reproducible from `seed`.
 *
 * @example
 * ```ts
 * const x = sampleData(model, repeatRows(encodeCondition(attrs, { species: 'Gentoo' }), 100), 0);
 * const records = encoder.decode(x, conditions);
 * ```
 */
export function sampleData(model: Cvae, conditions: Float32Array, seed: number, options: { temperature?: number } = {}): Float32Array {
  const result = tf.tidy(() => {
    const c = conditionTensor(model, conditions);
    return model.draw(sampleLatent(model, c, seed), c, tfSeed(seed + 104_729), options);
  });
  const values = result.dataSync() as Float32Array;
  result.dispose();
  return values;
}
