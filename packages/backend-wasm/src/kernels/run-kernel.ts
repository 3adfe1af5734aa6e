import * as tf from '@tensorflow/tfjs-core';
import { CvaeError } from '@cvae/core';

/** What composite kernels need of tfjs's BackendWasm: freeing intermediates (refcounted). */
interface RefCountedBackend {
  disposeData(dataId: tf.DataId): boolean;
}

/**
 * Runs another registered wasm kernel directly, as tfjs's own composite kernels do (no engine
 * bookkeeping: the caller frees what it does not return, with `disposeAll`).
 *
 * @example
 * ```ts
 * const t = run('Transpose', backend, { x }, { perm: [1, 0] });
 * ```
 */
export function run(kernelName: string, backend: unknown, inputs: tf.NamedTensorInfoMap | tf.TensorInfo[], attrs: tf.NamedAttrMap = {}): tf.TensorInfo {
  const kernel = tf.getKernel(kernelName, 'wasm');
  if (kernel === undefined) throw new CvaeError('backend wasm', `a composite kernel needs the wasm ${kernelName} kernel, which is not registered`);
  return kernel.kernelFunc({ inputs: inputs as tf.NamedTensorInfoMap, backend: backend as tf.KernelBackend, attrs }) as tf.TensorInfo;
}

/** Frees kernel outputs (each `disposeData` drops one reference; reshapes share data). */
export function disposeAll(backend: unknown, tensors: readonly tf.TensorInfo[]): void {
  for (const t of tensors) (backend as RefCountedBackend).disposeData(t.dataId);
}
