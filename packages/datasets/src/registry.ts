import type { ContainerModule } from 'inversify';
import { DatasetError } from './dataset-error.js';
import type { MnistAdapterOptions } from './mnist/mnist-adapter.js';
import { mnistModule } from './mnist/mnist-module.js';

/** Names accepted by {@link datasetModule}, e.g. from a `--dataset` flag. */
export const DATASET_NAMES = ['mnist'] as const;

/** One of {@link DATASET_NAMES}. */
export type DatasetName = (typeof DATASET_NAMES)[number];

/** Options every built-in dataset understands (data directory, checksums, subset sizes). */
export type DatasetModuleOptions = MnistAdapterOptions;

const MODULES: Record<DatasetName, (options: DatasetModuleOptions) => ContainerModule> = {
  mnist: mnistModule,
};

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
  if (!isDatasetName(name)) {
    throw new DatasetError(undefined, `unknown dataset "${name}"; valid datasets: ${DATASET_NAMES.join(', ')}`);
  }
  return MODULES[name](options);
}
