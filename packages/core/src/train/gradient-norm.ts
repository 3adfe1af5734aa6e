import * as tf from '@tensorflow/tfjs-core';

/**
 * The global L2 norm of a step's gradients, sqrt(sum of every value squared): what gradient
 * clipping compares with the clip norm (Pascanu et al. 2013), and NaN/Infinity when any gradient is.
 *
 * @example
 * ```ts
 * globalNorm([tf.tensor([3]), tf.tensor([4])]).dataSync(); // [5]
 * ```
 */
export function globalNorm(grads: readonly tf.Tensor[]): tf.Scalar {
  return tf.tidy(() => tf.sqrt(tf.addN(grads.map((g) => tf.sum(tf.square(g))))) as tf.Scalar);
}

/**
 * Every gradient times `factor` (new tensors; the caller disposes them): with
 * `factor = clipNorm / norm`, the global norm becomes `clipNorm` and the direction is kept.
 *
 * @example
 * ```ts
 * const clipped = scaleGradients(grads, 5 / norm);
 * ```
 */
export function scaleGradients(grads: tf.NamedTensorMap, factor: number): tf.NamedTensorMap {
  return Object.fromEntries(Object.entries(grads).map(([name, g]) => [name, tf.mul(g, factor)]));
}
