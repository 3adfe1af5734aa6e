import * as tf from '@tensorflow/tfjs-core';
import { normalLogDensity } from './normal-density.js';

/**
 * A Gaussian-mixture prior p(z|c) = sum_k pi_k(c) N(z; mu_k(c), diag(exp(logvar_k(c)))), one row
 * of parameters per condition row. A single Gaussian per class leaves "holes": regions it gives
 * mass to that no training row's posterior occupies, and the decoder turns draws from them into rows
 * that mix classes or break functional links between columns. K components can follow a clustered
 * aggregate posterior (the prior that maximises the ELBO for a fixed encoder; Tomczak & Welling 2018).
 */
export interface MixturePrior {
  /** log pi_k(c), normalised: [rows, K]. */
  readonly logWeights: tf.Tensor2D;
  /** [rows, K, latent]. */
  readonly mu: tf.Tensor3D;
  /** [rows, K, latent], bounded to +-16 so a collapsing component cannot give an infinite density. */
  readonly logvar: tf.Tensor3D;
}

const LOGVAR_BOUND = 16;

/** Width of the prior network's output for K components over `latent` units: K logits, then K means, then K log-variances. */
export function mixtureOutputSize(components: number, latent: number): number {
  return components * (1 + 2 * latent);
}

/**
 * Splits the prior network's output [rows, K (1 + 2 latent)] into the mixture's parameters.
 *
 * @example
 * ```ts
 * const prior = splitMixture(priorNetworkOutput, 8, 16); // prior.mu: [rows, 8, 16]
 * ```
 */
export function splitMixture(out: tf.Tensor2D, components: number, latent: number): MixturePrior {
  return tf.tidy(() => {
    const rows = out.shape[0];
    const [logits, mu, logvar] = tf.split(out, [components, components * latent, components * latent], 1) as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
    return {
      logWeights: tf.sub(logits, tf.logSumExp(logits, 1, true)) as tf.Tensor2D,
      mu: tf.reshape(mu, [rows, components, latent]) as tf.Tensor3D,
      logvar: tf.clipByValue(tf.reshape(logvar, [rows, components, latent]), -LOGVAR_BOUND, LOGVAR_BOUND) as tf.Tensor3D,
    };
  });
}

/** log pi_k + log N(z; mu_k, var_k) per row and component: [rows, K]. */
function componentLogJoint(z: tf.Tensor2D, prior: MixturePrior): tf.Tensor2D {
  return tf.tidy(() => {
    const logNormal = normalLogDensity<tf.Rank.R2>(tf.expandDims(z, 1), prior.mu, prior.logvar); // [rows, K]
    return tf.add(prior.logWeights, logNormal) as tf.Tensor2D;
  });
}

/**
 * log p(z|c) per row, exactly (a log-sum-exp over the components).
 *
 * @example
 * ```ts
 * const logPz = mixtureLogDensity(z, splitMixture(out, 8, 16)); // [rows]
 * ```
 */
export function mixtureLogDensity(z: tf.Tensor2D, prior: MixturePrior): tf.Tensor1D {
  return tf.tidy(() => tf.logSumExp(componentLogJoint(z, prior), 1) as tf.Tensor1D);
}

/**
 * z ~ p(z|c) per row: a component by the Gumbel-max trick (every backend has its ops), then a
 * Gaussian draw from it. `seed` is a positive tfjs seed.
 *
 * @example
 * ```ts
 * const z = sampleMixture(splitMixture(out, 8, 16), 11); // [rows, 16]
 * ```
 */
export function sampleMixture(prior: MixturePrior, seed: number): tf.Tensor2D {
  return tf.tidy(() => {
    const [rows, components, latent] = prior.mu.shape;
    const u = tf.randomUniform([rows, components], 1e-12, 1, 'float32', seed);
    const gumbel = tf.neg(tf.log(tf.neg(tf.log(u))));
    const chosen = tf.oneHot(tf.argMax(tf.add(prior.logWeights, gumbel), 1) as tf.Tensor1D, components) as tf.Tensor2D;
    const { mu, logvar } = pick(prior, chosen);
    const eps = tf.randomNormal([rows, latent], 0, 1, 'float32', seed + 1);
    return tf.add(mu, tf.mul(tf.exp(tf.mul(logvar, 0.5)), eps)) as tf.Tensor2D;
  });
}

/**
 * The component most responsible for each row of z (largest pi_k N(z; mu_k, var_k)), as a diagonal
 * Gaussian: what a per-dimension KL of a mixture prior is read against.
 *
 * @example
 * ```ts
 * const { mu, logvar } = responsibleComponent(posteriorMeans, splitMixture(out, 8, 16));
 * ```
 */
export function responsibleComponent(z: tf.Tensor2D, prior: MixturePrior): { mu: tf.Tensor2D; logvar: tf.Tensor2D } {
  return tf.tidy(() => pick(prior, tf.oneHot(tf.argMax(componentLogJoint(z, prior), 1) as tf.Tensor1D, prior.mu.shape[1]) as tf.Tensor2D));
}

/** The chosen component's parameters per row; `chosen` is one-hot [rows, K]. */
function pick(prior: MixturePrior, chosen: tf.Tensor2D): { mu: tf.Tensor2D; logvar: tf.Tensor2D } {
  const weight = tf.expandDims(tf.cast(chosen, 'float32'), 2);
  return { mu: tf.sum(tf.mul(prior.mu, weight), 1) as tf.Tensor2D, logvar: tf.sum(tf.mul(prior.logvar, weight), 1) as tf.Tensor2D };
}
