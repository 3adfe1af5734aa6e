import { TOKENS } from '@cvae/core';
import { ContainerModule } from 'inversify';
import { TabularAdapter, type TabularAdapterOptions } from './tabular-file-adapter.js';

/**
 * An inversify module binding `TOKENS.Dataset` to a {@link TabularAdapter} built from `options`.
 *
 * @example
 * ```ts
 * container.load(coreModule(), wasmBackendModule(), tabularModule({ csv: 'penguins.csv', condition: ['Species'] }));
 * const dataset = container.get<TabularAdapter>(TOKENS.Dataset);
 * await dataset.load();
 * ```
 */
export function tabularModule(options: TabularAdapterOptions): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(TOKENS.Dataset).toConstantValue(new TabularAdapter(options));
  });
}
