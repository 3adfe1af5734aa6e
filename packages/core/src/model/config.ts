import { z } from 'zod';
import { likelihoodOf } from '../likelihood/registry.js';
import { likelihoodSchema } from '../likelihood/schema.js';
import { parseOrThrow } from './config-error.js';

const positiveInt = (name: string, max: number) =>
  z.number({ error: `${name} must be a number` }).int(`${name} must be an integer`).min(1, `${name} must be at least 1`).max(max, `${name} must be at most ${max}`);


/** Hidden-layer activations (see `dense.ts`; `leaky_relu` has slope 0.01 below zero, as PyTorch's default). */
export const ACTIVATIONS = ['relu', 'linear', 'elu', 'tanh', 'leaky_relu'] as const;

/**
 * The encoder/decoder networks.
 * - `mlp`: dense layers of widths `encoderHidden` / `decoderHidden` (the default).
 * - `conv`, for images: the encoder runs one stride-2 'same' convolution per entry of `channels`
 *   (each halves height and width, rounding up) with the hidden activation, flattens, concatenates
 *   c, and maps to [mu, logvar] with one dense layer; the decoder maps [z, c] with one dense layer
 *   (hidden activation) to the smallest feature map and runs stride-2 transposed convolutions back
 *   to `imageShape`, the last one linear (logits or means). `encoderHidden` / `decoderHidden` are
 *   not used. x stays a flat [batch, inputSize] row in height, width, channel order (NHWC).
 * - `sequence`, for text: x is one token id per position (inputSize = maximum length), with the
 *   `tokens` likelihood. The encoder runs a bidirectional GRU over the embedded tokens and maps
 *   both final states and c to [mu, logvar]; the decoder is an autoregressive GRU whose initial
 *   state comes from [z, c] and which also sees [z, c] at every step (see `sequence.ts`).
 */
export const architectureSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('mlp') }),
    z.object({
      kind: z.literal('conv'),
      /** [height, width, channels] of one example; [height, width] means one channel. Product = inputSize. */
      imageShape: z
        .array(positiveInt('architecture.imageShape[i]', 65_536))
        .min(2, 'imageShape must be [height, width] or [height, width, channels]')
        .max(3, 'imageShape must be [height, width] or [height, width, channels]')
        .transform((s): [number, number, number] => [s[0], s[1], s[2] ?? 1]),
      /** Output channels of each encoder conv layer, input side first; the decoder mirrors them. */
      channels: z.array(positiveInt('architecture.channels[i]', 4096)).min(1, 'channels needs at least one conv layer').default([32, 64]),
      /** Height and width of every (transposed) convolution kernel. */
      kernelSize: positiveInt('architecture.kernelSize', 64).default(4),
    }),
    z.object({
      kind: z.literal('sequence'),
      /** Width of the token embedding (shared by encoder and decoder inputs). */
      embedding: positiveInt('architecture.embedding', 4096).default(32),
      /** State size of each GRU (encoder directions and decoder). */
      hidden: positiveInt('architecture.hidden', 8192).default(128),
      /** Share of decoder input tokens replaced by the unknown token in training (Bowman et al. 2016). */
      wordDropout: z.number().min(0, 'wordDropout must be in [0, 1]').max(1, 'wordDropout must be in [0, 1]').default(0.25),
      /** false: the decoder ignores z, a plain conditional language model of the same size (KL trains to 0). */
      useLatent: z.boolean().default(true),
    }),
  ])
  .default({ kind: 'mlp' });

/** The validated architecture: `{ kind: 'mlp' }` or a {@link ConvArchitecture}. */
export type ArchitectureConfig = z.output<typeof architectureSchema>;
/** The conv architecture with its defaults filled: image shape, channels per layer, kernel size. */
export type ConvArchitecture = Extract<ArchitectureConfig, { kind: 'conv' }>;
/** The sequence architecture (text): bidirectional GRU encoder, autoregressive GRU decoder. */
export type SequenceArchitecture = Extract<ArchitectureConfig, { kind: 'sequence' }>;

