import * as tf from '@tensorflow/tfjs-core';

/** A faster implementation for some inputs: returns undefined for inputs it leaves to the original. */
export type KernelFastPath = (args: Parameters<tf.KernelFunc>[0]) => tf.TensorInfo | tf.TensorInfo[] | undefined;

const overridden = new Set<string>();

/**
 * Replaces the registered tfjs kernel `kernelName` of `backendName` with `fastPath`, falling back to
 * the original kernel (whose setup function is kept) wherever `fastPath` returns undefined.
 * Idempotent; returns false when no such kernel is registered (the backend is not loaded).
 *
 * @example
 * ```ts
 * overrideKernel('Transpose', 'cpu', (args) => (is2d(args) ? fastTranspose(args) : undefined));
 * ```
 */
export function overrideKernel(kernelName: string, backendName: string, fastPath: KernelFastPath): boolean {
  const key = `${backendName}/${kernelName}`;
  if (overridden.has(key)) return true;
  const original = tf.getKernel(kernelName, backendName);
  if (original === undefined) return false;
  overridden.add(key);
  tf.unregisterKernel(kernelName, backendName);
  tf.registerKernel({
    kernelName,
    backendName,
    setupFunc: original.setupFunc,
    disposeFunc: original.disposeFunc,
    kernelFunc: (args) => fastPath(args) ?? original.kernelFunc(args),
  });
  return true;
}
