import { TOKENS } from '@cvae/core';
import { ContainerModule } from 'inversify';
import { nodeBackend, type NodeBackendOptions } from './node-backend.js';

/**
 * Binds `TOKENS.Backend` to the native TensorFlow backend (tfjs-node).
 *
 * @example
 * ```ts
 * container.load(coreModule(), nodeBackendModule({ intraOpThreads: 2 }));
 * ```
 */
export function nodeBackendModule(options: NodeBackendOptions = {}): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(TOKENS.Backend).toConstantValue(nodeBackend(options));
  });
}
