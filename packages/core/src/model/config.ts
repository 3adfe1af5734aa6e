import { z } from 'zod';
import { parseOrThrow } from './config-error.js';

const positiveInt = (name: string, max: number) =>
  z.number({ error: `${name} must be a number` }).int(`${name} must be an integer`).min(1, `${name} must be at least 1`).max(max, `${name} must be at most ${max}`);

const columnGroupSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('gaussian'), start: z.number().int().min(0), size: z.number().int().min(1), logSigma: z.number() }),
  z.object({ kind: z.literal('bernoulli'), start: z.number().int().min(0), size: z.number().int().min(1) }),
  z.object({ kind: z.literal('categorical'), start: z.number().int().min(0), size: z.number().int().min(2) }),
]);

/** The observation model p(x|z,c). Every choice reports true log-likelihoods (constants kept). */
export const likelihoodSchema = z.preprocess(
  // The short form 'bernoulli' (and model files that stored it) means { kind: 'bernoulli' }.
  (value) => (typeof value === 'string' ? { kind: value } : value),
  z.discriminatedUnion('kind', [
    /** Binary x, decoder outputs logits. */
    z.object({ kind: z.literal('bernoulli') }),
    /** Continuous x, decoder outputs means; sigma fixed, or one learned sigma per dimension. */
    z.object({
      kind: z.literal('gaussian'),
      sigma: z.union([z.number().gt(0, 'sigma must be > 0'), z.literal('learned')]).default('learned'),
      /** Floor of a learned sigma, so the density cannot collapse onto a value. */
      minSigma: z.number().gt(0, 'minSigma must be > 0').default(1e-3),
    }),
    /** Column groups (tabular rows), each with its own likelihood. */
    z.object({ kind: z.literal('mixed'), groups: z.array(columnGroupSchema).min(1, 'groups needs at least one column group') }),
  ]),
);

export type LikelihoodConfig = z.output<typeof likelihoodSchema>;

/** Architecture of the label-conditioned MLP CVAE. */
export const modelConfigSchema = z.object({
  /** Length of x (e.g. 784 for MNIST). */
  inputSize: positiveInt('inputSize', 1_000_000),
  /** Length of the condition vector c (e.g. 10 for one-hot digits). */
  conditionSize: positiveInt('conditionSize', 100_000),
  latentSize: positiveInt('latentSize', 4096).default(20),
  /** Hidden layer widths of q(z|x,c), input side first. */
  encoderHidden: z.array(positiveInt('encoderHidden[i]', 65_536)).min(1, 'encoderHidden needs at least one layer').default([400]),
  /** Hidden layer widths of p(x|z,c), latent side first. */
  decoderHidden: z.array(positiveInt('decoderHidden[i]', 65_536)).min(1, 'decoderHidden needs at least one layer').default([400]),
  activation: z.enum(['relu', 'linear']).default('relu'),
  likelihood: likelihoodSchema.default({ kind: 'bernoulli' }),
  /**
   * The prior over z: `standard` N(0, I), or `learned` p(z|c) = N(mu(c), diag(sigma(c)^2)), an MLP
   * of c with the given hidden widths (none: a linear map, one Gaussian per class for one-hot c),
   * as in Sohn et al. 2015.
   */
  prior: z
    .discriminatedUnion('kind', [
      z.object({ kind: z.literal('standard') }),
      z.object({ kind: z.literal('learned'), hidden: z.array(positiveInt('prior.hidden[i]', 65_536)).default([]) }),
    ])
    .default({ kind: 'standard' }),
  /** Seed of the weight initialisation. */
  seed: z.number().int().min(0).default(0),
});

export type ModelConfig = z.output<typeof modelConfigSchema>;
export type ModelConfigInput = z.input<typeof modelConfigSchema>;

/**
 * Fills defaults and validates a model configuration. Throws `ConfigError` naming the field and
 * the allowed range.
 *
 * @example
 * ```ts
 * const config = parseModelConfig({ inputSize: 784, conditionSize: 10 }); // latentSize 20, hidden [400]
 * ```
 */
export function parseModelConfig(input: ModelConfigInput): ModelConfig {
  return parseOrThrow(modelConfigSchema, 'model config', input);
}
