import * as tf from '@tensorflow/tfjs-core';
import { CvaeError } from '../errors/cvae-error.js';
import type { Cvae } from '../model/cvae.js';

/** Row-major [rows, size] values as a tensor, refusing partial rows. */
function rowsOf(values: Float32Array, size: number, what: string): tf.Tensor2D {
  if (values.length === 0 || values.length % size !== 0) throw new CvaeError('sample', `${what} must hold whole rows of ${size} values, found ${values.length}`);
  return tf.tensor2d(values, [values.length / size, size]);
}

function read(t: tf.Tensor): Float32Array {
  const values = t.dataSync() as Float32Array;
  t.dispose();
  return values;
}

/**
 * The posterior means E[z|x,c] of each row of x (with its condition row): the "style" of an
 * example as the model sees it. Row-major [rows, latentSize].
 *
 * @example
 * ```ts
 * const z = encodeMeans(model, images, oneHot(labels, 10));
 * ```
 */
export function encodeMeans(model: Cvae, x: Float32Array, c: Float32Array): Float32Array {
  return read(
    tf.tidy(() => {
      const { mu } = model.encode(rowsOf(x, model.config.inputSize, 'x'), rowsOf(c, model.config.conditionSize, 'c'));
      return mu;
    }),
  );
}

/**
 * The mean of p(x|z,c) for given latent codes and conditions (e.g. pixel probabilities): what a
 * point of the latent space looks like under a condition. Row-major [rows, inputSize].
 *
 * @example
 * ```ts
 * const images = decodeMeans(model, z, oneHot([7], 10)); // the same style, as a 7
 * ```
 */
export function decodeMeans(model: Cvae, z: Float32Array, c: Float32Array): Float32Array {
  return read(tf.tidy(() => model.mean(model.decode(rowsOf(z, model.config.latentSize, 'z'), rowsOf(c, model.config.conditionSize, 'c')))));
}

/**
 * Moves latent codes from the prior of one condition to another's, keeping their standardised
 * position: z' = mu(c') + sigma(c') (z - mu(c)) / sigma(c). Under a learned prior p(z|c) (Sohn et
 * al. 2015) each class has its own region of z, so that standardised position is the "style";
 * under N(0, I) it is z itself and z comes back unchanged, as it does under a top latent layer
 * (whose p(z|c) has no closed form; its decoder reads c at every layer). Row-major [rows, latentSize].
 *
 * @example
 * ```ts
 * const asSeven = transferLatent(model, z, oneHot([3], 10), oneHot([7], 10)); // a 3's style, as a 7
 * ```
 */
export function transferLatent(model: Cvae, z: Float32Array, from: Float32Array, to: Float32Array): Float32Array {
  if (!model.hasLearnedPrior) return z.slice();
  const size = model.config.conditionSize;
  return read(tf.tidy(() => moveBetweenPriors(model, rowsOf(z, model.config.latentSize, 'z'), rowsOf(from, size, 'c'), rowsOf(to, size, 'c'))));
}

/**
 * `transferLatent` on tensors: z (rows of codes under conditions `from`) moved to the prior
 * region of conditions `to`. Returns z's values unchanged (a copy) under the standard prior.
 *
 * @example
 * ```ts
 * const moved = moveBetweenPriors(model, mu, cOwn, cOther);
 * ```
 */
export function moveBetweenPriors(model: Cvae, z: tf.Tensor2D, from: tf.Tensor2D, to: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    if (!model.hasLearnedPrior) return tf.clone(z);
    const a = model.prior(from);
    const b = model.prior(to);
    const standardised = tf.div(tf.sub(z, a.mu), tf.exp(tf.mul(a.logvar, 0.5)));
    return tf.add(b.mu, tf.mul(standardised, tf.exp(tf.mul(b.logvar, 0.5)))) as tf.Tensor2D;
  });
}

/**
 * Reconstructions: x encoded under c to its posterior mean, decoded under `target` (default: the
 * same c), the code moved to the target's prior region first (`transferLatent`). With another
 * condition this is "same style, other label".
 *
 * @example
 * ```ts
 * const same = reconstructMeans(model, x, c);
 * const asSevens = reconstructMeans(model, x, c, repeatRows(oneHot([7], 10), rows));
 * ```
 */
export function reconstructMeans(model: Cvae, x: Float32Array, c: Float32Array, target = c): Float32Array {
  const z = encodeMeans(model, x, c);
  return decodeMeans(model, target === c ? z : transferLatent(model, z, c, target), target);
}

/**
 * `steps` points evenly spaced on the straight line from `from` to `to` (both included),
 * row-major [steps, from.length]: a walk through latent space (or condition space).
 *
 * @example
 * ```ts
 * const path = linearPath(zA, zB, 10);
 * ```
 */
export function linearPath(from: Float32Array, to: Float32Array, steps: number): Float32Array {
  if (from.length !== to.length) throw new CvaeError('sample', `path ends differ in length: ${from.length} and ${to.length}`);
  if (!Number.isInteger(steps) || steps < 2) throw new CvaeError('sample', `a path needs at least 2 steps, found ${steps}`);
  const out = new Float32Array(steps * from.length);
  for (let s = 0; s < steps; s++) {
    const t = s / (steps - 1);
    for (let i = 0; i < from.length; i++) out[s * from.length + i] = (1 - t) * from[i] + t * to[i];
  }
  return out;
}
