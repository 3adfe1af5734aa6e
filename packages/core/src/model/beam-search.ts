import * as tf from '@tensorflow/tfjs-core';
import { CvaeError } from '../errors/cvae-error.js';
import { END_ID, PAD_ID } from '../likelihood/tokens.js';
import type { Cvae } from './cvae.js';
import { startSequenceDecoder, stepSequenceDecoder } from './sequence.js';
import { sampleLatent } from '../sample/sample.js';

interface Hypothesis {
  readonly ids: number[];
  readonly logP: number;
  readonly finished: boolean;
}

/**
 * Beam search over an autoregressive decoder, one latent code at a time: keeps the `width`
 * likeliest prefixes (sum of log-probabilities), a prefix ends at the end token, and the best
 * whole sequence wins. Returns ids row-major [rows, inputSize] (padding after the end token).
 *
 * @example
 * ```ts
 * const ids = beamDecode(model, z, c, 5); // z [rows, latent], c [rows, conditions]
 * ```
 */
export function beamDecode(model: Cvae, z: tf.Tensor2D, c: tf.Tensor2D, width: number): Float32Array {
  const networks = model.sequenceNetworks;
  if (networks === undefined) throw new CvaeError('sample', 'beam search needs an autoregressive decoder (the sequence architecture)');
  if (model.config.architecture.kind !== 'sequence') throw new CvaeError('sample', 'beam search needs the sequence architecture');
  if (!Number.isInteger(width) || width < 1) throw new CvaeError('sample', `the beam width must be a positive integer, found ${width}`);
  const { decoder, vocabularySize } = networks;
  const length = model.config.inputSize;
  const rows = z.shape[0];
  const out = new Float32Array(rows * length).fill(PAD_ID);
  for (let row = 0; row < rows; row++) {
    const start = tf.tidy(() => startSequenceDecoder(decoder, model.config.architecture as never, tf.slice(z, [row, 0], [1, -1]), tf.slice(c, [row, 0], [1, -1])));
    let beams: Hypothesis[] = [{ ids: [], logP: 0, finished: false }];
    let states = start.h;
    for (let t = 0; t < length && beams.some((b) => !b.finished); t++) {
      const open = beams.map((b, i) => [b, i] as const).filter(([b]) => !b.finished);
      const { h, logP } = tf.tidy(() => {
        const previous = tf.tensor1d(open.map(([b]) => b.ids.at(-1) ?? END_ID));
        const context = tf.tile(start.context, [open.length, 1]) as tf.Tensor2D;
        const step = stepSequenceDecoder(decoder, vocabularySize, previous, tf.gather(states, open.map(([, i]) => i)) as tf.Tensor2D, context);
        return { h: step.h, logP: tf.logSoftmax(step.logits) };
      });
      const scores = logP.dataSync();
      logP.dispose();
      const candidates: (Hypothesis & { parent: number })[] = beams.filter((b) => b.finished).map((b) => ({ ...b, parent: -1 }));
      open.forEach(([b], k) => {
        for (let v = 0; v < vocabularySize; v++) {
          if (v === PAD_ID) continue;
          candidates.push({ ids: [...b.ids, v], logP: b.logP + scores[k * vocabularySize + v], finished: v === END_ID || t === length - 1, parent: k });
        }
      });
      candidates.sort((a, b) => b.logP - a.logP);
      const kept = candidates.slice(0, width);
      const parents = kept.map((k) => Math.max(k.parent, 0));
      const next = tf.tidy(() => tf.gather(h, parents) as tf.Tensor2D);
      tf.dispose([h, states]);
      states = next;
      beams = kept.map(({ ids, logP: score, finished }) => ({ ids, logP: score, finished }));
    }
    tf.dispose([states, start.context]);
    const best = beams.filter((b) => b.finished).sort((a, b) => b.logP - a.logP)[0] ?? beams[0];
    best.ids.forEach((id, t) => (out[row * length + t] = id));
  }
  return out;
}

/**
 * z ~ p(z|c) for each condition row (from `seed`), then the likeliest text for each by beam
 * search of `width`. Row-major token ids [rows, inputSize].
 *
 * @example
 * ```ts
 * const ids = sampleBeam(model, repeatRows(oneHot([0], 2), 10), 0, 5);
 * ```
 */
export function sampleBeam(model: Cvae, conditions: Float32Array, seed: number, width: number): Float32Array {
  const { conditionSize } = model.config;
  if (conditions.length === 0 || conditions.length % conditionSize !== 0) throw new CvaeError('sample', `conditions must hold whole rows of ${conditionSize} values, found ${conditions.length}`);
  const c = tf.tensor2d(conditions, [conditions.length / conditionSize, conditionSize]);
  const z = sampleLatent(model, c, seed);
  try {
    return beamDecode(model, z, c, width);
  } finally {
    tf.dispose([c, z]);
  }
}
