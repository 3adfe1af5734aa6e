import { ContainerModule } from 'inversify';
import { TOKENS } from '../../di/tokens.js';
import { cpuBackend } from './cpu-backend.js';

/**
 * Binds `TOKENS.Backend` to the cpu reference backend (import `@tensorflow/tfjs-backend-cpu` first).
 *
 * @example
 * ```ts
 * container.load(coreModule(), cpuBackendModule());
 * ```
 */
export function cpuBackendModule(): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(TOKENS.Backend).toConstantValue(cpuBackend());
  });
}
