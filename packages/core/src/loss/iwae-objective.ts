import * as tf from '@tensorflow/tfjs-core';
import type { Cvae } from '../model/cvae.js';
import type { ElboTerms } from './elbo.js';
import { logWeightParts } from './log-weights.js';

/**
 * The importance-weighted bound of Burda et al. (2015) as a training objective, per example,
 * averaged over the batch: loss = -mean_x log (1/k) sum_i w_i with w_i = p(x|z_i,c) p(z_i|c)^beta /
 * q(z_i|x,c)^beta, z_i ~ q(z|x,c). With k = 1 and beta = 1 it is the negative ELBO; larger k gives a
 * tighter bound on -log p(x|c), so training improves the likelihood itself rather than the ELBO
 * (Burda et al. report ~2 nats on MNIST for k = 50). `training` turns on a sequence decoder's word
 * dropout, as in `elboTerms`. beta < 1 (a warm-up schedule) tempers the
 * prior-to-posterior ratio inside each weight; the bound is only a bound at beta = 1. `recon` and
 * `kl` are reported as the Monte-Carlo ELBO parts over the k samples, so logs stay comparable.
 *
 * @example
 * ```ts
 * const { loss } = iwaeTerms(model, x, c, 5, 1, seed); // the IWAE-5 bound, negated
 * ```
 */
export function iwaeTerms(model: Cvae, x: tf.Tensor2D, c: tf.Tensor2D, k: number, beta: number, seed: number, training = false): ElboTerms {
  const terms = tf.tidy(() => {
    const { mu, logvar } = model.encode(x, c);
    const prior = model.hasGaussianPrior ? model.prior(c) : undefined;
    const eps = tf.randomNormal([k, x.shape[0], mu.shape[1]], 0, 1, 'float32', seed) as tf.Tensor3D;
    const { logPx, logPz, logQ } = logWeightParts(model, x, c, mu, logvar, prior, eps, training ? { dropoutSeed: seed + 7907 } : {}, seed + 15_485_863);
    const klSample = tf.sub(logQ, logPz); // [k, rows]
    const logW = tf.sub(logPx, beta === 1 ? klSample : tf.mul(klSample, beta));
    const bound = tf.sub(tf.logSumExp(logW, 0), Math.log(k)); // [rows]
    const loss = tf.neg(tf.mean(bound)) as tf.Scalar;
    const recon = tf.neg(tf.mean(logPx)) as tf.Scalar;
    const kl = tf.mean(klSample) as tf.Scalar;
    return { recon, kl, klObjective: kl, loss };
  });
  return terms as unknown as ElboTerms;
}
