import * as tf from '@tensorflow/tfjs-core';
import type { RandomSource } from '../data/seeded-random.js';
import { END_ID, PAD_ID, UNK_ID, tokenMask } from '../likelihood/tokens.js';
import type { SequenceArchitecture } from './config.js';
import { applyDense, createDense, type DenseLayer } from './dense.js';
import { createGru, gruStep, gruVariables, type GruCell } from './gru.js';

/** q(z|x,c) for token sequences: embedding, a GRU each way, one dense layer to [mu, logvar]. */
export interface SequenceEncoder {
  readonly embedding: DenseLayer;
  readonly forward: GruCell;
  readonly backward: GruCell;
  readonly head: DenseLayer;
}

/** p(x|z,c) for token sequences: [z, c] to the first state, an autoregressive GRU, logits per token. */
export interface SequenceDecoder {
  readonly embedding: DenseLayer;
  readonly init: DenseLayer;
  readonly cell: GruCell;
  readonly out: DenseLayer;
}

/** Sizes a sequence network needs besides its architecture. */
export interface SequenceSizes {
  readonly vocabularySize: number;
  readonly conditionSize: number;
  readonly latentSize: number;
}

/**
 * Creates the encoder's weights (`${name}.embedding`, `.forward`, `.backward`, `.out`).
 *
 * @example
 * ```ts
 * const encoder = createSequenceEncoder('encoder', arch, { vocabularySize: 30, conditionSize: 2, latentSize: 16 }, random);
 * ```
 */
export function createSequenceEncoder(name: string, arch: SequenceArchitecture, sizes: SequenceSizes, random: RandomSource): SequenceEncoder {
  return {
    embedding: createDense(`${name}.embedding`, sizes.vocabularySize, arch.embedding, random),
    forward: createGru(`${name}.forward`, arch.embedding, arch.hidden, random),
    backward: createGru(`${name}.backward`, arch.embedding, arch.hidden, random),
    head: createDense(`${name}.out`, 2 * arch.hidden + sizes.conditionSize, 2 * sizes.latentSize, random),
  };
}

/**
 * Creates the decoder's weights (`${name}.embedding`, `.init`, `.cell`, `.out`). Without
 * `useLatent` the decoder sees c only, as a plain conditional language model.
 *
 * @example
 * ```ts
 * const decoder = createSequenceDecoder('decoder', arch, sizes, random);
 * ```
 */
export function createSequenceDecoder(name: string, arch: SequenceArchitecture, sizes: SequenceSizes, random: RandomSource): SequenceDecoder {
  const context = (arch.useLatent ? sizes.latentSize : 0) + sizes.conditionSize;
  return {
    embedding: createDense(`${name}.embedding`, sizes.vocabularySize, arch.embedding, random),
    init: createDense(`${name}.init`, context, arch.hidden, random),
    cell: createGru(`${name}.cell`, arch.embedding + context, arch.hidden, random),
    out: createDense(`${name}.out`, arch.hidden, sizes.vocabularySize, random),
  };
}

/** The encoder's variables in a fixed order. */
export function sequenceEncoderVariables(e: SequenceEncoder): tf.Variable[] {
  return [e.embedding.weight, e.embedding.bias, ...gruVariables(e.forward), ...gruVariables(e.backward), e.head.weight, e.head.bias];
}

/** The decoder's variables in a fixed order. */
export function sequenceDecoderVariables(d: SequenceDecoder): tf.Variable[] {
  return [d.embedding.weight, d.embedding.bias, d.init.weight, d.init.bias, ...gruVariables(d.cell), d.out.weight, d.out.bias];
}

/** Embeds token ids ([batch] float32) through a one-hot row (no gradient to the ids). */
function embed(layer: DenseLayer, ids: tf.Tensor1D, vocabularySize: number): tf.Tensor2D {
  return applyDense(tf.cast(tf.oneHot(tf.cast(ids, 'int32'), vocabularySize), 'float32') as tf.Tensor2D, layer, 'linear', false);
}

/** Every position embedded in one matMul, then split per step: [batch, E] for t = 0..length-1. */
function embedAll(layer: DenseLayer, ids: tf.Tensor2D, vocabularySize: number): tf.Tensor2D[] {
  const [batch, length] = ids.shape;
  const flat = embed(layer, tf.reshape(ids, [-1]) as tf.Tensor1D, vocabularySize);
  const steps = tf.unstack(tf.reshape(flat, [batch, length, -1]), 1);
  return steps as tf.Tensor2D[];
}

/**
 * Positions up to the longest sequence of the batch (its last end token), read once from x:
 * every later position is padding in every row, so the GRUs need not run there.
 */
