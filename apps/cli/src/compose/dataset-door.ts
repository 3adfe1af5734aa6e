import { CvaeError, type DatasetDescriptor, type DatasetPluginOptions, type DatasetSource, type ModelManifest, type SavedFiles } from '@cvae/core';
import { DATASET_NAMES, datasetDescriptor, isDatasetName } from '@cvae/datasets';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { loadDatasetDescriptor, resolvePluginUrl } from './dataset-plugin.js';
import { UsageError } from '../usage-error.js';
import { fileURLToPath } from 'node:url';

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
 * @example
 * ```ts
 * const { descriptor, source } = await datasetOfModel(manifest, 'runs/x/model');
 * ```
 */
export async function datasetOfModel(manifest: ModelManifest, modelDir: string): Promise<ChosenDataset & { source: DatasetSource }> {
  const dataset = manifest.dataset;
  if (dataset === undefined) throw new UsageError(`${modelDir}/model.json names no dataset`, { fix: 'use a model written by `cvae train`' });
  const id = dataset.id.replace(/-unconditioned$/, '');
  const source: DatasetSource = dataset.source ?? {
    descriptor: id,
    present: isDatasetName(id) ? datasetDescriptor(id).present : 'image-grid',
    options: {},
    unconditioned: id !== dataset.id,
  };
  const chosen = await chooseDataset(source.descriptor, source.plugin);
  return { ...chosen, source };
}

/**
 * Reads the files a dataset saved beside a model (names from the manifest; plain names only, so
 * a manifest can never point outside the model folder).
 */
export async function readSavedFiles(source: DatasetSource, modelDir: string): Promise<SavedFiles> {
  const files: Record<string, string> = {};
  for (const name of source.files ?? []) {
    if (name !== basename(name) || name.startsWith('.')) throw new CvaeError('model', `${modelDir}/model.json lists a saved file "${name}" that is not a plain file name`);
    files[name] = await readFile(join(modelDir, name), 'utf8').catch(() => {
      throw new CvaeError('model', `${join(modelDir, name)} is missing`, { fix: 'copy the whole model/ folder' });
    });
  }
  return files;
}