/** Architecture of the label-conditioned CVAE (MLP, or conv for images). */
export const modelConfigSchema = z
  .object({
    /** Length of x (e.g. 784 for MNIST). */
    inputSize: positiveInt('inputSize', 1_000_000),
    /** Length of the condition vector c (e.g. 10 for one-hot digits). */
    conditionSize: positiveInt('conditionSize', 100_000),
    latentSize: positiveInt('latentSize', 4096).default(20),
    /** Hidden layer widths of q(z|x,c), input side first (mlp architecture). */
    encoderHidden: z.array(positiveInt('encoderHidden[i]', 65_536)).min(1, 'encoderHidden needs at least one layer').default([400]),
    /** Hidden layer widths of p(x|z,c), latent side first (mlp architecture). */
    decoderHidden: z.array(positiveInt('decoderHidden[i]', 65_536)).min(1, 'decoderHidden needs at least one layer').default([400]),
    /** Activation of every hidden layer (dense and conv); output layers are linear. */
    activation: z.enum(ACTIVATIONS).default('relu'),
    architecture: architectureSchema,
    likelihood: likelihoodSchema.default({ kind: 'bernoulli' }),
    /**
     * The prior over z: `standard` N(0, I), or `learned` p(z|c) = N(mu(c), diag(sigma(c)^2)), an MLP
     * of c with the given hidden widths (none: a linear map, one Gaussian per class for one-hot c),
     * as in Sohn et al. 2015.
     */
    prior: z
      .discriminatedUnion('kind', [
        z.object({ kind: z.literal('standard') }),
        z.object({
          kind: z.literal('learned'),
          hidden: z.array(positiveInt('prior.hidden[i]', 65_536)).default([]),
          /**
           * Gaussians in p(z|c): 1, or K > 1 for a mixture sum_k pi_k(c) N(mu_k(c), diag(sigma_k(c)^2))
           * that can follow a clustered aggregate posterior (see `MixturePrior`); the KL is then a
           * one-draw estimate, log p(z|c) stays exact.
           */
          components: positiveInt('prior.components', 1024).default(1),
        }),
      ])
      .default({ kind: 'standard' }),
    /**
     * Where the mlp decoder sees c: `input` (concatenated to z only, Sohn et al. 2015) or
     * `every-layer` (also concatenated to the input of every hidden layer, so no layer can
     * forget it and the decoder cannot ignore c in favour of class information carried by z).
     */
    decoderCondition: z.enum(['input', 'every-layer']).default('input'),
    /**
     * A second stochastic layer above z (Burda et al. 2015's two-layer model, c at every layer):
     * q(z2|z,c) and p(z|z2,c) are MLPs of `hidden` widths, and the prior (standard or learned)
     * becomes p(z2|c) over the `size` top units. z (of `latentSize`) stays the latent the decoder
     * reads and the encoder gives, so encode/decode work as without it; p(z|c) is no longer a
     * Gaussian: the ELBO and the importance weights take one draw of z2 per draw of z.
     */
    topLatent: z
      .object({
        size: positiveInt('topLatent.size', 4096),
        hidden: z.array(positiveInt('topLatent.hidden[i]', 65_536)).min(1, 'topLatent.hidden needs at least one layer').default([256, 256]),
      })
      .optional(),
    /** Seed of the weight initialisation. */
    seed: z.number().int().min(0).default(0),
  })
  .superRefine((config, ctx) => {
    if (config.architecture.kind === 'sequence' && config.likelihood.kind !== 'tokens') {
      ctx.addIssue({ code: 'custom', path: ['likelihood'], message: `the sequence architecture models token ids: it needs the "tokens" likelihood, found "${config.likelihood.kind}"` });
    }
    if (config.topLatent !== undefined && config.prior.kind === 'learned' && config.prior.components > 1) {
      ctx.addIssue({ code: 'custom', path: ['prior', 'components'], message: `a mixture prior (${config.prior.components} components) and a second stochastic layer (topLatent) do not combine: use one of them` });
    }
    if (config.architecture.kind !== 'conv') return;
    const outputs = likelihoodOf(config.likelihood).outputs(config.likelihood, config.inputSize);
    if (outputs !== config.inputSize) {
      ctx.addIssue({ code: 'custom', path: ['likelihood'], message: `the conv decoder outputs one value per input value (${config.inputSize}); likelihood "${config.likelihood.kind}" needs ${outputs}: use the mlp architecture` });
    }
    const [h, w, channels] = config.architecture.imageShape;
    if (h * w * channels !== config.inputSize) {
      ctx.addIssue({
        code: 'custom',
        path: ['architecture', 'imageShape'],
        message: `imageShape [${h}, ${w}, ${channels}] holds ${h * w * channels} values, but inputSize is ${config.inputSize}`,
      });
    }
  });

/** A validated model configuration with every default filled (what `parseModelConfig` returns). */
export type ModelConfig = z.output<typeof modelConfigSchema>;
/** What a caller writes: `inputSize` and `conditionSize`, every other field optional. */
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
