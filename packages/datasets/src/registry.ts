import type { DatasetAdapter } from '@cvae/core';
import type { ContainerModule } from 'inversify';
import { DatasetError } from './dataset-error.js';
import { MnistAdapter, type MnistAdapterOptions } from './mnist/mnist-adapter.js';
import { mnistModule } from './mnist/mnist-module.js';

/** Names accepted by {@link datasetModule}, e.g. from a `--dataset` flag. */
export const DATASET_NAMES = ['mnist'] as const;

/** One of {@link DATASET_NAMES}. */
export type DatasetName = (typeof DATASET_NAMES)[number];

/** Options every built-in dataset understands (data directory, checksums, subset sizes). */
export type DatasetModuleOptions = MnistAdapterOptions;

interface DatasetEntry {
  readonly module: (options: DatasetModuleOptions) => ContainerModule;
  readonly create: (options: DatasetModuleOptions) => DatasetAdapter;
}

const DATASETS: Record<DatasetName, DatasetEntry> = {
  mnist: { module: mnistModule, create: (options) => new MnistAdapter(options) },
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
 * datasetModule('cifar'); // throws: [cvae] unknown dataset "cifar"; valid datasets: mnist
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
