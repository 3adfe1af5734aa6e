import type * as tf from '@tensorflow/tfjs-core';
import type { z } from 'zod';

/**
 * A likelihood's configuration as stored in a model config: its `kind` and its own settings
 * (validated by the kind's `schema`). Plain JSON, so it goes into model files as it is.
 */
export interface LikelihoodConfig {
  readonly kind: string;
  readonly [setting: string]: unknown;
}

/** A likelihood's configuration as a user or a dataset spec may write it: the kind alone is enough (`'bernoulli'`). */
export type LikelihoodConfigInput = string | LikelihoodConfig;

/** A trainable tensor a likelihood needs besides the decoder output (e.g. a learned log sigma). */
export interface LikelihoodParameter {
  /** Name inside the decoder, e.g. `logSigma` (stored as `decoder.logSigma` in model files). */
  readonly name: string;
  readonly shape: readonly number[];
  /** Initial value of every entry. */
  readonly init: number;
}

/** The current values of a likelihood's parameters, by {@link LikelihoodParameter.name}. */
export type LikelihoodParams = Readonly<Record<string, tf.Tensor>>;

/**
 * The observation model p(x|z,c) of one kind of data. The decoder outputs `outputs(config, n)`
 * values per example; the likelihood turns them into a log density (`nll`), a mean (`mean`, what
 * pictures show) and draws (`sample`). Register a new kind with `registerLikelihood`; the model
 * config, training, evaluation, sampling and model files then take it without other changes.
 *
 * @example
 * ```ts
 * const poisson: Likelihood<{ kind: 'poisson' }> = {
 *   kind: 'poisson',
 *   schema: z.object({ kind: z.literal('poisson') }),
 *   outputs: (_config, size) => size,
 *   nll: (_config, logRate, x) => tf.tidy(() => tf.sum(tf.sub(tf.add(tf.exp(logRate), tf.lgamma?.(...)) ...), 1)),
 *   mean: (_config, logRate) => tf.exp(logRate),
 *   sample: ...,
 * };
 * registerLikelihood(poisson);
 * ```
 */
export interface Likelihood<C extends LikelihoodConfig = LikelihoodConfig> {
  readonly kind: string;
  /** Validates a config of this kind and fills its defaults. Errors name the field. */
  readonly schema: z.ZodType<C>;
  /** Decoder outputs needed to model `dataSize` values of x (most kinds: `dataSize`). */
  outputs(config: C, dataSize: number): number;
  /** Trainable tensors beyond the decoder output; none when omitted. */
  parameters?(config: C, dataSize: number): readonly LikelihoodParameter[];
  /** -log p(x|out) per example in nats, normalising constants kept. Shape [batch]. */
  nll(config: C, out: tf.Tensor2D, x: tf.Tensor2D, params: LikelihoodParams): tf.Tensor1D;
  /** E[x|out], shape [batch, dataSize]: probabilities for binary and categorical data. */
  mean(config: C, out: tf.Tensor2D, params: LikelihoodParams): tf.Tensor2D;
  /** One draw x ~ p(x|out) per row, reproducible from `seed` (a positive tfjs seed). */
  sample(config: C, out: tf.Tensor2D, seed: number, params: LikelihoodParams): tf.Tensor2D;
  /**
   * Observed units per example (e.g. tokens up to and including the end token), shape [batch],
   * for per-unit figures such as perplexity. Omitted: every value of x counts (`dataSize`).
   */
  units?(config: C, x: tf.Tensor2D): tf.Tensor1D;
}
