import * as tf from '@tensorflow/tfjs-core';

type KernelFunc = tf.KernelConfig['kernelFunc'];
/** The kernel functions this module installed, so that installing twice is a no-op. */
const installed = new WeakSet<KernelFunc>();

/** Returns `x` itself (one more reference, as tfjs-node's own Identity kernel does). */
function same(x: tf.TensorInfo, backend: tf.KernelBackend): tf.TensorInfo {
  backend.incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
}

/** Wraps tfjs-node's kernel `name` so that it returns its input where `isIdentity` says it changes nothing. */
function shortcut(name: string, isIdentity: (x: tf.TensorInfo, attrs: tf.NamedAttrMap) => boolean): void {
  const original = tf.getKernel(name, 'tensorflow');
  if (original === undefined || installed.has(original.kernelFunc)) return;
  const kernelFunc: KernelFunc = (args) => {
    const x = args.inputs.x as tf.TensorInfo;
    return isIdentity(x, args.attrs ?? {}) ? same(x, args.backend as tf.KernelBackend) : original.kernelFunc(args);
  };
  installed.add(kernelFunc);
  tf.unregisterKernel(name, 'tensorflow');
  tf.registerKernel({ ...original, kernelFunc });
}

/**
 * Makes tfjs-node's Reshape and Cast kernels return their input when they change nothing (the same
 * shape, the same dtype), as tfjs's cpu and wasm kernels do, instead of launching a TensorFlow op
 * (Reshape also uploads its shape as a tensor). tfjs's gradients reshape every element-wise op's
 * gradient to its input's shape, which it nearly always has already, and tfjs-node's Mean kernel
 * casts its float32 input to float32. Other reshapes and casts run as before.
 *
 * @example
 * ```ts
 * installIdentityShortcuts(); // in nodeBackend().init(), after tf.setBackend('tensorflow')
 * ```
 */
export function installIdentityShortcuts(): void {
  shortcut('Reshape', (x, attrs) => tf.util.arraysEqual(tf.util.inferFromImplicitShape([...(attrs.shape as number[])], tf.util.sizeFromShape(x.shape)), x.shape));
  shortcut('Cast', (x, attrs) => attrs.dtype === x.dtype);
}
