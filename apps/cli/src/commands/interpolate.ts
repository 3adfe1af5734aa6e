import { decodeMeans, encodeMeans, linearPath, oneHot, repeatRows, transferLatent } from '@cvae/core';
import { writeFileAtomic } from '../output/safe-files.js';
import { withSavedModel, type SavedModelOptions } from '../compose/saved-model.js';
import { firstTestExamples, reopenDataset } from '../compose/dataset-door.js';
import { imageRowsPng, tileShape } from '../output/image-rows.js';
import { UsageError } from '../usage-error.js';
import { textDecoder, writeLines } from '../output/text-lines.js';

export interface InterpolateCommandOptions extends SavedModelOptions {
  readonly out: string;
  readonly steps: number;
  /** Test examples to walk between (0-based indices in the test split). */
  readonly from: number;
  readonly to: number;
}

/** Two rows side by side (the walk's two ends). */
const ends = (a: Float32Array, b: Float32Array) => new Float32Array([...a, ...b]);

/**
 * `cvae interpolate`, three strips in one PNG: (1) a straight walk in latent space between the
 * posterior means of two test examples, each step decoded under a condition moving between
 * theirs; (2) the first example's z held fixed while the condition moves from its class to the
 * second's; (3) that z decoded under every class: same style, other label. Text models: the
 * greedy decodings of the walk (Bowman et al. 2016's homotopy) and of (3), as lines.
 *
 * @example
 * ```ts
 * await interpolateCommand({ model: 'runs/x/model', backend: 'auto', out: 'walk.png', steps: 10, from: 0, to: 1 });
 * ```
 */
export async function interpolateCommand(options: InterpolateCommandOptions): Promise<void> {
  await withSavedModel(options, async (model, manifest) => {
    const { source, dataset, descriptor, files } = await reopenDataset(manifest, options.model, options);
    if (source.present === 'records') throw new UsageError(`cvae interpolate shows images or texts; this model's samples are ${source.present}`);
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
    if (source.present === 'text') {
      // Bowman et al. 2016's homotopy: greedy decodings of the straight line between the two codes.
      const decoder = textDecoder(descriptor, files);
      const text = (ids: Float32Array, conditions: Float32Array) => decoder.decode(ids, conditions).map((row) => `${String(row[decoder.columns[0]])}\t${String(row.text)}`);
      const lines = [
        `# from test example ${options.from} to ${options.to}, ${steps} steps (latent walk, condition moving along)`,
        ...text(ends(xa, xb), new Float32Array([...ca, ...cb])).map((line, i) => `${i === 0 ? 'from' : 'to'}\t${line}`),
        ...text(walk, linearPath(ca, cb, steps)).map((line, i) => `${i}\t${line}`),
        `# test example ${options.from}'s code under each class`,
        ...text(everyClass, every),
      ];
      const where = await writeLines(options.out, lines);
      if (where !== 'stdout') process.stdout.write(`[cvae] wrote ${where}\n`);
      return;
    }
    const shape = tileShape(manifest.dataset?.spec.input.shape, inputSize);
    await writeFileAtomic(options.out, imageRowsPng([ends(xa, xb), walk, morph, everyClass], inputSize, shape));
    process.stdout.write(
      `[cvae] wrote ${options.out}: the two test examples; a latent walk (${steps} steps, ${latentSize}-D); the first one's style under a condition moving to the second's; that style under each of the ${conditionSize} classes\n`,
    );
  });
}
