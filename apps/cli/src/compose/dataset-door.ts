import { CvaeError, TOKENS, unconditioned, type Batch, type DatasetAdapter, type DatasetDescriptor, type DatasetPluginOptions, type DatasetSource, type ModelManifest, type SavedFiles } from '@cvae/core';
import { DATASET_NAMES, datasetDescriptor, isDatasetName } from '@cvae/datasets';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { boundedSize, plainFileName } from '../output/safe-files.js';
import { MAX_MANIFEST_BYTES } from '../output/model-dir.js';
import { loadDatasetDescriptor, resolvePluginUrl } from './dataset-plugin.js';
import { UsageError } from '../usage-error.js';
import { fileURLToPath } from 'node:url';
import { Container } from 'inversify';

/** A dataset's descriptor and, for a plugin, the specifier it was loaded from (kept in the manifest). */
export interface ChosenDataset {
  readonly descriptor: DatasetDescriptor;
  readonly plugin?: string;
}

/**
 * The descriptor behind `--dataset ID [--plugin MODULE]`: a built-in one, or the plugin's. Every
 * command reaches a dataset through this door only.
 *
 * @example
 * ```ts
 * const { descriptor } = await chooseDataset('mnist');
 * container.load(descriptor.module({ dataDir }));
 * ```
 */
export async function chooseDataset(id: string, plugin?: string, pluginOptions: DatasetPluginOptions = {}): Promise<ChosenDataset> {
  if (plugin === undefined) {
    if (!isDatasetName(id)) throw new UsageError(`unknown dataset "${id}"; valid datasets: ${DATASET_NAMES.join(', ')} (or --plugin MODULE)`);
    return { descriptor: datasetDescriptor(id) };
  }
  // A path is stored absolute, so the model can be evaluated from another working directory.
  const url = resolvePluginUrl(plugin, process.cwd());
  const stored = url.startsWith('file:') && !plugin.startsWith('file:') && (plugin.startsWith('.') || plugin.includes('/')) ? fileURLToPath(url) : plugin;
  const descriptor = await loadDatasetDescriptor(stored, id, pluginOptions);
  return { descriptor, plugin: stored };
}

/**
 * The dataset a saved model was trained on, from its manifest's `dataset.source` (models written
 * before sources were recorded: the built-in dataset of the same id).
 *
 * A model folder is data: the plugin path in its manifest is never imported. A plugin model needs
 * `plugin`, the module the user names (`--plugin`), whose dataset id must be the stored one.
 *
 * @example
 * ```ts
 * const { descriptor, source } = await datasetOfModel(manifest, 'runs/x/model');
 * const shapes = await datasetOfModel(manifest, 'runs/shapes/model', './plugin/dist/index.js');
 * ```
 */
export async function datasetOfModel(manifest: ModelManifest, modelDir: string, plugin?: string): Promise<ChosenDataset & { source: DatasetSource }> {
  const dataset = manifest.dataset;
  if (dataset === undefined) throw new UsageError(`${modelDir}/model.json names no dataset`, { fix: 'use a model written by `cvae train`' });
  const id = dataset.id.replace(/-unconditioned$/, '');
  const source: DatasetSource = dataset.source ?? {
    descriptor: id,
    present: isDatasetName(id) ? datasetDescriptor(id).present : 'image-grid',
    options: {},
    unconditioned: id !== dataset.id,
  };
  if (source.plugin !== undefined && plugin === undefined) {
    throw new UsageError(`${modelDir}/model.json was trained on the dataset "${source.descriptor}" of the plugin "${source.plugin}"; cvae never runs code named by a model folder`, {
      fix: `name the plugin yourself: add --plugin ${/^[\w./@-]+$/.test(source.plugin) ? source.plugin : 'MODULE'}`,
    });
  }
  const chosen = await chooseDataset(source.descriptor, source.plugin === undefined ? undefined : plugin);
  return { ...chosen, source };
}

/**
 * Reads the files a dataset saved beside a model (names from the manifest; plain names only, so
 * a manifest can never point outside the model folder).
 */
export async function readSavedFiles(source: DatasetSource, modelDir: string): Promise<SavedFiles> {
  const files = Object.create(null) as Record<string, string>;
  for (const name of source.files ?? []) {
    plainFileName(String(name), `${modelDir}/model.json (dataset.source.files)`);
    await boundedSize(join(modelDir, name), MAX_MANIFEST_BYTES, 'a saved dataset file');
    files[name] = await readFile(join(modelDir, name), 'utf8').catch(() => {
      throw new CvaeError('model', `${join(modelDir, name)} is missing`, { fix: 'copy the whole model/ folder' });
    });
  }
  return files;
}

/**
 * The dataset a saved model was trained on, rebuilt and loaded: built-in, tabular or plugin, from
 * the manifest's source, with `overrides` (e.g. `{ csv }` when the file moved) replacing the
 * stored flags. Checks it still encodes data as the model expects (`descriptor.verify`).
 *
 * @example
 * ```ts
 * const { dataset } = await reopenDataset(manifest, 'runs/x/model', { testSize: 500 });
 * ```
 */
export async function reopenDataset(
  manifest: ModelManifest,
  modelDir: string,
  overrides: Readonly<Record<string, unknown>> = {},
): Promise<ChosenDataset & { source: DatasetSource; dataset: DatasetAdapter; files: SavedFiles }> {
  const chosen = await datasetOfModel(manifest, modelDir, typeof overrides.plugin === 'string' ? overrides.plugin : undefined);
  const names = ['dataDir', 'testSize', ...(chosen.descriptor.flags?.map((f) => f.name) ?? [])];
  const given = Object.fromEntries(names.map((k) => [k, overrides[k]]).filter(([, v]) => v !== undefined));
  const container = new Container();
  container.load(chosen.descriptor.module({ ...chosen.source.options, ...given }));
  const rebuilt = container.get(TOKENS.Dataset);
  const dataset = chosen.source.unconditioned ? unconditioned(rebuilt) : rebuilt;
  await dataset.load();
  const files = await readSavedFiles(chosen.source, modelDir);
  chosen.descriptor.verify?.(rebuilt, files);
  return { ...chosen, dataset, files };
}

/** The first `count` test examples (fewer when the split is smaller), copied out of the adapter's buffers. */
export async function firstTestExamples(dataset: DatasetAdapter, count: number): Promise<Batch> {
  for await (const batch of dataset.batches('test', count, { shuffle: false })) {
    return { x: batch.x.slice(), c: batch.c.slice(), size: batch.size };
  }
  throw new CvaeError('data', `the test split of ${dataset.id} is empty`);
}