export function usedLength(x: tf.Tensor2D): number {
  const lengths = tf.tidy(() => tf.max(tf.sum(tokenMask(x), 1)));
  const longest = lengths.dataSync()[0];
  lengths.dispose();
  return Math.max(1, Math.min(x.shape[1], Math.round(longest)));
}

/**
 * [mu, logvar] as one [batch, 2 * latentSize] tensor for token ids x ([batch, length], padded)
 * and conditions c. Padding leaves each direction's state unchanged, so the forward state is the
 * one after the end token and the backward state starts at it.
 *
 * @example
 * ```ts
 * const h = applySequenceEncoder(encoder, arch, vocabularySize, ids, c);
 * ```
 */
export function applySequenceEncoder(encoder: SequenceEncoder, arch: SequenceArchitecture, vocabularySize: number, x: tf.Tensor2D, c: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const batch = x.shape[0];
    const length = usedLength(x);
    const used = length === x.shape[1] ? x : (tf.slice(x, [0, 0], [-1, length]) as tf.Tensor2D);
    const mask = tokenMask(used);
    const inputs = embedAll(encoder.embedding, used, vocabularySize);
    const masks = Array.from({ length }, (_, t) => tf.slice(mask, [0, t], [-1, 1]) as tf.Tensor2D);
    let forward = tf.zeros([batch, arch.hidden]) as tf.Tensor2D;
    let backward = tf.zeros([batch, arch.hidden]) as tf.Tensor2D;
    for (let t = 0; t < length; t++) forward = gruStep(encoder.forward, inputs[t], forward, masks[t]);
    for (let t = length - 1; t >= 0; t--) backward = gruStep(encoder.backward, inputs[t], backward, masks[t]);
    return applyDense(tf.concat([forward, backward, c], 1), encoder.head, 'linear');
  });
}

/** What the decoder reads at every step: [z, c], or c alone without `useLatent`. */
function decoderContext(arch: SequenceArchitecture, z: tf.Tensor2D, c: tf.Tensor2D): tf.Tensor2D {
  return arch.useLatent ? tf.concat([z, c], 1) : c;
}

/** Training options of teacher forcing: word dropout needs a seed. */
export interface TeacherForcing {
  /** tfjs seed of the word dropout draw; omitted: no word dropout (evaluation). */
  readonly dropoutSeed?: number;
}

/**
 * Logits [batch, length * vocabulary] of p(x|z,c) by teacher forcing: step t reads token t - 1
 * (the end token before the first), with probability `wordDropout` replaced by the unknown token
 * when `dropoutSeed` is given (Bowman et al. 2016), and [z, c] at every step.
 *
 * @example
 * ```ts
 * const logits = applySequenceDecoder(decoder, arch, vocabularySize, z, c, ids, { dropoutSeed: 7 });
 * ```
 */
export function applySequenceDecoder(
  decoder: SequenceDecoder,
  arch: SequenceArchitecture,
  vocabularySize: number,
  z: tf.Tensor2D,
  c: tf.Tensor2D,
  x: tf.Tensor2D,
  forcing: TeacherForcing = {},
): tf.Tensor2D {
  return tf.tidy(() => {
    const [batch, fullLength] = x.shape;
    // Past the batch's longest sequence every position is padding (masked in the NLL): zero logits there.
    const length = usedLength(x);
    let previous = tf.concat([tf.fill([batch, 1], END_ID), tf.slice(x, [0, 0], [-1, length - 1])], 1) as tf.Tensor2D;
    if (forcing.dropoutSeed !== undefined && arch.wordDropout > 0) {
      const dropped = tf.logicalAnd(tf.less(tf.randomUniform(previous.shape, 0, 1, 'float32', forcing.dropoutSeed), arch.wordDropout), tf.greater(previous, END_ID));
      previous = tf.where(dropped, tf.fill(previous.shape, UNK_ID), previous) as tf.Tensor2D;
    }
    const context = decoderContext(arch, z, c);
    let h = applyDense(context, decoder.init, 'tanh');
    const inputs = embedAll(decoder.embedding, previous, vocabularySize);
    const states: tf.Tensor2D[] = [];
    for (let t = 0; t < length; t++) {
      h = gruStep(decoder.cell, tf.concat([inputs[t], context], 1) as tf.Tensor2D, h);
      states.push(h);
    }
    const logits = applyDense(tf.reshape(tf.stack(states, 1), [batch * length, arch.hidden]) as tf.Tensor2D, decoder.out, 'linear');
    const flat = tf.reshape(logits, [batch, length * vocabularySize]) as tf.Tensor2D;
    return length === fullLength ? flat : (tf.pad(flat, [[0, 0], [0, (fullLength - length) * vocabularySize]]) as tf.Tensor2D);
  });
}

