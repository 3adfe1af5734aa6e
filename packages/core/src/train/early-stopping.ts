import * as tf from '@tensorflow/tfjs-core';
import { CvaeError } from '../errors/cvae-error.js';
import type { Cvae } from '../model/cvae.js';

/** The state of an {@link EarlyStopping} that a checkpoint keeps. */
export interface EarlyStoppingSnapshot {
  readonly best: number;
  readonly bestEpoch: number;
  /** The best epoch's weights, flat in `model.variables()` order. */
  readonly weights: Float32Array;
}

/**
 * Early stopping on a held-out score (lower is better, e.g. a validation -ELBO): keeps a copy of
 * the model's weights at the best epoch so far, says when `patience` epochs in a row brought no
 * improvement, and puts the best weights back at the end. Why: on a small table the training
 * loss keeps falling long after the held-out bound has turned (cars: test -ELBO 17.7 nats at
 * epoch 280, 20.5 at 600), and the rows drawn after the turn sit closer to the training rows
 * than to fresh ones (docs/tabular.md).
 *
 * @example
 * ```ts
 * const stopping = new EarlyStopping(model, 20);
 * for await (const event of trainer.run()) {
 *   if (event.type !== 'epoch') continue;
 *   const { negElbo } = await evaluateElbo(model, validation, 'test');
 *   if (stopping.update(event.epoch, negElbo)) break;
 * }
 * stopping.restoreBest(); // the weights of stopping.bestEpoch
 * stopping.dispose();
 * ```
 */
export class EarlyStopping {
  /** The lowest score seen, and the epoch it was seen at (0: none yet). */
  best = Infinity;
  bestEpoch = 0;
  private lastEpoch = 0;
  private saved: tf.Tensor[] | undefined;
  private snapshotted: EarlyStoppingSnapshot | undefined;

  constructor(
    private readonly model: Cvae,
    /** Epochs without a new best after which `update` says stop. */
    readonly patience: number,
  ) {
    if (!Number.isInteger(patience) || patience < 1) throw new CvaeError('train', `early stopping's patience must be a whole number of epochs >= 1, found ${patience}`, { fix: 'pass e.g. 20' });
  }

  /**
   * Records `epoch`'s held-out score; copies the weights when it is the best so far (a non-finite
   * score never is). Returns true when the last `patience` epochs brought no new best.
   */
  update(epoch: number, score: number): boolean {
    this.lastEpoch = epoch;
    if (Number.isFinite(score) && score < this.best) {
      this.best = score;
      this.bestEpoch = epoch;
      tf.dispose(this.saved);
      this.saved = this.model.variables().map((v) => tf.clone(v));
    }
    return epoch - this.bestEpoch >= this.patience;
  }

  /** Whether training went on past the best epoch (so `restoreBest` changes the weights). */
  get movedOn(): boolean {
    return this.saved !== undefined && this.lastEpoch > this.bestEpoch;
  }

  /** Puts the weights of the best epoch back into the model (nothing when no score was finite). */
  restoreBest(): void {
    if (this.saved === undefined) return;
    const saved = this.saved;
    this.model.variables().forEach((v, i) => v.assign(saved[i]));
  }

  /**
   * What a checkpoint keeps so a resumed run goes on with the same search: the best score, its epoch
   * and that epoch's weights, flat in `model.variables()` order (undefined before a finite score).
   *
   * @example
   * ```ts
   * const saved = stopping.snapshot(); // write saved.weights beside the checkpoint
   * later.resume(saved!, completedEpochs); // in the resumed run, before the first update
   * ```
   */
  snapshot(): EarlyStoppingSnapshot | undefined {
    if (this.saved === undefined) return undefined;
    // Read back from the backend once per new best, not at every checkpoint.
    if (this.snapshotted?.bestEpoch === this.bestEpoch) return this.snapshotted;
    const weights = new Float32Array(this.saved.reduce((n, t) => n + t.size, 0));
    let at = 0;
    for (const t of this.saved) {
      weights.set(t.dataSync() as Float32Array, at);
      at += t.size;
    }
    this.snapshotted = { best: this.best, bestEpoch: this.bestEpoch, weights };
    return this.snapshotted;
  }

  /** Takes up a `snapshot()` of a run interrupted after `completedEpochs`: its best score, epoch and weights. */
  resume(snapshot: EarlyStoppingSnapshot, completedEpochs: number): void {
    const variables = this.model.variables();
    const size = variables.reduce((n, v) => n + v.size, 0);
    if (snapshot.weights.length !== size) {
      throw new CvaeError('train', `early stopping's saved best weights hold ${snapshot.weights.length} values, this model has ${size}`, { fix: 'resume with the flags the run was started with' });
    }
    tf.dispose(this.saved);
    let at = 0;
    this.saved = variables.map((v) => {
      const t = tf.tensor(snapshot.weights.subarray(at, at + v.size), v.shape, 'float32');
      at += v.size;
      return t;
    });
    this.best = snapshot.best;
    this.bestEpoch = snapshot.bestEpoch;
    this.snapshotted = snapshot;
    this.lastEpoch = completedEpochs;
  }

  /** Whether the last `patience` epochs recorded brought no new best (a resumed run that had stopped trains no more). */
  get stopped(): boolean {
    return this.saved !== undefined && this.lastEpoch - this.bestEpoch >= this.patience;
  }

  /** Frees the copy of the weights. */
  dispose(): void {
    tf.dispose(this.saved);
    this.saved = undefined;
  }
}
