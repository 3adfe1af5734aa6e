import { completeMissing, seededRandom } from '@cvae/core';
import { writeFileAtomic } from '../output/safe-files.js';
import { withSavedModel, type SavedModelOptions } from '../compose/saved-model.js';
import { firstTestExamples, reopenDataset } from '../compose/dataset-door.js';
import { imageRowsPng, tileShape } from '../output/image-rows.js';
import { UsageError } from '../usage-error.js';

/** Which part of each image is hidden. */
export const MASKS = ['top', 'bottom', 'left', 'right', 'random'] as const;
export type MaskName = (typeof MASKS)[number];

export interface InpaintCommandOptions extends SavedModelOptions {
  readonly out: string;
  readonly mask: MaskName;
  /** Share of pixels hidden by the random mask. */
  readonly fraction: number;
  readonly n: number;
  readonly draws: number;
  readonly iterations: number;
  readonly seed: number;
}

/**
 * 1 for the pixels a mask keeps, 0 for hidden ones, one image of `height` x `width`.
 *
 * @example
 * ```ts
 * observedMask('bottom', 28, 28, 0.5, 0); // top half 1, bottom half 0
 * ```
 */
export function observedMask(mask: MaskName, height: number, width: number, fraction: number, seed: number): Float32Array {
  const random = seededRandom(`mask:${seed}`);
  const keep = new Float32Array(height * width);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const hidden = { top: y < height / 2, bottom: y >= height / 2, left: x < width / 2, right: x >= width / 2, random: random() < fraction }[mask];
      keep[y * width + x] = hidden ? 0 : 1;
    }
  }
  if (keep.every((v) => v === 0)) throw new UsageError(`the ${mask} mask hides every pixel: nothing is left to condition on`, { fix: 'use --fraction below 1' });
  if (keep.every((v) => v === 1)) throw new UsageError(`the ${mask} mask hides nothing`, { fix: 'use --fraction above 0' });
  return keep;
}

/**
 * `cvae inpaint`: hides part of test images (`--mask`) and completes it from p(x_miss | x_obs, c)
 * by Metropolis-within-Gibbs (core's `completeMissing`), several independent draws per image. The
 * PNG has one row per image: the masked input (hidden pixels grey), the completions, the original.
 *
 * @example
 * ```ts
 * await inpaintCommand({ model: 'runs/x/model', backend: 'auto', out: 'inpaint.png', mask: 'bottom', fraction: 0.5, n: 8, draws: 3, iterations: 200, seed: 0 });
 * ```
 */
export async function inpaintCommand(options: InpaintCommandOptions): Promise<void> {
  if (!(options.fraction > 0 && options.fraction < 1)) throw new UsageError(`--fraction must be between 0 and 1 (exclusive), found ${options.fraction}`);
  await withSavedModel(options, async (model, manifest) => {
    const { source, dataset } = await reopenDataset(manifest, options.model, options);
    if (source.present !== 'image-grid') throw new UsageError(`cvae inpaint completes images; this model's examples are ${source.present} (cvae impute is for tables)`);
    const { inputSize } = model.config;
    const [height, width] = tileShape(manifest.dataset?.spec.input.shape, inputSize);
    const keep = observedMask(options.mask, height, width, options.fraction, options.seed);
    const { x, c, size } = await firstTestExamples(dataset, options.n);
    const observed = new Float32Array(x.length).map((_, i) => keep[i % inputSize]);
    const completions = Array.from({ length: options.draws }, (_, d) =>
      completeMissing(model, x, observed, c, { iterations: options.iterations, seed: options.seed * 1000 + d }),
    );
    const rows = Array.from({ length: size }, (_, r) => {
      const slice = (values: Float32Array) => values.subarray(r * inputSize, (r + 1) * inputSize);
      const masked = slice(x).map((v, i) => (keep[i] === 1 ? v : 0.5));
      return new Float32Array([...masked, ...completions.flatMap((done) => Array.from(slice(done.means))), ...slice(x)]);
    });
    await writeFileAtomic(options.out, imageRowsPng(rows, inputSize, [height, width]));
    const acceptance = completions.reduce((s, done) => s + done.acceptance, 0) / completions.length;
    process.stdout.write(
      `[cvae] wrote ${options.out}: ${size} test images with the ${options.mask} part hidden, ${options.draws} completions each (Metropolis-within-Gibbs, ${options.iterations} sweeps, acceptance ${(acceptance * 100).toFixed(0)}%), and the originals\n`,
    );
  });
}
