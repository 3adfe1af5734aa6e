/**
 * The training flags `--dataset tabular` takes when the user did not set them: the best
 * configuration measured on vega-datasets' penguins and cars (mode-specific normalisation, a
 * learned p(z|c), 16 latents, 256-256), where the image defaults (512-512, z32, 10 epochs)
 * underfit small tables; `auto` keeps the modes where a column's mixture fits it and takes the
 * quantile transform where it does not (birdstrikes' costs: docs/tabular.md). The learned prior is
 * a mixture of 16 Gaussians per condition: one Gaussian leaves holes between the clusters the
 * encoder uses, and rows drawn there blur classes and links (pair-trend progress higher on 11 of
 * 12 runs over four tables, docs/tabular.md).
 */
export const TABULAR_DEFAULTS = { continuous: 'auto', prior: 'learned', priorComponents: 16, latent: 16, hidden: [256, 256] } as const;

/** Fewest optimiser steps a tabular run takes when `--epochs` is not given (penguins: 600 epochs of 3 steps). */
export const TABULAR_STEPS = 1800;

/**
 * Steps per slot of the encoded row x when that asks for more than {@link TABULAR_STEPS}: a wide x
 * (many category levels) has more links to learn and each level is seen in fewer rows. Measured on
 * vega-datasets: 1,800 steps gave penguins (19 slots) and cars (35) 87-101% of the way from
 * independent draws to resampled rows, but birdstrikes (214 slots, labels of up to 51 levels) 11-34%;
 * with the 16-component prior, 50 steps a slot (10,700) took birdstrikes to 60-73% (five draws each, seeds 0-2)
 * and movies (68 slots, 162 epochs instead of 86) kept its 78% (docs/tabular.md).
 */
export const TABULAR_STEPS_PER_SLOT = 50;

/**
 * Epochs for about max({@link TABULAR_STEPS}, {@link TABULAR_STEPS_PER_SLOT} × `inputSize`) steps
 * over `trainRows` rows (at least one epoch).
 *
 * @example
 * ```ts
 * tabularEpochs(267, 128, 19); // 600: penguins, 1,800 steps of 3 an epoch
 * tabularEpochs(8000, 128, 214); // 170: birdstrikes, 10,700 steps of 63 an epoch
 * tabularEpochs(800_000, 128, 20); // 1
 * ```
 */
export function tabularEpochs(trainRows: number, batchSize: number, inputSize = 0): number {
  const steps = Math.max(TABULAR_STEPS, TABULAR_STEPS_PER_SLOT * inputSize);
  return Math.max(1, Math.round(steps / Math.ceil(trainRows / batchSize)));
}
