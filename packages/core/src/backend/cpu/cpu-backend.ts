import * as tf from '@tensorflow/tfjs-core';
import { registerAdam } from '../../train/adam.js';
import type { Backend } from '../backend.js';
import { BackendUnavailableError } from '../errors.js';
import { installFastCpuMatMul } from './cpu-matmul.js';
import { installFastCpuSplit } from './cpu-split.js';
import { installFastCpuTranspose } from './cpu-transpose.js';
import { HostAdam } from './host-adam.js';

/**
 * Activates tfjs's plain-JavaScript `cpu` backend, which must already be registered by importing
 * `@tensorflow/tfjs-backend-cpu` (core does not import it, so browsers can leave it out).
 * Slow, but available everywhere: useful for tests and as a reference for numerics. `init()`
 * replaces tfjs's cpu matMul, 2-D transpose and 2-D split kernels with faster ones for the shapes a dense
 * layer and a GRU use (`installFastCpuMatMul`, `installFastCpuTranspose`, `installFastCpuSplit`), and registers its Adam fast
 * path (`HostAdam`: one JavaScript pass per variable instead of tfjs's ~14 allocating kernels,
 * 3.3 ms vs 84 ms per update of the reference CVAE) the way every backend does, with `registerAdam`.
 * It is core's reference backend: what core's own tests and the conformance kit compare against.
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
      installFastCpuSplit();
      registerAdam('cpu', (settings) => new HostAdam(settings));
      await tf.setBackend('cpu');
      await tf.ready();
    },
  };
}
