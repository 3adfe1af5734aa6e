import type * as tf from '@tensorflow/tfjs-core';

/** Adam's moment estimates of one variable. */
export interface MomentState {
  /** The variable's name, as the optimiser saw it in `apply`. */
  readonly name: string;
  readonly m: Float32Array;
  readonly v: Float32Array;
}

/**
 * Everything an Adam optimiser carries between steps: the step count and both moments of every
 * variable it has updated, in the order it first saw them. Plain data, so it can be saved.
 */
export interface OptimizerState {
  readonly step: number;
  readonly moments: readonly MomentState[];
}

/** Applies one optimisation step from gradients keyed by variable name. */
/** An optimiser that applies gradients to variables (Adam, or a backend's faster Adam). */
export interface GradientOptimizer {
  /** Updates `variables` in place from their gradients (keyed by variable name). */
  apply(variables: readonly tf.Variable[], grads: tf.NamedTensorMap): void;
  /** A copy of the step count and moments (later steps do not change it). */
  getState(): OptimizerState;
  /** Replaces the step count and moments with copies of `state`'s; the next `apply` continues from there. */
  setState(state: OptimizerState): void;
  /** Sets Adam's step size for the following `apply` calls (a learning-rate schedule); the moments are kept. */
  setLearningRate(rate: number): void;
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
