import type * as tf from '@tensorflow/tfjs-core';
import { LEAKY_RELU_ALPHA, type Activation, type DenseKernels } from '@cvae/core';
import { tfOps, type TfOps } from './tf-ops.js';

/**
 * A dense layer as TensorFlow's own ops, one binding call each: forward MatMul, BiasAdd and the
 * activation (3 calls); backward the activation's fused gradient op (ReluGrad, EluGrad, TanhGrad,
 * LeakyReluGrad, all written from the saved output y), MatMul with TensorFlow's transpose flags
 * for dX and dW, and BiasAddGrad for db (at most 4). The portable tfjs ops cost far more on
 * tfjs-node: every 2-D `tf.matMul` is three Reshapes (each uploading a shape tensor) around a
 * BatchMatMulV2, `tf.transpose` copies, and `tf.step` is seven ops (NaN handling included).
 *
 * @example
 * ```ts
 * registerDenseKernels('tensorflow', nativeDenseKernels()); // in nodeBackend().init()
 * ```
 */
export function nativeDenseKernels(): DenseKernels {
  let cached: TfOps | undefined;
  const ops = () => (cached ??= tfOps());
  const matMul = (a: tf.Tensor2D, b: tf.Tensor2D, transposeA: boolean, transposeB: boolean) => {
    const o = ops();
    return o.run<tf.Tensor2D>('MatMul', [o.float('T'), o.bool('transpose_a', transposeA), o.bool('transpose_b', transposeB)], [a, b]);
  };
  return {
    forward(x, w, b, activation) {
      const o = ops();
      const z = o.run<tf.Tensor2D>('BiasAdd', [o.float('T')], [matMul(x, w, false, false), b]);
      return activate(o, z, activation);
    },
    backward(dy, x, w, y, activation, inputGradient) {
      const o = ops();
      const dz = activationGradient(o, dy, y, activation);
      const dx = inputGradient ? matMul(dz, w, false, true) : undefined;
      return [dx, matMul(x, dz, true, false), o.run<tf.Tensor1D>('BiasAddGrad', [o.float('T')], [dz])];
    },
  };
}

function activate(o: TfOps, z: tf.Tensor2D, activation: Activation): tf.Tensor2D {
  switch (activation) {
    case 'relu':
      return o.run('Relu', [o.float('T')], [z]);
    case 'linear':
      return z;
    case 'elu':
      return o.run('Elu', [o.float('T')], [z]);
    case 'tanh':
      return o.run('Tanh', [o.float('T')], [z]);
    case 'leaky_relu':
      return o.run('LeakyRelu', [o.float('T'), o.number('alpha', LEAKY_RELU_ALPHA)], [z]);
  }
}

/** dZ from dY and y = act(z): y > 0 exactly where z > 0, so the ops that take z get y. */
function activationGradient(o: TfOps, dy: tf.Tensor2D, y: tf.Tensor2D, activation: Activation): tf.Tensor2D {
  switch (activation) {
    case 'relu':
      return o.run('ReluGrad', [o.float('T')], [dy, y]);
    case 'linear':
      return dy;
    case 'elu':
      return o.run('EluGrad', [o.float('T')], [dy, y]);
    case 'tanh':
      return o.run('TanhGrad', [o.float('T')], [y, dy]);
    case 'leaky_relu':
      return o.run('LeakyReluGrad', [o.float('T'), o.number('alpha', LEAKY_RELU_ALPHA)], [dy, y]);
  }
}
