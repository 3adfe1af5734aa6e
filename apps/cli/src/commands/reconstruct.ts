import { reconstructMeans } from '@cvae/core';
import { writeFileAtomic } from '../output/safe-files.js';
import { recordsCsv } from '@cvae/datasets';
import { withSavedModel, type SavedModelOptions } from '../compose/saved-model.js';
import { firstTestExamples, reopenDataset } from '../compose/dataset-door.js';
import { imageRowsPng, tileShape } from '../output/image-rows.js';
import { UsageError } from '../usage-error.js';
import { textDecoder, writeLines } from '../output/text-lines.js';

export interface ReconstructCommandOptions extends SavedModelOptions {
  readonly out: string;
  readonly n: number;
}

/**
 * `cvae reconstruct`: the first `n` test examples beside what the model makes of them (x encoded
 * to its posterior mean under its own condition, decoded back). Images: a PNG, originals on top;
 * records: a CSV with a `row` and a `version` (original / reconstruction) column; text: lines
 * `class<TAB>original<TAB>-><TAB>greedy decoding` (printed, or written to a `.txt` `--out`).
 *
 * @example
 * ```ts
 * await reconstructCommand({ model: 'runs/x/model', backend: 'auto', out: 'recon.png', n: 10 });
 * ```
 */
export async function reconstructCommand(options: ReconstructCommandOptions): Promise<void> {
  await withSavedModel(options, async (model, manifest) => {
    const { source, descriptor, dataset, files } = await reopenDataset(manifest, options.model, options);
    const { x, c, size } = await firstTestExamples(dataset, options.n);
    const recon = reconstructMeans(model, x, c);
    if (source.present === 'text') {
      const decoder = textDecoder(descriptor, files);
      const [original, decoded] = [decoder.decode(x, c), decoder.decode(recon, c)];
      const where = await writeLines(options.out, original.map((row, i) => `${decoder.columns.map((k) => String(row[k])).join('\t')}\t->\t${String(decoded[i].text)}`));
      if (where === 'stdout') return;
    } else if (source.present === 'records') {
      if (!options.out.toLowerCase().endsWith('.csv')) throw new UsageError(`this model's examples are records: give --out FILE.csv (found "${options.out}")`);
      const decoder = descriptor.restore?.(files);
      if (decoder === undefined) throw new UsageError(`dataset "${descriptor.id}" presents records but has no restore()`);
      const [original, decoded] = [decoder.decode(x, c), decoder.decode(recon, c)];
      const rows = original.flatMap((row, i) => [
        { row: i + 1, version: 'original', ...row },
        { row: i + 1, version: 'reconstruction', ...decoded[i] },
      ]);
      await writeFileAtomic(options.out, recordsCsv(rows, ['row', 'version', ...decoder.columns]));
    } else {
      const shape = tileShape(manifest.dataset?.spec.input.shape, model.config.inputSize);
      await writeFileAtomic(options.out, imageRowsPng([x, recon], model.config.inputSize, shape));
    }
    process.stdout.write(`[cvae] wrote ${options.out} (${size} test examples and their reconstructions)\n`);
  });
}
