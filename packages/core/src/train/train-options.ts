import { z } from 'zod';
import { betaScheduleSchema } from '../loss/beta-schedule.js';
import { ConfigError, parseOrThrow } from '../model/config-error.js';

/** How to train: optimiser, batching, KL weight, seed. */
export const trainOptionsSchema = z.object({
  epochs: z.number().int().min(1, 'epochs must be at least 1').max(100_000).default(10),
  batchSize: z.number().int().min(1, 'batchSize must be at least 1').max(65_536).default(128),
  /** Adam step size. */
  learningRate: z.number().gt(0, 'learningRate must be > 0').max(1, 'learningRate must be at most 1').default(1e-3),
  /**
   * When set, the step size decays exponentially per step from `learningRate` (first step) to this
   * (last step): lr_t = learningRate (learningRateEnd / learningRate)^(t / (T - 1)). Late small steps
   * tighten the bound (measured on MNIST: docs/control.md).
   */
  learningRateEnd: z.number().gt(0, 'learningRateEnd must be > 0').max(1, 'learningRateEnd must be at most 1').optional(),
  /** Weight of the KL term (1 = the true ELBO): a number, or a schedule over training. */
  beta: z.union([z.number().min(0, 'beta must be >= 0'), betaScheduleSchema]).default(1),
  /** Free bits: nats per latent dimension below which the KL is not penalised (0 = off). */
  freeBits: z.number().min(0, 'freeBits must be >= 0').default(0),
  /** Weight of `classMeanPenalty` (between-class variance of the posterior means; 0 = off): discourages z from carrying c. */
  independence: z.number().min(0, 'independence must be >= 0').default(0),
  /**
   * Importance samples per example in the training objective: 1 trains the ELBO; k > 1 trains the
   * IWAE bound of Burda et al. (2015) (`iwaeTerms`), ~k times the decoder work per step. Free bits
   * and the independence penalty belong to the ELBO objective and are refused with k > 1.
   */
  importanceSamples: z.number().int().min(1, 'importanceSamples must be at least 1').max(5000, 'importanceSamples must be at most 5000').default(1),
  /** Gradient clipping: a step's gradients whose global L2 norm exceeds this are scaled down to it (off when unset). */
  clipNorm: z.number().gt(0, 'clipNorm must be > 0').optional(),
  /** Seed for data order, binarisation and the reparameterisation noise. */
  seed: z.number().int().min(0).default(0),
  /** Evaluate the test -ELBO after every epoch. */
  evaluate: z.boolean().default(true),
  /** Batch size used for evaluation (memory only; results do not depend on it). */
  evalBatchSize: z.number().int().min(1).default(1000),
});

/** Validated training options with every default filled. */
export type TrainOptions = z.output<typeof trainOptionsSchema>;
/** Training options as a caller writes them: every field optional. */
export type TrainOptionsInput = z.input<typeof trainOptionsSchema>;

/**
 * Fills defaults and validates training options; throws `ConfigError` naming the field.
 *
 * @example
 * ```ts
 * parseTrainOptions({ epochs: 5 }); // batchSize 128, learningRate 1e-3, beta 1
 * ```
 */
export function parseTrainOptions(input: TrainOptionsInput): TrainOptions {
  const options = parseOrThrow(trainOptionsSchema, 'training options', input);
  if (options.importanceSamples > 1 && (options.freeBits > 0 || options.independence > 0)) {
    const other = options.freeBits > 0 ? `freeBits ${options.freeBits}` : `independence ${options.independence}`;
    throw new ConfigError(
      `invalid training options: importanceSamples ${options.importanceSamples} (the IWAE objective) cannot be combined with ${other} (terms of the ELBO objective)`,
      'set importanceSamples to 1, or freeBits and independence to 0',
    );
  }
  return options;
}
