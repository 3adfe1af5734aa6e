import * as tf from '@tensorflow/tfjs-core';
import type { AdamFactory, AdamSettings, GradientOptimizer } from './optimizer.js';
import { TfjsAdam } from './tfjs-adam.js';

export type { AdamFactory, AdamSettings, GradientOptimizer, MomentState, OptimizerState } from './optimizer.js';

// Keyed by tfjs backend name, like tfjs's kernel registry: backend packages register theirs in
// `init()`, so core picks a backend's fast path without importing the backend.
const adamFactories = new Map<string, AdamFactory>();

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
  return new TfjsAdam(full);
}
