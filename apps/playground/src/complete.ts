import * as tf from '@tensorflow/tfjs-core';
import { gaussianKl, moveBetweenPriors, type Cvae } from '@cvae/core';

/** What the draw view shows for one drawing. */
export interface Reading {
  /** The label whose model explains the observed pixels best (lowest -ELBO at the posterior mean). */
  readonly label: number;
  /** -ELBO (nats, observed pixels only) per label. */
  readonly scores: Float32Array;
  /** The drawing encoded under `label` and decoded under every label (its style kept): 10 images. */
  readonly underEveryLabel: Float32Array;
  /** For each label, the image with its missing pixels filled in: 10 images. */
  readonly completed: Float32Array;
}

const PIXEL_EPS = 1e-6;

/**
 * Reads a drawing `x` (784 values in [0, 1]) whose pixels with `observed[p] = 0` are missing.
 * Completion is iterative (pseudo-Gibbs with means, as in Rezende et al. 2014 §5.3): encode with
 * each label, decode, put the decoded values into the missing pixels, `iterations` times.
 */
export function readDrawing(model: Cvae, x: Float32Array, observed: Float32Array, iterations = 20): Reading {
  const { inputSize, conditionSize: k } = model.config;
  const result = tf.tidy(() => {
    const obs = tf.tile(tf.tensor2d(observed, [1, inputSize]), [k, 1]);
    const given = tf.mul(tf.tile(tf.tensor2d(x, [1, inputSize]), [k, 1]), obs);
    const c = tf.cast(tf.oneHot(tf.range(0, k, 1, 'int32'), k), 'float32') as tf.Tensor2D;
    let filled = given as tf.Tensor2D;
    for (let i = 0; i < iterations; i++) {
      const previous = filled;
      filled = tf.tidy(() => {
        const mean = model.mean(model.decode(model.encode(previous, c).mu, c));
        return tf.add(given, tf.mul(tf.sub(1, obs), mean)) as tf.Tensor2D;
      });
      if (previous !== given) previous.dispose();
    }
    // -ELBO at the posterior mean, observed pixels only (Bernoulli on grey levels).
    const { mu, logvar } = model.encode(filled, c);
    const p = tf.clipByValue(model.mean(model.decode(mu, c)), PIXEL_EPS, 1 - PIXEL_EPS);
    const target = tf.tile(tf.tensor2d(x, [1, inputSize]), [k, 1]);
    const logLik = tf.add(tf.mul(target, tf.log(p)), tf.mul(tf.sub(1, target), tf.log(tf.sub(1, p))));
    const scores = tf.add(tf.neg(tf.sum(tf.mul(logLik, obs), 1)), gaussianKl(mu, logvar));
    const best = tf.argMin(scores);
    const bestMu = tf.tile(tf.gather(mu, tf.reshape(best, [1])), [k, 1]) as tf.Tensor2D;
    const bestC = tf.tile(tf.gather(c, tf.reshape(best, [1])), [k, 1]) as tf.Tensor2D;
    // Same style, other label: under a learned prior each label has its own region of z, so the code moves
    // to each label's region first (the identity under N(0, I)).
    const underEveryLabel = model.mean(model.decode(moveBetweenPriors(model, bestMu, bestC, c), c));
    return { scores, best, underEveryLabel, filled };
  });
  const reading: Reading = {
    label: result.best.dataSync()[0],
    scores: result.scores.dataSync() as Float32Array,
    underEveryLabel: result.underEveryLabel.dataSync() as Float32Array,
    completed: result.filled.dataSync() as Float32Array,
  };
  tf.dispose(result);
  return reading;
}
