import type { DatasetAdapter } from '@cvae/core';
import type { ContainerModule } from 'inversify';
import { DatasetError } from './dataset-error.js';
import { FashionMnistAdapter, type FashionMnistAdapterOptions } from './fashion-mnist/fashion-mnist-adapter.js';
import { fashionMnistModule } from './fashion-mnist/fashion-mnist-module.js';
import { MnistAdapter, type MnistAdapterOptions } from './mnist/mnist-adapter.js';
import { mnistModule } from './mnist/mnist-module.js';

/** Names accepted by {@link datasetModule}, e.g. from a `--dataset` flag. */
export const DATASET_NAMES = ['mnist', 'fashion-mnist'] as const;

/** One of {@link DATASET_NAMES}. */
export type DatasetName = (typeof DATASET_NAMES)[number];

/**
 * Options of the built-in datasets: all understand the data directory, checksums and subset
 * sizes; the download options (`cacheDir`, `download`, `onProgress`, ...) only matter to
 * datasets that download (Fashion-MNIST) and are ignored by the others.
 */
export type DatasetModuleOptions = MnistAdapterOptions & FashionMnistAdapterOptions;

interface DatasetEntry {
  readonly module: (options: DatasetModuleOptions) => ContainerModule;
  readonly create: (options: DatasetModuleOptions) => DatasetAdapter;
}

const DATASETS: Record<DatasetName, DatasetEntry> = {
  mnist: { module: mnistModule, create: (options) => new MnistAdapter(options) },
  'fashion-mnist': { module: fashionMnistModule, create: (options) => new FashionMnistAdapter(options) },
};

function entry(name: string): DatasetEntry {
  if (!isDatasetName(name)) {
    throw new DatasetError(undefined, `unknown dataset "${name}"; valid datasets: ${DATASET_NAMES.join(', ')}`);
  }
  return DATASETS[name];
}

/** Whether `name` is one of {@link DATASET_NAMES}. */
export function isDatasetName(name: string): name is DatasetName {
  return (DATASET_NAMES as readonly string[]).includes(name);
}

/**
 * The inversify module of the dataset called `name`, so an app can map a CLI flag to a binding.
 *
 * @throws DatasetError listing the valid names when `name` is unknown
 *
 * @example
 * ```ts
 * container.load(datasetModule(flags.dataset, { dataDir: flags.dataDir }));
 * datasetModule('cifar'); // throws: [cvae] unknown dataset "cifar"; valid datasets: mnist, fashion-mnist
 * ```
 */
export function datasetModule(name: string, options: DatasetModuleOptions = {}): ContainerModule {
  return entry(name).module(options);
}

/**
 * The adapter of the dataset called `name`, for code that does not use a DI container.
 *
 * @throws DatasetError listing the valid names when `name` is unknown
 *
 * @example
 * ```ts
 * const dataset = createDataset('mnist', { trainSize: 1000 });
 * await dataset.load();
 * ```
 */
export function createDataset(name: string, options: DatasetModuleOptions = {}): DatasetAdapter {
  return entry(name).create(options);
}
