import * as tf from '@tensorflow/tfjs-core';
import { HostAdam } from './host-adam.js';

/** Applies one optimisation step from gradients keyed by variable name. */
export interface GradientOptimizer {
  apply(variables: readonly tf.Variable[], grads: tf.NamedTensorMap): void;
  dispose(): void;
}

export interface AdamSettings {
  readonly learningRate: number;
  readonly beta1?: number;
  readonly beta2?: number;
  /** Added to sqrt(v_hat); tfjs's float32 default. */
  readonly epsilon?: number;
}

/**
 * Adam (Kingma & Ba 2015) with the same update as `tf.train.adam`:
 * m <- b1 m + (1-b1) g; v <- b2 v + (1-b2) g^2; w <- w - lr (m / (1-b1^t)) / (sqrt(v / (1-b2^t)) + eps).
 * On tfjs's JavaScript cpu backend it runs one pass per variable (`HostAdam`): there each of
 * tfjs's ~14 Adam kernels is a JavaScript loop that allocates (measured: 3.3 ms vs 84 ms per
 * update of the reference CVAE). Elsewhere it is tfjs's own Adam: on wasm, a one-pass update in
 * the wasm heap measured no faster, because new weights must go to a fresh tensor anyway.
 *
 * @example
 * ```ts
 * const adam = createAdam({ learningRate: 1e-3 });
 * const { grads } = tf.variableGrads(loss, vars);
 * adam.apply(vars, grads);
 * ```
 */
export function createAdam(settings: AdamSettings): GradientOptimizer {
  const full = { beta1: 0.9, beta2: 0.999, epsilon: 1e-7, ...settings };
  if (tf.getBackend() === 'cpu') return new HostAdam(full);
  const adam = tf.train.adam(full.learningRate, full.beta1, full.beta2, full.epsilon);
  return {
    apply: (variables, grads) =>
      adam.applyGradients(variables.filter((v) => grads[v.name] !== undefined).map((v) => ({ name: v.name, tensor: grads[v.name] }))),
    dispose: () => adam.dispose(),
  };
}
