import { withSavedModel, type SavedModelOptions } from '../compose/saved-model.js';
import { writeFileAtomic } from '../output/safe-files.js';
import { encodeCondition, parseConditionArgument, repeatRows, sampleData, type ConditionAttribute, type Cvae, type DatasetDescriptor, type ModelManifest, type SavedFiles } from '@cvae/core';
import { recordsCsv } from '@cvae/datasets';
import { datasetOfModel, readSavedFiles } from '../compose/dataset-door.js';
import { classGridPng, conditionRowPng } from '../output/class-grid.js';
import { UsageError } from '../usage-error.js';

export interface SampleCommandOptions extends SavedModelOptions {
  readonly out: string;
  readonly n: number;
  readonly seed: number;
  /** `name=value[,name=value]`: sample for this condition only (one row). */
  readonly condition?: string;
}

/**
 * `cvae sample`: reloads a trained model and writes its samples the way its dataset presents
 * them (from the model's manifest): a PNG grid with `n` samples per class (one row per class), or
 * `n` records for one condition as CSV. With the training seed it reproduces `samples.png`.
 *
 * @example
 * ```ts
 * await sampleCommand({ model: 'runs/x/model', backend: 'auto', out: 'grid.png', n: 10, seed: 0 });
 * ```
 */
export async function sampleCommand(options: SampleCommandOptions): Promise<void> {
  await withSavedModel(options, async (model, manifest) => {
    const { descriptor, source } = await datasetOfModel(manifest, options.model, typeof options.plugin === 'string' ? options.plugin : undefined);
    if (source.present === 'records') await sampleRecordsCsv(model, manifest, descriptor, await readSavedFiles(source, options.model), options);
    else if (source.present === 'image-grid') await sampleImages(model, manifest, options);
    else throw new UsageError(`this model's samples are presented as ${source.present}, which cvae sample cannot write yet`);
  });
}

/** The condition attributes of a model's dataset (a one-hot label is one categorical attribute). */
function conditionAttributes(manifest: ModelManifest, modelDir: string): readonly ConditionAttribute[] {
  const spec = manifest.dataset?.spec.condition;
  if (spec === undefined) throw new UsageError(`${modelDir}/model.json has no dataset spec, so --condition cannot be encoded`);
  return spec.attributes ?? [{ name: spec.names[0] ?? 'class', kind: 'categorical', classes: spec.classNames }];
}

async function sampleImages(model: Cvae, manifest: ModelManifest, options: SampleCommandOptions): Promise<void> {
  const shape = manifest.dataset?.spec.input.shape ?? [Math.sqrt(model.config.inputSize), Math.sqrt(model.config.inputSize)];
  if (options.condition !== undefined) {
    const c = encodeCondition(conditionAttributes(manifest, options.model), parseConditionArgument(options.condition));
    await writeFileAtomic(options.out, conditionRowPng(model, shape, c, options.n, options.seed));
    process.stdout.write(`[cvae] wrote ${options.out} (${options.n} samples for ${options.condition})\n`);
  } else {
    await writeFileAtomic(options.out, classGridPng(model, shape, options.n, options.seed));
    process.stdout.write(`[cvae] wrote ${options.out} (${model.config.conditionSize} rows x ${options.n} samples)\n`);
  }
}

/** Records: `--condition COL=VALUE[,COL=VALUE]`, `--n` rows drawn from p(x|z,c), written as CSV to `--out`. */
async function sampleRecordsCsv(model: Cvae, manifest: ModelManifest, descriptor: DatasetDescriptor, files: SavedFiles, options: SampleCommandOptions): Promise<void> {
  const attributes = conditionAttributes(manifest, options.model);
  if (options.condition === undefined) {
    throw new UsageError(`this model needs --condition COL=VALUE[,COL=VALUE] (its condition columns: ${attributes.map((a) => a.name).join(', ')})`);
  }
  if (!options.out.toLowerCase().endsWith('.csv')) throw new UsageError(`this model writes records as CSV: give --out FILE.csv (found "${options.out}")`);
  if (descriptor.restore === undefined) throw new UsageError(`dataset "${descriptor.id}" presents records but its descriptor has no restore()`);
  const decoder = descriptor.restore(files);
  const conditions = repeatRows(encodeCondition(attributes, parseConditionArgument(options.condition)), options.n);
  const rows = decoder.decode(sampleData(model, conditions, options.seed), conditions);
  await writeFileAtomic(options.out, recordsCsv(rows, decoder.columns));
  process.stdout.write(`[cvae] wrote ${options.out} (${options.n} rows for ${options.condition})\n`);
}
