import { TOKENS } from '@cvae/core';
import { ContainerModule } from 'inversify';
import { wasmBackend, type BrowserWasmBackendOptions } from './wasm-backend.js';

/**
 * Binds `TOKENS.Backend` to the browser wasm backend.
 *
 * @example
 * ```ts
 * container.load(coreModule(), wasmBackendModule({ wasmPaths: '/wasm/' }));
 * ```
 */
export function wasmBackendModule(options: BrowserWasmBackendOptions): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(TOKENS.Backend).toConstantValue(wasmBackend(options));
  });
}
