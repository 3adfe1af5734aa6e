import { TOKENS, type DatasetAdapter, type DatasetDescriptor } from '@cvae/core';
import { Container, type ContainerModule } from 'inversify';
import { DatasetError } from './dataset-error.js';
import { fashionMnistDescriptor, mnistDescriptor } from './image-descriptors.js';
import { tabularDescriptor } from './tabular/tabular-descriptor.js';
import { namesDescriptor, spamAssassinDescriptor, textDescriptor } from './text/text-descriptor.js';

/** The built-in datasets, each through its descriptor: the one door apps use. */
export const DATASET_DESCRIPTORS: readonly DatasetDescriptor[] = [mnistDescriptor, fashionMnistDescriptor, tabularDescriptor, textDescriptor, namesDescriptor, spamAssassinDescriptor];

/** Ids of the built-in datasets, e.g. for a `--dataset` flag. */
export const DATASET_NAMES = DATASET_DESCRIPTORS.map((d) => d.id);

export type { DatasetModuleOptions } from './image-descriptors.js';

/** Whether `name` is the id of a built-in dataset. */
export function isDatasetName(name: string): boolean {
  return DATASET_NAMES.includes(name);
}

/**
 * The descriptor of the built-in dataset called `id`.
 *
 * @throws DatasetError listing the valid ids when `id` is unknown
 *
 * @example
 * ```ts
 * const mnist = datasetDescriptor('mnist'); // mnist.present === 'image-grid'
 * datasetDescriptor('cifar'); // throws: [cvae] [datasets] unknown dataset "cifar"; valid datasets: mnist, fashion-mnist, tabular
 * ```
 */
export function datasetDescriptor(id: string): DatasetDescriptor {
  const descriptor = DATASET_DESCRIPTORS.find((d) => d.id === id);
  if (descriptor === undefined) throw new DatasetError(undefined, `unknown dataset "${id}"; valid datasets: ${DATASET_NAMES.join(', ')}`);
  return descriptor;
}

/**
 * The inversify module of the dataset called `name`, so an app can map a flag to a binding.
 *
 * @example
 * ```ts
 * container.load(datasetModule('mnist', { dataDir: flags.dataDir }));
 * ```
 */
export function datasetModule(name: string, options: Readonly<Record<string, unknown>> = {}): ContainerModule {
  return datasetDescriptor(name).module(options);
}

/**
 * The adapter of the dataset called `name`, for code that does not use a DI container.
 *
 * @example
 * ```ts
 * const dataset = createDataset('mnist', { trainSize: 1000 });
 * await dataset.load();
 * ```
 */
export function createDataset(name: string, options: Readonly<Record<string, unknown>> = {}): DatasetAdapter {
  const container = new Container();
  container.load(datasetModule(name, options));
  return container.get(TOKENS.Dataset);
}
