import { TOKENS } from '@cvae/core';
import { ContainerModule } from 'inversify';
import { wasmBackend, type WasmBackendOptions } from './wasm-backend.js';

/**
 * Binds `TOKENS.Backend` to the wasm backend.
 *
 * @example
 * ```ts
 * container.load(coreModule(), wasmBackendModule());
 * ```
 */
export function wasmBackendModule(options: WasmBackendOptions = {}): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(TOKENS.Backend).toConstantValue(wasmBackend(options));
  });
}
