import * as tf from '@tensorflow/tfjs-core';
import { reparameterize, type Cvae } from '../model/cvae.js';
import { gaussianKl } from './kl.js';

/** Batch means, in nats per example, of the ELBO's terms. */
export interface ElboTerms {
  /** -E_q[log p(x|z,c)] under the model's likelihood, one sample of z. */
  readonly recon: tf.Scalar;
  /** KL(q(z|x,c) || p(z)). */
  readonly kl: tf.Scalar;
  /** recon + beta * kl: the training objective (the negative ELBO when beta = 1). */
  readonly loss: tf.Scalar;
}

/**
 * The beta-weighted negative ELBO of Kingma & Welling (2014) / Higgins et al. (2017) for a CVAE,
 * per example (sum over dimensions), averaged over the batch.
 *
 * @example
 * ```ts
 * const { loss, recon, kl } = elboTerms(model, x, c, 1, seed);
 * ```
 */
export function elboTerms(model: Cvae, x: tf.Tensor2D, c: tf.Tensor2D, beta: number, seed: number): ElboTerms {
  const terms = tf.tidy(() => {
    const { mu, logvar } = model.encode(x, c);
    const z = reparameterize(mu, logvar, seed);
    const recon = tf.mean(model.reconstructionNll(model.decode(z, c), x));
    const kl = tf.mean(gaussianKl(mu, logvar));
    const loss = beta === 1 ? tf.add(recon, kl) : tf.add(recon, tf.mul(kl, beta));
    return { recon, kl, loss };
  });
  return terms as unknown as ElboTerms;
}
