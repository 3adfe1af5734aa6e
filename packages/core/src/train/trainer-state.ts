import type { RandomState } from '../data/seeded-random.js';
import type { OptimizerState } from './optimizer.js';
import type { TrainOptions } from './train-options.js';

/** Example-weighted sums of the epoch so far (the epoch event reports sums / examples). */
export interface EpochSums {
  readonly loss: number;
  readonly recon: number;
  readonly kl: number;
  readonly examples: number;
}

/** An epoch that has started but not ended: where in its data order training stands. */
export interface EpochProgress {
  readonly epoch: number;
  /** The seed of this epoch's shuffle and binarisation. */
  readonly dataSeed: number;
  /** Steps done in this epoch; a resumed run skips that many batches of the same order. */
  readonly steps: number;
  readonly sums: EpochSums;
}

/**
 * Where a `Trainer` stands, as plain data (numbers and `Float32Array`s): enough, with the model's
 * weights, to continue training exactly as an uninterrupted run would. Optimiser moments are
 * keyed by the model's local variable names, so they fit a model rebuilt from a saved artifact.
 */
export interface TrainerState {
  readonly version: 1;
  readonly options: TrainOptions;
  /** Epochs finished (their epoch events were emitted). */
  readonly completedEpochs: number;
  /** The epoch under way, if a step of it ran and it has not ended. */
  readonly current?: EpochProgress;
  /** Steps since the start of training (drives beta schedules). */
  readonly globalStep: number;
  /** The generator that draws each epoch's data seed and each step's noise seed. */
  readonly random: RandomState;
  readonly optimizer: OptimizerState;
}

/** The `TrainerState` as JSON-safe data plus one buffer holding every moment array. */
export interface EncodedTrainerState {
  readonly json: Omit<TrainerState, 'optimizer'> & {
    readonly optimizer: { readonly step: number; readonly moments: readonly { readonly name: string; readonly length: number }[] };
  };
  /** For each moment in order: m then v, little-endian float32. */
  readonly bytes: Uint8Array;
}

/**
 * Splits a trainer state into JSON and bytes, e.g. for a checkpoint file pair.
 *
 * @example
 * ```ts
 * const { json, bytes } = encodeTrainerState(trainer.state());
 * const again = decodeTrainerState(JSON.parse(JSON.stringify(json)), bytes);
 * ```
 */
export function encodeTrainerState(state: TrainerState): EncodedTrainerState {
  const total = state.optimizer.moments.reduce((n, s) => n + 2 * s.m.length, 0);
  const floats = new Float32Array(total);
  let at = 0;
  for (const { m, v } of state.optimizer.moments) {
    floats.set(m, at);
    floats.set(v, at + m.length);
    at += 2 * m.length;
  }
  const moments = state.optimizer.moments.map((s) => ({ name: s.name, length: s.m.length }));
  // Float32Array stores little-endian on every platform JavaScript runs on today.
  return { json: { ...state, optimizer: { step: state.optimizer.step, moments } }, bytes: new Uint8Array(floats.buffer) };
}

/**
 * The inverse of `encodeTrainerState`; returns undefined when `bytes` does not hold exactly the
 * moments `json` lists (the caller names the file in its error).
 *
 * @example
 * ```ts
 * const state = decodeTrainerState(json, bytes);
 * if (state === undefined) throw new Error('optimizer.bin does not match checkpoint.json');
 * ```
 */
export function decodeTrainerState(json: EncodedTrainerState['json'], bytes: Uint8Array): TrainerState | undefined {
  const total = json.optimizer.moments.reduce((n, s) => n + 2 * s.length, 0);
  if (bytes.byteLength !== total * 4) return undefined;
  // Copied (a Node Buffer's slice() would not copy) so the floats are aligned whatever offset the file buffer had.
  const floats = new Float32Array(new Uint8Array(bytes).buffer, 0, total);
  let at = 0;
  const moments = json.optimizer.moments.map(({ name, length }) => {
    const moment = { name, m: floats.slice(at, at + length), v: floats.slice(at + length, at + 2 * length) };
    at += 2 * length;
    return moment;
  });
  return { ...json, optimizer: { step: json.optimizer.step, moments } };
}
