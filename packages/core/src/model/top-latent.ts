import * as tf from '@tensorflow/tfjs-core';
import type { RandomSource } from '../data/seeded-random.js';
import { gaussianKlBetween } from '../loss/kl.js';
import { normalLogDensity, reparameterizedLogDensity } from './normal-density.js';
import { applyDense, createDense, type Activation, type DenseLayer } from './dense.js';

/**
 * The networks of a second stochastic layer z2 above z (Burda et al. 2015, section 5): the
 * inference network q(z2|z,c) and the generative p(z|z2,c), each an MLP that sees c at every layer.
 */
export interface TopLatentNetworks {
  /** q(z2|z,c): [z, c] -> [mu2, logvar2]. */
  readonly inference: DenseLayer[];
  /** p(z|z2,c): [z2, c] -> [mu, logvar] of z. */
  readonly generative: DenseLayer[];
}

/** A diagonal Gaussian's parameters, one row per example. */
export interface DiagonalGaussian {
  readonly mu: tf.Tensor2D;
  readonly logvar: tf.Tensor2D;
}

/** How `topLatentLogPrior` estimates log p(z|c): see there. */
export type LogPriorForm = 'bound' | 'weight';

/**
 * Creates both networks: z of `latentSize` units below, z2 of `topSize` above, hidden widths `hidden`
 * (mirrored in p(z|z2,c)).
 *
 * @example
 * ```ts
 * const top = createTopLatent('cvae0/top', { latentSize: 64, topSize: 32, hidden: [256, 256], conditionSize: 10 }, random);
 * ```
 */
export function createTopLatent(
  prefix: string,
  sizes: { latentSize: number; topSize: number; hidden: readonly number[]; conditionSize: number },
  random: RandomSource,
): TopLatentNetworks {
  const { latentSize, topSize, hidden, conditionSize } = sizes;
  const mlp = (name: string, widths: number[]) =>
    widths.slice(1).map((out, i) => createDense(`${prefix}.${name}.${i}`, widths[i] + (i > 0 ? conditionSize : 0), out, random));
  return {
    inference: mlp('inference', [latentSize + conditionSize, ...hidden, 2 * topSize]),
    generative: mlp('generative', [topSize + conditionSize, ...[...hidden].reverse(), 2 * latentSize]),
  };
}

/** The networks' weights in a stable order (inference, then generative; weight then bias). */
export function topLatentVariables(top: TopLatentNetworks): tf.Variable[] {
  return [...top.inference, ...top.generative].flatMap((l) => [l.weight, l.bias]);
}

function gaussianOf(top: DenseLayer[], input: tf.Tensor2D, c: tf.Tensor2D, activation: Activation): DiagonalGaussian {
  let h = tf.concat([input, c], 1);
  top.forEach((layer, i) => {
    if (i > 0) h = tf.concat([h, c], 1);
    h = applyDense(h, layer, i === top.length - 1 ? 'linear' : activation);
  });
  const [mu, raw] = tf.split(h, 2, 1) as [tf.Tensor2D, tf.Tensor2D];
  // Bounded so that exp(-logvar) in a log-density cannot overflow: an importance weight of -Infinity
  // would turn its zero gradient into 0 * Infinity = NaN (seen with IWAE-5 early in training).
  return { mu, logvar: tf.clipByValue(raw, -LOGVAR_BOUND, LOGVAR_BOUND) };
}

/** Standard normal noise of `g`'s shape from `seed`. */
function noise(g: DiagonalGaussian, seed: number): tf.Tensor2D {
  return tf.randomNormal(g.mu.shape, 0, 1, 'float32', seed) as tf.Tensor2D;
}

/** mu + exp(logvar / 2) eps: a draw of `g` from the noise `eps` (the plain ops; cvae.ts's reparameterize has a written-out gradient for the main latent). */
function drawGaussian(g: DiagonalGaussian, eps: tf.Tensor2D): tf.Tensor2D {
  return tf.add(g.mu, tf.mul(tf.exp(tf.mul(g.logvar, 0.5)), eps)) as tf.Tensor2D;
}

