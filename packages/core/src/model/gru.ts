import * as tf from '@tensorflow/tfjs-core';
import type { RandomSource } from '../data/seeded-random.js';
import { applyDense, createDense, type DenseLayer } from './dense.js';

/**
 * Weights of one GRU cell (Cho et al. 2014): `gates` maps [x, h] to the reset and update gates,
 * `candidate` maps [x, r * h] to the candidate state. Both are dense layers, so the recurrent
 * matMuls get the hand-written, wasm-friendly gradient of `dense.ts`.
 */
export interface GruCell {
  readonly gates: DenseLayer;
  readonly candidate: DenseLayer;
  readonly hiddenSize: number;
}

/**
 * Creates a GRU cell taking `inputSize` values per step and keeping `hiddenSize` values of state.
 *
 * @example
 * ```ts
 * const cell = createGru('encoder.forward', 32, 128, seededRandom(0));
 * ```
 */
export function createGru(name: string, inputSize: number, hiddenSize: number, random: RandomSource): GruCell {
  return {
    gates: createDense(`${name}.gates`, inputSize + hiddenSize, 2 * hiddenSize, random),
    candidate: createDense(`${name}.candidate`, inputSize + hiddenSize, hiddenSize, random),
    hiddenSize,
  };
}

/** The cell's variables in a fixed order: gates (weight, bias), candidate (weight, bias). */
export function gruVariables(cell: GruCell): tf.Variable[] {
  return [cell.gates.weight, cell.gates.bias, cell.candidate.weight, cell.candidate.bias];
}

/**
 * One step: r, u = sigmoid(W_g [x, h] + b_g); n = tanh(W_n [x, r * h] + b_n);
 * h' = u * h + (1 - u) * n (PyTorch's convention for u). With `mask` ([batch, 1], 1 for a real
 * token, 0 for padding) rows past their end keep their state, so a padded batch gives each
 * sequence the state at its own last token.
 *
 * @example
 * ```ts
 * h = gruStep(cell, embeddedToken, h);
 * ```
 */
export function gruStep(cell: GruCell, x: tf.Tensor2D, h: tf.Tensor2D, mask?: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const gates = tf.sigmoid(applyDense(tf.concat([x, h], 1) as tf.Tensor2D, cell.gates, 'linear')) as tf.Tensor2D;
    const [reset, update] = tf.split(gates, 2, 1) as [tf.Tensor2D, tf.Tensor2D];
    const candidate = applyDense(tf.concat([x, tf.mul(reset, h)], 1) as tf.Tensor2D, cell.candidate, 'tanh');
    const next = tf.add(candidate, tf.mul(update, tf.sub(h, candidate))) as tf.Tensor2D;
    return mask === undefined ? next : (tf.add(h, tf.mul(mask, tf.sub(next, h))) as tf.Tensor2D);
  });
}
