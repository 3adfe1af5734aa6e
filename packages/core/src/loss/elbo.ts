import * as tf from '@tensorflow/tfjs-core';
import { reparameterize, type Cvae } from '../model/cvae.js';
import { classMeanPenalty } from './independence.js';
import { gaussianKlBetween, gaussianKlPerDimension, meanGaussianKl } from './kl.js';
import { reparameterizedLogDensity } from '../model/normal-density.js';
import { CvaeError } from '../errors/cvae-error.js';

/** Batch means, in nats per example, of the ELBO's terms. */
export interface ElboTerms {
  /** -E_q[log p(x|z,c)] under the model's likelihood, one sample of z. */
  readonly recon: tf.Scalar;
  /** KL(q(z|x,c) || p(z|c)), p the standard or the learned prior. */
  readonly kl: tf.Scalar;
  /** The KL term as optimised: with free bits, sum_i max(freeBits, batch mean of KL_i). */
  readonly klObjective: tf.Scalar;
  /** recon + beta * klObjective (+ independence * classMeanPenalty): the training objective (the negative ELBO when beta = 1, no free bits, no penalty). */
  readonly loss: tf.Scalar;
}

/**
 * The beta-weighted negative ELBO of Kingma & Welling (2014) / Higgins et al. (2017) for a CVAE,
 * per example (sum over dimensions), averaged over the batch. `freeBits` (nats per latent
 * dimension, Kingma et al. 2016) stops pushing a dimension's batch-mean KL below that level, which
 * keeps units from collapsing early; the reported `kl` is always the true KL. `independence` > 0
 * adds that weight times `classMeanPenalty(mu, c)` (z should not carry c) to the loss only.
 * `training` turns on the decoder's training-only noise (word dropout of a sequence decoder).
 *
 * @example
 * ```ts
 * const { loss, recon, kl } = elboTerms(model, x, c, 1, seed);
 * ```
 */
export function elboTerms(model: Cvae, x: tf.Tensor2D, c: tf.Tensor2D, beta: number, seed: number, freeBits = 0, independence = 0, training = false): ElboTerms {
  if (!model.hasGaussianPrior && freeBits > 0) {
    throw new CvaeError('train', `free bits (${freeBits}) need a KL per latent dimension, which a model with a second stochastic layer (topLatent) or a mixture prior does not have`, { fix: 'set freeBits to 0' });
  }
  const terms = tf.tidy(() => {
    const { mu, logvar } = model.encode(x, c);
    const eps = !model.hasGaussianPrior ? (tf.randomNormal(mu.shape, 0, 1, 'float32', seed) as tf.Tensor2D) : undefined;
    const z = reparameterize(mu, logvar, eps ?? seed);
    // In training, a decoder that reads x (teacher forcing) gets word dropout, seeded apart from z's noise.
    const recon = tf.mean(model.reconstructionNll(model.decode(z, c, x, training ? { dropoutSeed: seed + 7907 } : {}), x));
    let kl: tf.Scalar;
    let klObjective: tf.Scalar;
    if (eps !== undefined) {
      kl = tf.mean(sampledKl(model, eps, logvar, z, c, seed));
      klObjective = kl;
    } else if (model.hasLearnedPrior) {
      const prior = model.prior(c);
      const perDimension = tf.mean(gaussianKlBetween(mu, logvar, prior.mu, prior.logvar), 0);
      kl = tf.sum(perDimension);
      klObjective = freeBits > 0 ? tf.sum(tf.maximum(perDimension, freeBits)) : kl;
    } else if (freeBits > 0) {
      const perDimension = tf.mean(gaussianKlPerDimension(mu, logvar), 0);
      kl = tf.sum(perDimension);
      klObjective = tf.sum(tf.maximum(perDimension, freeBits));
    } else {
      kl = meanGaussianKl(mu, logvar);
      klObjective = kl;
    }
    const elbo = beta === 1 ? tf.add(recon, klObjective) : tf.add(recon, tf.mul(klObjective, beta));
    const loss = independence > 0 ? tf.add(elbo, tf.mul(classMeanPenalty(mu, c), independence)) : elbo;
    return { recon, kl, klObjective, loss };
  });
  return terms as unknown as ElboTerms;
}

/**
 * The KL term of the ELBO per example when p(z|c) is not one Gaussian, for one draw z = mu + sigma
 * eps: log q(z|x,c) − log p(z|c), an unbiased estimate of the KL for a mixture prior; with a top
 * layer, log q(z|x,c) − [log p(z|z2,c) − KL(q(z2|z,c) || p(z2|c))], z2 ~ q(z2|z,c) (Burda et al.
 * 2015's two-layer bound with the top KL in closed form). Call inside `tf.tidy`.
 *
 * @example
 * ```ts
 * const kl = sampledKl(model, eps, logvar, z, c, seed); // [rows]
 * ```
 */
export function sampledKl(model: Cvae, eps: tf.Tensor2D, logvar: tf.Tensor2D, z: tf.Tensor2D, c: tf.Tensor2D, seed: number): tf.Tensor1D {
  // z2's noise is seeded apart from z's.
  return tf.sub(reparameterizedLogDensity<tf.Rank.R1>(eps, logvar), model.logPrior(z, c, seed + 15_485_863, 'bound'));
}
