import { CvaeError } from '../errors/cvae-error.js';

/** What the trainer read at the step that diverged, and the settings that led there. */
export interface DivergenceFigures {
  readonly loss: number;
  /** Global L2 norm of the step's gradients (before clipping). */
  readonly gradientNorm: number;
  readonly learningRate: number;
  readonly clipNorm?: number;
}

/**
 * The loss or the gradients became NaN or infinite: the step was not applied (the weights are
 * those after the previous step), and training stops. The message names the step, the figures
 * and the fix: a lower learning rate, gradient clipping, or a look at the data.
 *
 * @example
 * ```ts
 * // [cvae] [train] training diverged at epoch 1, step 4: loss NaN, gradient norm Infinity (learning rate 1, no clipping); ...
 * ```
 */
export class TrainingDivergedError extends CvaeError {
  constructor(
    readonly epoch: number,
    readonly step: number,
    readonly figures: DivergenceFigures,
  ) {
    const { loss, gradientNorm, learningRate, clipNorm } = figures;
    super(
      'train',
      `training diverged at epoch ${epoch}, step ${step}: loss ${loss}, gradient norm ${gradientNorm} (learning rate ${learningRate}, ${clipNorm === undefined ? 'no clipping' : `clip norm ${clipNorm}`}); this step was not applied`,
      { fix: `lower the learning rate (e.g. ${Number((learningRate / 10).toPrecision(2))}) or clip the gradients (clip norm e.g. 5), and check the data for NaN/Infinity values` },
    );
    this.name = 'TrainingDivergedError';
  }
}
