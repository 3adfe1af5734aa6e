import * as tf from '@tensorflow/tfjs-core';
import { reparameterize, type Cvae } from '../model/cvae.js';
import { normalLogDensity, reparameterizedLogDensity } from '../model/normal-density.js';
import type { TeacherForcing } from '../model/sequence.js';

/** The parts of log w = log p(x|z,c) + log p(z|c) - log q(z|x,c), each of shape [samples, rows]. */
export interface LogWeightParts {
  readonly logPx: tf.Tensor2D;
  readonly logPz: tf.Tensor2D;
  readonly logQ: tf.Tensor2D;
}

/**
 * Importance log-weights of z = mu + sigma * eps for every sample of `eps` ([samples, rows, latent]),
 * the terms of Burda et al. (2015, eq. 8). Shared by the IWAE evaluation and the IWAE training
 * objective, so both weigh samples the same way. A decoder that reads x (a sequence decoder, teacher
 * forcing) gets it repeated per sample, with `forcing` (word dropout in training only). `prior` is
 * the Gaussian p(z|c); a model with a top latent layer has none (pass `undefined`): its log p(z|c)
 * is the importance-weight form of `Cvae.logPrior`, one z2 per sample drawn from `topSeed`. Call inside `tf.tidy`.
 *
 * @example
 * ```ts
 * const { logPx, logPz, logQ } = logWeightParts(model, x, c, mu, logvar, prior, eps);
 * const logW = tf.sub(tf.add(logPx, logPz), logQ); // [samples, rows]
 * ```
 */
export function logWeightParts(
  model: Cvae,
  x: tf.Tensor2D,
  c: tf.Tensor2D,
  mu: tf.Tensor2D,
  logvar: tf.Tensor2D,
  prior: { mu: tf.Tensor2D; logvar: tf.Tensor2D } | undefined,
  eps: tf.Tensor3D,
  forcing: TeacherForcing = {},
  topSeed = 1,
): LogWeightParts {
  const [samples, rows, latent] = eps.shape;
  const z = reparameterize(mu, logvar, eps);
  const logQ = reparameterizedLogDensity<tf.Rank.R2>(eps, logvar);
  const flatZ = tf.reshape(z, [samples * rows, latent]) as tf.Tensor2D;
  // Repeat x and c once per sample. A concat of copies, not tf.tile: wasm's Tile kernel is
  // generic and took ~50 ms for 200x784 -> 2000x784, concat is a memcpy (bench/).
  const repeat = (t: tf.Tensor2D) => (samples === 1 ? t : (tf.concat(new Array<tf.Tensor2D>(samples).fill(t), 0) as tf.Tensor2D));
  let logPz: tf.Tensor2D;
  if (prior === undefined) {
    logPz = tf.reshape(model.logPrior(flatZ, repeat(c), topSeed, 'weight'), [samples, rows]) as tf.Tensor2D;
  } else {
    // log p(z|c) under the (standard or learned) Gaussian prior.
    logPz = normalLogDensity<tf.Rank.R2>(z, prior.mu, prior.logvar);
  }
  const logPx = tf.reshape(tf.neg(model.reconstructionNll(model.decode(flatZ, repeat(c), repeat(x), forcing), repeat(x))), [samples, rows]) as tf.Tensor2D;
  return { logPx, logPz, logQ };
}
