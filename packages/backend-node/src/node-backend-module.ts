import { TOKENS } from '@cvae/core';
import { ContainerModule } from 'inversify';
import { nodeBackend } from './node-backend.js';

/**
 * Binds `TOKENS.Backend` to the native TensorFlow backend (tfjs-node).
 *
 * @example
 * ```ts
 * container.load(coreModule(), nodeBackendModule());
 * ```
 */
export function nodeBackendModule(): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(TOKENS.Backend).toConstantValue(nodeBackend());
  });
}
