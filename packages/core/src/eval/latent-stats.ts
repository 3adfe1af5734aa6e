import * as tf from '@tensorflow/tfjs-core';
import type { DatasetAdapter, Split } from '../data/dataset.js';
import { gaussianKlBetween } from '../loss/kl.js';
import type { Cvae } from '../model/cvae.js';
import { sumOverSplit } from './sum-over-split.js';

/** How much each latent dimension is used, over a split. */
export interface LatentStats {
  /**
   * Mean KL(q(z_i|x,c) || p(z_i|c)) per dimension, nats. Sums to the KL term of the -ELBO. With a top
   * latent layer: KL(q(z_i|x,c) || p(z_i|z2,c)) at one draw z2 ~ q(z2|mu,c), the top layer's own KL
   * not included (the -ELBO's KL is larger by it); with a mixture prior: against the component most
   * responsible for E_q[z] (an approximation of the mixture's KL).
   */
  readonly klPerDimension: number[];
  /** Cov_x(E_q[z_i]) per dimension: the variance over the data of the posterior mean. */
  readonly activity: number[];
  /** Dimensions with activity above the threshold (Burda et al. 2015: 0.01). */
  readonly activeUnits: number;
}

/**
 * KL per latent dimension and active units (Burda et al. 2015, section 5.2): a dimension is
 * active when Cov_x(E_q[z_i | x, c]) > threshold. Few active units means posterior collapse.
 *
 * @example
 * ```ts
 * const { activeUnits, klPerDimension } = await latentStats(model, mnist, 'test');
 * ```
 */
export async function latentStats(
  model: Cvae,
  dataset: DatasetAdapter,
  split: Split,
  options: { batchSize?: number; threshold?: number } = {},
): Promise<LatentStats> {
  const { batchSize = 1000, threshold = 0.01 } = options;
  const d = model.config.latentSize;
  // Per batch: [sum of KL_i, sum of mu_i, sum of mu_i^2] for each dimension i, flattened.
  const { totals, examples } = await sumOverSplit(dataset, split, batchSize, (x, c) => {
    const { mu, logvar } = model.encode(x, c);
    const kl = !model.hasGaussianPrior ? conditionalKlPerDimension(model, mu, logvar, c) : gaussianKlPerPrior(model, mu, logvar, c);
    return tf.concat([tf.sum(kl, 0), tf.sum(mu, 0), tf.sum(tf.square(mu), 0)]) as tf.Tensor1D;
  });
  const klPerDimension = totals.slice(0, d).map((t) => t / examples);
  const activity = totals.slice(d, 2 * d).map((sum, i) => {
    const mean = sum / examples;
    return Math.max(0, totals[2 * d + i] / examples - mean * mean);
  });
  return { klPerDimension, activity, activeUnits: activity.filter((a) => a > threshold).length };
}

function gaussianKlPerPrior(model: Cvae, mu: tf.Tensor2D, logvar: tf.Tensor2D, c: tf.Tensor2D): tf.Tensor2D {
  const prior = model.prior(c);
  return gaussianKlBetween(mu, logvar, prior.mu, prior.logvar);
}

/**
 * Per dimension of z, KL(q(z|x,c) || p(z|z2,c)) with z2 drawn (fixed seed) from q(z2|mu,c), or for
 * a mixture prior against the component most responsible for mu.
 */
function conditionalKlPerDimension(model: Cvae, mu: tf.Tensor2D, logvar: tf.Tensor2D, c: tf.Tensor2D): tf.Tensor2D {
  const p = model.conditionalPrior(mu, c, 1);
  return gaussianKlBetween(mu, logvar, p.mu, p.logvar);
}
