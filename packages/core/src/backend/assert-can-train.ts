import * as tf from '@tensorflow/tfjs-core';
import { ConfigError } from '../model/config-error.js';
import type { ModelConfig } from '../model/config.js';
import type { Backend } from './backend.js';

/** The kernels that training the conv architecture runs (forward, and both gradients of a convolution). */
export const CONV_TRAINING_KERNELS = ['Conv2D', 'Conv2DBackpropInput', 'Conv2DBackpropFilter'] as const;

/**
 * Refuses, at configuration time, a model the backend cannot train: the conv architecture on a
 * backend that does not declare `trainsConv` or lacks one of `CONV_TRAINING_KERNELS`. Call it after
 * `backend.init()` (kernels are registered by then). The message names the backend, the missing
 * kernels and the alternatives.
 *
 * @example
 * ```ts
 * await backend.init();
 * assertBackendCanTrain(parseModelConfig({ ..., architecture: { kind: 'conv', imageShape: [28, 28] } }), backend);
 * // [cvae] backend wasm cannot train the conv architecture: tfjs registers no Conv2DBackpropFilter kernel for wasm. ...
 * ```
 */
export function assertBackendCanTrain(config: ModelConfig, backend: Backend): void {
  if (config.architecture.kind !== 'conv') return;
  const missing = CONV_TRAINING_KERNELS.filter((name) => tf.getKernel(name, backend.name) === undefined);
  if (backend.capabilities.trainsConv && missing.length === 0) return;
  const reason =
    missing.length > 0
      ? `tfjs registers no ${missing.join(', ')} kernel${missing.length > 1 ? 's' : ''} for ${backend.name}`
      : `the backend declares capabilities.trainsConv = false`;
  throw new ConfigError(
    `backend ${backend.name} cannot train the conv architecture: ${reason}`,
    `use the mlp architecture (--arch mlp, architecture: { kind: 'mlp' }), or a backend that trains conv nets (--backend cpu/node)`,
  );
}
