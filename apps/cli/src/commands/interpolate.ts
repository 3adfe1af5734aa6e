import { decodeMeans, encodeMeans, linearPath, oneHot, repeatRows, transferLatent } from '@cvae/core';
import { writeFileAtomic } from '../output/safe-files.js';
import { withSavedModel, type SavedModelOptions } from '../compose/saved-model.js';
import { firstTestExamples, reopenDataset } from '../compose/dataset-door.js';
import { imageRowsPng, tileShape } from '../output/image-rows.js';
import { UsageError } from '../usage-error.js';

export interface InterpolateCommandOptions extends SavedModelOptions {
  readonly out: string;
  readonly steps: number;
  /** Test examples to walk between (0-based indices in the test split). */
  readonly from: number;
  readonly to: number;
}

/**
 * `cvae interpolate`, three strips in one PNG: (1) a straight walk in latent space between the
 * posterior means of two test examples, each step decoded under a condition moving between
 * theirs; (2) the first example's z held fixed while the condition moves from its class to the
 * second's; (3) that z decoded under every class: same style, other label.
 *
 * @example
 * ```ts
 * await interpolateCommand({ model: 'runs/x/model', backend: 'auto', out: 'walk.png', steps: 10, from: 0, to: 1 });
 * ```
 */
export async function interpolateCommand(options: InterpolateCommandOptions): Promise<void> {
  await withSavedModel(options, async (model, manifest) => {
    const { source, dataset } = await reopenDataset(manifest, options.model, options);
    if (source.present !== 'image-grid') throw new UsageError(`cvae interpolate draws images; this model's samples are ${source.present}`);
    const { x, c, size } = await firstTestExamples(dataset, Math.max(options.from, options.to) + 1);
    if (Math.max(options.from, options.to) >= size) throw new UsageError(`--from/--to must be below ${size}, the test split's size`);
    const { inputSize, conditionSize, latentSize } = model.config;
    const pick = (values: Float32Array, width: number, i: number) => values.slice(i * width, (i + 1) * width);
    const [xa, xb, ca, cb] = [pick(x, inputSize, options.from), pick(x, inputSize, options.to), pick(c, conditionSize, options.from), pick(c, conditionSize, options.to)];
    const za = encodeMeans(model, xa, ca);
    const zb = encodeMeans(model, xb, cb);
    const steps = options.steps;
    const walk = decodeMeans(model, linearPath(za, zb, steps), linearPath(ca, cb, steps));
    // The style is z's standardised place under its class's prior (z itself under N(0, I)), so moving the
    // condition moves z with it (transferLatent): otherwise a learned prior keeps decoding the first class.
    const path = linearPath(ca, cb, steps);
    const morph = decodeMeans(model, transferLatent(model, repeatRows(za, steps), repeatRows(ca, steps), path), path);
    const every = oneHot(Array.from({ length: conditionSize }, (_, i) => i), conditionSize);
    const everyClass = decodeMeans(model, transferLatent(model, repeatRows(za, conditionSize), repeatRows(ca, conditionSize), every), every);
    const ends = new Float32Array([...xa, ...xb]);
    const shape = tileShape(manifest.dataset?.spec.input.shape, inputSize);
    await writeFileAtomic(options.out, imageRowsPng([ends, walk, morph, everyClass], inputSize, shape));
    process.stdout.write(
      `[cvae] wrote ${options.out}: the two test examples; a latent walk (${steps} steps, ${latentSize}-D); the first one's style under a condition moving to the second's; that style under each of the ${conditionSize} classes\n`,
    );
  });
}
