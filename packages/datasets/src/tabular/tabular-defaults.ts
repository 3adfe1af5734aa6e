/**
 * The training flags `--dataset tabular` takes when the user did not set them: the best
 * configuration measured on vega-datasets' penguins and cars (mode-specific normalisation, a
 * learned p(z|c), 16 latents, 256-256), where the image defaults (512-512, z32, 10 epochs)
 * underfit small tables; `auto` keeps the modes where a column's mixture fits it and takes the
 * quantile transform where it does not (birdstrikes' costs: docs/tabular.md).
 */
export const TABULAR_DEFAULTS = { continuous: 'auto', prior: 'learned', latent: 16, hidden: [256, 256] } as const;

/** Optimiser steps a tabular run takes when `--epochs` is not given (penguins: 600 epochs of 3 steps). */
export const TABULAR_STEPS = 1800;

/**
 * Epochs for about {@link TABULAR_STEPS} steps over `trainRows` rows (at least one epoch).
 *
 * @example
 * ```ts
 * tabularEpochs(267, 128); // 600
 * tabularEpochs(800_000, 128); // 1
 * ```
 */
export function tabularEpochs(trainRows: number, batchSize: number): number {
  return Math.max(1, Math.round(TABULAR_STEPS / Math.ceil(trainRows / batchSize)));
}
