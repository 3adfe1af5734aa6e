import { TOKENS } from '@cvae/core';
import { ContainerModule } from 'inversify';
import { FashionMnistAdapter, type FashionMnistAdapterOptions } from './fashion-mnist-adapter.js';

/**
 * An inversify module binding `TOKENS.Dataset` to a {@link FashionMnistAdapter} built from
 * `options`. The adapter is constructed when the module loads; its files are found (or
 * downloaded) and read by `load()`.
 *
 * @example
 * ```ts
 * const container = new Container();
 * container.load(coreModule(), wasmBackendModule(), fashionMnistModule({ cacheDir: '/data/cache' }));
 * const dataset = container.get<DatasetAdapter>(TOKENS.Dataset);
 * await dataset.load();
 * ```
 */
export function fashionMnistModule(options: FashionMnistAdapterOptions = {}): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(TOKENS.Dataset).toConstantValue(new FashionMnistAdapter(options));
  });
}
