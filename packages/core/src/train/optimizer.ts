import type * as tf from '@tensorflow/tfjs-core';

/** Applies one optimisation step from gradients keyed by variable name. */
/** An optimiser that applies gradients to variables (Adam, or a backend's faster Adam). */
export interface GradientOptimizer {
  /** Updates `variables` in place from their gradients (keyed by variable name). */
  apply(variables: readonly tf.Variable[], grads: tf.NamedTensorMap): void;
  /** Frees the optimiser's state (moment estimates). */
  dispose(): void;
}

/** Adam's hyper-parameters (Kingma & Ba 2015); unset ones take the usual defaults. */
export interface AdamSettings {
  readonly learningRate: number;
  readonly beta1?: number;
  readonly beta2?: number;
  /** Added to sqrt(v_hat); tfjs's float32 default. */
  readonly epsilon?: number;
}

/** Builds a backend's own Adam; `settings` has every default filled in. */
export type AdamFactory = (settings: Required<AdamSettings>) => GradientOptimizer;
