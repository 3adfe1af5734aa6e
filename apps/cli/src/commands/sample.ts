import { withSavedModel, type SavedModelOptions } from '../compose/saved-model.js';
import { writeFileAtomic } from '../output/safe-files.js';
import { encodeCondition, oneHot, parseConditionArgument, repeatRows, sampleBeam, sampleData, sampleMeans, type ConditionAttribute, type Cvae, type DatasetDescriptor, type ModelManifest, type SavedFiles } from '@cvae/core';
import { recordsCsv } from '@cvae/datasets';
import { datasetOfModel, readSavedFiles } from '../compose/dataset-door.js';
import { classGridPng, conditionRowPng } from '../output/class-grid.js';
import { UsageError } from '../usage-error.js';
import { textDecoder, writeLines } from '../output/text-lines.js';

export interface SampleCommandOptions extends SavedModelOptions {
  readonly out: string;
  readonly n: number;
  readonly seed: number;
  /** `name=value[,name=value]`: sample for this condition only (one row). */
  readonly condition?: string;
  /** Records: `COL=VALUE[,COL=VALUE]` of generated columns fixed at sampling time (the dataset completes the rest). */
  readonly given?: string;
  /** Text: softmax temperature of each drawn token (1 = the model's own distribution). */
  readonly temperature?: number;
  /** Text: the likeliest text for each z, by beam search of this width, instead of drawing tokens. */
  readonly beam?: number;
  /** Text: the most likely token at each step instead of drawing. */
  readonly greedy?: boolean;
}

/**
 * `cvae sample`: reloads a trained model and writes its samples the way its dataset presents
 * them (from the model's manifest): a PNG grid with `n` samples per class (one row per class), or
 * `n` records for one condition as CSV, or texts (printed, or written to a `.txt` `--out`). With
 * the training seed it reproduces `samples.png`.
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
    else if (source.present === 'text') await sampleTexts(model, manifest, descriptor, await readSavedFiles(source, options.model), options);
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

/**
 * Text: `--n` texts for `--condition NAME=VALUE`, or `--n` for every class, one per line
 * (`class<TAB>text`), drawn token by token at `--temperature`, or decoded by `--greedy` / `--beam W`.
 */
async function sampleTexts(model: Cvae, manifest: ModelManifest, descriptor: DatasetDescriptor, files: SavedFiles, options: SampleCommandOptions): Promise<void> {
  const attributes = conditionAttributes(manifest, options.model);
  const classes = manifest.dataset?.spec.condition.classNames ?? [];
  const conditions =
    options.condition !== undefined
      ? repeatRows(encodeCondition(attributes, parseConditionArgument(options.condition)), options.n)
      : oneHot(classes.flatMap((_, k) => new Array<number>(options.n).fill(k)), model.config.conditionSize);
  const ids =
    options.beam !== undefined
      ? sampleBeam(model, conditions, options.seed, options.beam)
      : options.greedy
        ? sampleMeans(model, conditions, options.seed)
        : sampleData(model, conditions, options.seed, { temperature: options.temperature ?? 1 });
  const decoder = textDecoder(descriptor, files);
  const rows = decoder.decode(ids, conditions);
  const where = await writeLines(options.out, rows.map((row) => decoder.columns.map((column) => String(row[column])).join('\t')));
  if (where !== 'stdout') process.stdout.write(`[cvae] wrote ${where} (${rows.length} texts)\n`);
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
  if (options.given !== undefined && decoder.synthesize === undefined) throw new UsageError(`dataset "${descriptor.id}" cannot fix generated columns: --given is not supported`);
  const drawn = decoder.synthesize?.(model, conditions, { seed: options.seed, given: options.given });
  const rows = drawn?.records ?? decoder.decode(sampleData(model, conditions, options.seed), conditions);
  await writeFileAtomic(options.out, recordsCsv(rows, decoder.columns));
  for (const line of drawn?.lines ?? []) process.stdout.write(`${line}\n`);
  process.stdout.write(`[cvae] wrote ${options.out} (${options.n} rows for ${options.condition}${options.given ? `, given ${options.given}` : ''})\n`);
}
