import { TOKENS } from '@cvae/core';
import { ContainerModule } from 'inversify';
import { ShapesAdapter, type ShapesOptions } from './shapes-adapter.js';

/**
 * The inversify module binding `TOKENS.Dataset` to a {@link ShapesAdapter}. It is this package's
 * default export, which is what `cvae train --plugin` loads.
 *
 * @example
 * ```ts
 * container.load(coreModule(), wasmBackendModule(), shapesModule({ trainSize: 2000 }));
 * ```
 */
export function shapesModule(options: ShapesOptions = {}): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(TOKENS.Dataset).toConstantValue(new ShapesAdapter(options));
  });
}
