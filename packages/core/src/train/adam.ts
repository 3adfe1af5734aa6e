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

/** Builds a backend's own Adam; `settings` has every default filled in. */
export type AdamFactory = (settings: Required<AdamSettings>) => GradientOptimizer;

// Keyed by tfjs backend name, like tfjs's kernel registry: backend packages register theirs in
// `init()`, so core picks a backend's fast path without importing the backend.
const adamFactories = new Map<string, AdamFactory>([
  // On tfjs's JavaScript cpu backend each of tfjs's ~14 Adam kernels is a JavaScript loop that
  // allocates; one pass per variable measured 3.3 ms vs 84 ms per update of the reference CVAE.
  ['cpu', (settings) => new HostAdam(settings)],
]);

/**
 * Makes `createAdam` use `factory` while `backendName` is the active tfjs backend. The factory
 * must give the same update as `tf.train.adam` (e.g. by running `adamStep`). Replaces any earlier one.
 *
 * @example
 * ```ts
 * registerAdam('wasm', (settings) => new HeapAdam(settings)); // in @cvae/backend-wasm's init()
 * ```
 */
export function registerAdam(backendName: string, factory: AdamFactory): void {
  adamFactories.set(backendName, factory);
}

/**
 * Adam (Kingma & Ba 2015) with the same update as `tf.train.adam`:
 * m <- b1 m + (1-b1) g; v <- b2 v + (1-b2) g^2; w <- w - lr (m / (1-b1^t)) / (sqrt(v / (1-b2^t)) + eps).
 * Uses the active backend's registered Adam (`registerAdam`; cpu's is `HostAdam`), else tfjs's own.
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
  const factory = adamFactories.get(tf.getBackend());
  if (factory !== undefined) return factory(full);
  const adam = tf.train.adam(full.learningRate, full.beta1, full.beta2, full.epsilon);
  return {
    apply: (variables, grads) =>
      adam.applyGradients(variables.filter((v) => grads[v.name] !== undefined).map((v) => ({ name: v.name, tensor: grads[v.name] }))),
    dispose: () => adam.dispose(),
  };
}
