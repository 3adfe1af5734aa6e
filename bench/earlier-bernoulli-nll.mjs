// The Bernoulli NLL as @cvae/core wrote it until 2026-12-02, for before/after benches:
// relu(l) - l x - log(sigmoid(|l|)) summed over dimensions, x an input of the custom op (so a zero
// gradient is launched for it), gradient sigmoid(l) - x written out.
import * as tf from '@tensorflow/tfjs-core';

export const earlierBernoulliNll = tf.customGrad((logits, x, save) => {
  save([logits, x]);
  return {
    value: tf.sum(tf.sub(tf.sub(tf.relu(logits), tf.mul(logits, x)), tf.log(tf.sigmoid(tf.abs(logits)))), 1),
    gradFunc: (dy, [l, xs]) => [tf.mul(tf.expandDims(dy, 1), tf.sub(tf.sigmoid(l), xs)), tf.zerosLike(xs)],
  };
});
