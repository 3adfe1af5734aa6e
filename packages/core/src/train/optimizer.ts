import type * as tf from '@tensorflow/tfjs-core';

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
