import { CvaeError } from '../errors/cvae-error.js';
import * as tf from '@tensorflow/tfjs-core';
import { tfSeed } from '../data/seeded-random.js';
import { reparameterize, type Cvae } from '../model/cvae.js';
import { normalLogDensity } from '../model/normal-density.js';
import { sampleLatent } from '../sample/sample.js';

/** Observed entries from x, the others from `fill`. */
const merge = (x: tf.Tensor2D, observed: tf.Tensor2D, fill: tf.Tensor2D) => tf.add(tf.mul(observed, x), tf.mul(tf.sub(1, observed), fill)) as tf.Tensor2D;

/** Settings of {@link completeMissing}. */
export interface CompletionOptions {
  /** Gibbs sweeps (default 200). */
  readonly iterations?: number;
  readonly seed?: number;
}

/** What {@link completeMissing} returns: rows of x with their missing entries filled. */
export interface Completion {
  /** x with its missing entries drawn from p(x_miss | z, c) at the chain's last z: one multiple-imputation draw. */
  readonly draws: Float32Array;
  /** x with its missing entries set to E[x_miss | z, c] at the last z (what a picture shows). */
  readonly means: Float32Array;
  /** Share of proposals accepted over the run, for checking the sampler mixes. */
  readonly acceptance: number;
}

/**
 * Completes the missing entries of each row of x from p(x_miss | x_obs, c) by
 * Metropolis-within-Gibbs (Mattei & Frellsen 2018, "Leveraging the exact likelihood of deep
 * latent variable models"): alternately (1) an independence Metropolis-Hastings step for z, with
 * the encoder q(z | x_current, c) as proposal and target p(x_current | z, c) p(z | c); (2) an
 * exact draw of x_miss ~ p(x_miss | z, c) (the decoder factorises over entries). Unlike plain
 * pseudo-Gibbs (encode, decode, repeat), the chain targets the true conditional. Run it several
 * times with other seeds for multiple imputation. `observed` holds 1 for known entries, 0 for
 * missing ones (row-major like x); known entries are returned unchanged.
 *
 * @example
 * ```ts
 * const { means } = completeMissing(model, x, observedMask, c, { iterations: 200, seed: 1 });
 * ```
 */
export function completeMissing(model: Cvae, x: Float32Array, observed: Float32Array, c: Float32Array, options: CompletionOptions = {}): Completion {
  const { inputSize, conditionSize } = model.config;
  if (model.hasTopLatent) {
    // Metropolis-Hastings needs log p(z|c) exactly; a two-layer model only has an estimate of it.
    throw new CvaeError('complete', 'completion needs an exact log p(z|c), which a model with a second stochastic layer (topLatent) does not have', {
      fix: 'complete with a model trained without topLatent (--top-latent)',
    });
  }
  const rows = x.length / inputSize;
  const { iterations = 200, seed = 0 } = options;
  const xs = tf.tensor2d(x, [rows, inputSize]);
  const mask = tf.tensor2d(observed, [rows, inputSize]);
  const cs = tf.tensor2d(c, [rows, conditionSize]);
  // Start from a draw of the prior: z ~ p(z|c), x_miss ~ p(x_miss|z,c).
  let z = sampleLatent(model, cs, seed);
  // The chain carries z's decoder output and log p(z|c): each sweep then runs the decoder and the
  // prior network once (on the candidate), not three and two times.
  let decoded = model.decode(z, cs);
  let logPriorZ = model.logPrior(z, cs, 1, 'weight');
  let current = tf.tidy(() => merge(xs, mask, model.sample(decoded, tfSeed(seed + 1))));
  let accepted = 0;
  for (let t = 0; t < iterations; t++) {
    const stepSeed = seed * 1_000_003 + 2 * t + 2;
    const [nextZ, nextDecoded, nextLogPrior, nextX, acceptedNow] = tf.tidy(() => {
      const proposal = model.encode(current, cs);
      const candidate = reparameterize(proposal.mu, proposal.logvar, tfSeed(stepSeed));
      const candidateDecoded = model.decode(candidate, cs);
      // log p(z|c) is exact for a Gaussian or mixture prior (a top layer was refused above).
      const candidateLogPrior = model.logPrior(candidate, cs, 1, 'weight');
      const logTarget = (logPz: tf.Tensor1D, out: tf.Tensor2D) => tf.sub(logPz, model.reconstructionNll(out, current));
      const logRatio = tf.add(
        tf.sub(logTarget(candidateLogPrior, candidateDecoded), logTarget(logPriorZ, decoded)),
        tf.sub(normalLogDensity<tf.Rank.R1>(z, proposal.mu, proposal.logvar), normalLogDensity<tf.Rank.R1>(candidate, proposal.mu, proposal.logvar)),
      );
      const u = tf.randomUniform([rows], 0, 1, 'float32', tfSeed(stepSeed + 1));
      const accept = tf.less(tf.log(u), logRatio);
      const perRow = (a: tf.Tensor2D, b: tf.Tensor2D) => tf.where(tf.tile(tf.expandDims(accept, 1), [1, a.shape[1]]), a, b) as tf.Tensor2D;
      const chosenDecoded = perRow(candidateDecoded, decoded);
      const filled = merge(xs, mask, model.sample(chosenDecoded, tfSeed(stepSeed + 2)));
      return [perRow(candidate, z), chosenDecoded, tf.where(accept, candidateLogPrior, logPriorZ), filled, tf.sum(tf.cast(accept, 'float32'))];
    });
    accepted += readScalar(acceptedNow);
    tf.dispose([z, decoded, logPriorZ, current]);
    z = nextZ as tf.Tensor2D;
    decoded = nextDecoded as tf.Tensor2D;
    logPriorZ = nextLogPrior as tf.Tensor1D;
    current = nextX as tf.Tensor2D;
  }
  const means = tf.tidy(() => merge(xs, mask, model.mean(decoded)));
  const result = { draws: current.dataSync() as Float32Array, means: means.dataSync() as Float32Array, acceptance: accepted / Math.max(1, iterations * rows) };
  tf.dispose([xs, mask, cs, z, decoded, logPriorZ, current, means]);
  return result;
}

/** Reads and frees a scalar. */
function readScalar(t: tf.Tensor): number {
  const value = t.dataSync()[0];
  t.dispose();
  return value;
}