/** q(z2|z,c), its noise and the draw z2 from `seed`: the first half of every top-layer estimate. */
function drawTop(top: TopLatentNetworks, z: tf.Tensor2D, c: tf.Tensor2D, seed: number, activation: Activation): { q2: DiagonalGaussian; eps2: tf.Tensor2D; z2: tf.Tensor2D } {
  const q2 = gaussianOf(top.inference, z, c, activation);
  const eps2 = noise(q2, seed);
  return { q2, eps2, z2: drawGaussian(q2, eps2) };
}

/** |log variance| of q(z2|z,c) and p(z|z2,c): e^16 ~ 9e6 (a standard deviation of 3,000 or 1/3,000), far from float32's limit. */
const LOGVAR_BOUND = 16;

/**
 * A one-draw estimate of log p(z|c) = log ∫ p(z|z2,c) p(z2|c) dz2, with z2 ~ q(z2|z,c) drawn from `seed`:
 * - `bound`: log p(z|z2,c) − KL(q(z2|z,c) || p(z2|c)), the two-layer ELBO's form (the top KL analytic,
 *   as in Burda et al.'s and Sønderby et al.'s training); a lower bound on log p(z|c) in expectation.
 * - `weight`: log p(z|z2,c) + log p(z2|c) − log q(z2|z,c), whose exponential is an unbiased estimate of
 *   p(z|c), as an importance weight needs (the IWAE bound and its NLL estimate).
 * `topPrior` is p(z2|c) for each row. Shape [rows]. Call inside `tf.tidy`.
 *
 * @example
 * ```ts
 * const logPz = topLatentLogPrior(top, z, c, topPrior, seed, 'weight', 'relu');
 * ```
 */
export function topLatentLogPrior(
  top: TopLatentNetworks,
  z: tf.Tensor2D,
  c: tf.Tensor2D,
  topPrior: DiagonalGaussian,
  seed: number,
  form: LogPriorForm,
  activation: Activation,
): tf.Tensor1D {
  const { q2, eps2, z2 } = drawTop(top, z, c, seed, activation);
  const p1 = gaussianOf(top.generative, z2, c, activation);
  const logPz = normalLogDensity<tf.Rank.R1>(z, p1.mu, p1.logvar);
  if (form === 'bound') return tf.sub(logPz, tf.sum(gaussianKlBetween(q2.mu, q2.logvar, topPrior.mu, topPrior.logvar), 1));
  const logPz2 = normalLogDensity<tf.Rank.R1>(z2, topPrior.mu, topPrior.logvar);
  return tf.sub(tf.add(logPz, logPz2), reparameterizedLogDensity<tf.Rank.R1>(eps2, q2.logvar));
}

/**
 * p(z|z2,c) at one draw z2 ~ q(z2|z,c) from `seed`: the Gaussian a two-layer model puts on z there
 * (e.g. for a KL per dimension of z).
 *
 * @example
 * ```ts
 * const { mu, logvar } = topLatentConditional(top, z, c, seed, 'relu');
 * ```
 */
export function topLatentConditional(top: TopLatentNetworks, z: tf.Tensor2D, c: tf.Tensor2D, seed: number, activation: Activation): DiagonalGaussian {
  const { mu, logvar } = tf.tidy(() => {
    const p = gaussianOf(top.generative, drawTop(top, z, c, seed, activation).z2, c, activation);
    return { mu: p.mu, logvar: p.logvar };
  });
  return { mu, logvar };
}

/**
 * Ancestral draws z2 ~ p(z2|c), then z ~ p(z|z2,c), from `seed`. Shape [rows, latentSize].
 *
 * @example
 * ```ts
 * const z = sampleTopLatent(top, c, topPrior, seed, 'relu');
 * ```
 */
export function sampleTopLatent(top: TopLatentNetworks, c: tf.Tensor2D, topPrior: DiagonalGaussian, seed: number, activation: Activation): tf.Tensor2D {
  return tf.tidy(() => {
    const z2 = drawGaussian(topPrior, noise(topPrior, seed));
    const p = gaussianOf(top.generative, z2, c, activation);
    return drawGaussian(p, noise(p, seed + 1));
  });
}
