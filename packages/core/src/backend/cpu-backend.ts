import * as tf from '@tensorflow/tfjs-core';
import type { Backend } from './backend.js';
import { installFastCpuMatMul } from './cpu-matmul.js';
import { installFastCpuTranspose } from './cpu-transpose.js';
import { BackendUnavailableError } from './errors.js';

/**
 * Activates tfjs's plain-JavaScript `cpu` backend, which must already be registered by importing
 * `@tensorflow/tfjs-backend-cpu` (core does not import it, so browsers can leave it out).
 * Slow, but available everywhere: useful for tests and as a reference for numerics. `init()`
 * replaces tfjs's cpu matMul and 2-D transpose kernels with faster ones for the shapes a dense
 * layer uses (`installFastCpuMatMul`, `installFastCpuTranspose`).
 *
 * @example
 * ```ts
 * import '@tensorflow/tfjs-backend-cpu';
 * await cpuBackend().init();
 * ```
 */
export function cpuBackend(): Backend {
  return {
    name: 'cpu',
    capabilities: { trainsConv: true, threads: 1 },
    async init() {
      if (tf.findBackendFactory('cpu') == null) {
        throw new BackendUnavailableError('cpu', 'no tfjs backend named "cpu" is registered', "import '@tensorflow/tfjs-backend-cpu' first");
      }
      installFastCpuMatMul();
      installFastCpuTranspose();
      await tf.setBackend('cpu');
      await tf.ready();
    },
  };
}