/**
 * The decoder's state before the first token: h0 = tanh(W [z, c] + b), and the context it reads
 * at every step. The caller disposes both.
 *
 * @example
 * ```ts
 * const { h, context } = startSequenceDecoder(decoder, arch, z, c);
 * ```
 */
export function startSequenceDecoder(decoder: SequenceDecoder, arch: SequenceArchitecture, z: tf.Tensor2D, c: tf.Tensor2D): { h: tf.Tensor2D; context: tf.Tensor2D } {
  return tf.tidy(() => {
    const context = decoderContext(arch, z, c);
    return { h: applyDense(context, decoder.init, 'tanh'), context: tf.clone(context) };
  });
}

/**
 * One decoder step: reads the previous token ids ([rows], float32) and the state, returns the
 * next state and the logits of the next token ([rows, vocabulary]).
 *
 * @example
 * ```ts
 * const next = stepSequenceDecoder(decoder, vocabularySize, previous, h, context);
 * ```
 */
export function stepSequenceDecoder(decoder: SequenceDecoder, vocabularySize: number, previous: tf.Tensor1D, h: tf.Tensor2D, context: tf.Tensor2D): { h: tf.Tensor2D; logits: tf.Tensor2D } {
  return tf.tidy(() => {
    const next = gruStep(decoder.cell, tf.concat([embed(decoder.embedding, previous, vocabularySize), context], 1) as tf.Tensor2D, h);
    return { h: next, logits: applyDense(next, decoder.out, 'linear') };
  });
}

/** How each token is chosen when the decoder writes on its own. */
export interface GenerationOptions {
  /** `greedy`: the most likely token; `sample`: a draw from softmax(logits / temperature). */
  readonly mode: 'greedy' | 'sample';
  readonly temperature?: number;
  /** tfjs seed for `sample`. */
  readonly seed?: number;
}

/**
 * Autoregressive decoding: each step reads the token chosen before (greedily or drawn), until
 * `length` positions. Returns the chosen ids (float32 [batch, length], padding after each end
 * token) and the logits seen on that path (after the end token: logits that put all mass on
 * padding, so `mean(logits)` gives the same ids).
 *
 * @example
 * ```ts
 * const { ids } = generateSequence(decoder, arch, vocabularySize, length, z, c, { mode: 'sample', temperature: 0.8, seed: 3 });
 * ```
 */
export function generateSequence(
  decoder: SequenceDecoder,
  arch: SequenceArchitecture,
  vocabularySize: number,
  length: number,
  z: tf.Tensor2D,
  c: tf.Tensor2D,
  options: GenerationOptions,
): { ids: tf.Tensor2D; logits: tf.Tensor2D } {
  return tf.tidy(() => {
    const batch = z.shape[0];
    const start = startSequenceDecoder(decoder, arch, z, c);
    const context = start.context;
    let h = start.h;
    const padLogits = tf.mul(tf.oneHot(tf.fill([batch], PAD_ID, 'int32'), vocabularySize), 1e4);
    let previous = tf.fill([batch], END_ID) as tf.Tensor1D;
    let finished = tf.zeros([batch], 'bool') as tf.Tensor1D;
    const ids: tf.Tensor1D[] = [];
    const seen: tf.Tensor2D[] = [];
    const temperature = options.temperature ?? 1;
    for (let t = 0; t < length; t++) {
      const step = stepSequenceDecoder(decoder, vocabularySize, previous, h, context);
      h = step.h;
      const logits = step.logits;
      let choice: tf.Tensor1D;
      if (options.mode === 'greedy') {
        choice = tf.argMax(logits, 1) as tf.Tensor1D;
      } else {
        const u = tf.randomUniform(logits.shape, 1e-7, 1, 'float32', (options.seed ?? 1) * 1009 + t);
        choice = tf.argMax(tf.sub(tf.div(logits, temperature), tf.log(tf.neg(tf.log(u)))), 1) as tf.Tensor1D;
      }
      const token = tf.where(finished, tf.fill([batch], PAD_ID), tf.cast(choice, 'float32')) as tf.Tensor1D;
      seen.push(tf.where(tf.reshape(finished, [batch, 1]), padLogits, logits) as tf.Tensor2D);
      ids.push(token);
      finished = tf.logicalOr(finished, tf.equal(token, END_ID)) as tf.Tensor1D;
      previous = token;
    }
    return {
      ids: tf.stack(ids, 1) as tf.Tensor2D,
      logits: tf.reshape(tf.stack(seen, 1), [batch, length * vocabularySize]) as tf.Tensor2D,
    };
  });
}
