import * as tf from '@tensorflow/tfjs-core';
import { z } from 'zod';
import type { Likelihood } from './likelihood.js';

/** Id of the padding token: positions holding it are not scored (the sequence has ended). */
export const PAD_ID = 0;
/** Id of the end token, scored like any token; the decoder also reads it as "start" before the first token. */
export const END_ID = 1;
/** Id of the unknown token (words out of vocabulary; word dropout's replacement). */
export const UNK_ID = 2;

/** Settings of the `tokens` likelihood: the vocabulary size (padding, end and unknown tokens included). */
export interface TokensConfig {
  readonly kind: 'tokens';
  readonly vocabularySize: number;
  readonly [setting: string]: unknown;
}

/** Log-softmax of logits [batch, length * vocabulary] per position: [batch, length, vocabulary]. */
function logProbabilities(config: TokensConfig, logits: tf.Tensor2D): tf.Tensor3D {
  return tf.tidy(() => tf.logSoftmax(tf.reshape(logits, [logits.shape[0], -1, config.vocabularySize]) as tf.Tensor3D) as tf.Tensor3D);
}

/** 1 where a position holds a token (not padding), as float32 [batch, length]. */
export function tokenMask(ids: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => tf.cast(tf.notEqual(ids, PAD_ID), 'float32') as tf.Tensor2D);
}

/**
 * -log p(x) of token sequences in nats per sequence: x holds token ids (as float32) per position,
 * padded with {@link PAD_ID} after the end token; the decoder gives logits per position
 * ([batch, length * vocabulary], position-major). Padding positions are masked out, so the sum
 * is over the real tokens and the end token (Bowman et al. 2016's per-sentence NLL).
 *
 * @example
 * ```ts
 * const nll = tokensNll({ kind: 'tokens', vocabularySize: 30 }, logits, ids); // [batch]
 * ```
 */
export function tokensNll(config: TokensConfig, logits: tf.Tensor2D, ids: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => {
    const logP = logProbabilities(config, logits);
    const target = tf.oneHot(tf.cast(ids, 'int32'), config.vocabularySize) as tf.Tensor3D;
    const perPosition = tf.sum(tf.mul(logP, target), 2);
    return tf.neg(tf.sum(tf.mul(perPosition, tokenMask(ids)), 1)) as tf.Tensor1D;
  });
}

/** Ids (float32 [batch, length]) of the most likely token at each position. */
function argMaxIds(config: TokensConfig, logits: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => tf.cast(tf.argMax(tf.reshape(logits, [logits.shape[0], -1, config.vocabularySize]), 2), 'float32') as tf.Tensor2D);
}

/** One token per position by the Gumbel-max trick (element-wise ops and ArgMax only). */
function sampleIds(config: TokensConfig, logits: tf.Tensor2D, seed: number): tf.Tensor2D {
  return tf.tidy(() => {
    const u = tf.randomUniform(logits.shape, 1e-7, 1, 'float32', seed);
    return argMaxIds(config, tf.sub(logits, tf.log(tf.neg(tf.log(u)))) as tf.Tensor2D);
  });
}

/**
 * Sequences of tokens, one categorical per position, padding masked: x is one token id per
 * position. `mean` and `sample` read each position on its own given the decoder output; for an
 * autoregressive decoder the decoder itself feeds its choices back (`Cvae.draw`), so
 * `mean(decode(z, c))` is greedy decoding.
 */
export const tokensLikelihood: Likelihood<TokensConfig> = {
  kind: 'tokens',
  schema: z.object({
    kind: z.literal('tokens'),
    vocabularySize: z.number().int('vocabularySize must be an integer').min(3, 'vocabularySize must be at least 3 (padding, end, unknown)').max(1_000_000),
  }),
  outputs: (config, dataSize) => dataSize * config.vocabularySize,
  nll: (config, logits, ids) => tokensNll(config, logits, ids),
  mean: (config, logits) => argMaxIds(config, logits),
  sample: (config, logits, seed) => sampleIds(config, logits, seed),
  units: (_config, ids) => tf.tidy(() => tf.sum(tokenMask(ids), 1) as tf.Tensor1D),
};
