import { TOKENS } from '@cvae/core';
import { ContainerModule } from 'inversify';
import { MnistAdapter, type MnistAdapterOptions } from './mnist-adapter.js';

/**
 * An inversify module binding `TOKENS.Dataset` to an {@link MnistAdapter} built from `options`.
 * The adapter is constructed when the module loads; its files are read by `load()`.
 *
 * @example
 * ```ts
 * const container = new Container();
 * container.load(coreModule(), wasmBackendModule(), mnistModule({ dataDir: '/data/mnist' }));
 * const dataset = container.get<DatasetAdapter>(TOKENS.Dataset);
 * await dataset.load();
 * ```
 */
export function mnistModule(options: MnistAdapterOptions = {}): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(TOKENS.Dataset).toConstantValue(new MnistAdapter(options));
  });
}
