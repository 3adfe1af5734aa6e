import * as tf from '@tensorflow/tfjs-core';
import type { RandomSource } from '../data/seeded-random.js';
import { nextSeed } from '../data/seeded-random.js';

/** A hidden-layer activation (`ACTIVATIONS` in config.ts). */
export type Activation = 'relu' | 'linear' | 'elu' | 'tanh' | 'leaky_relu';

/** Slope of `leaky_relu` below zero: PyTorch's default (`nn.LeakyReLU`), not tfjs's 0.2. */
export const LEAKY_RELU_ALPHA = 0.01;

/**
 * Applies an activation with plain tfjs ops (tfjs's own gradients), e.g. inside conv layers.
 *
 * @example
 * ```ts
 * const h = activate(tf.add(tf.conv2d(x, w, 2, 'same'), b), 'elu');
 * ```
 */
export function activate<T extends tf.Tensor>(z: T, activation: Activation): T {
  switch (activation) {
    case 'relu':
      return tf.relu(z);
    case 'linear':
      return z;
    case 'elu':
      return tf.elu(z);
    case 'tanh':
      return tf.tanh(z);
    case 'leaky_relu':
      return tf.leakyRelu(z, LEAKY_RELU_ALPHA);
  }
}

/**
 * dL/dz from dL/dy and the saved output y = act(z). Each derivative is written from y alone, so
 * the pre-activation z need not be kept: elu' = 1 for y > 0, else y + 1 (= exp(z));
 * tanh' = 1 - y^2; leaky_relu' = 1 for y > 0, else alpha (y has the sign of z).
 */
function activationGradient(dy: tf.Tensor2D, y: tf.Tensor2D, activation: Activation): tf.Tensor2D {
  switch (activation) {
    case 'relu':
      return tf.mul(dy, tf.step(y));
    case 'linear':
      return dy;
    case 'elu':
      return tf.mul(dy, tf.add(tf.minimum(y, 0), 1));
    case 'tanh':
      return tf.mul(dy, tf.sub(1, tf.square(y)));
    case 'leaky_relu':
      return tf.mul(dy, tf.step(y, LEAKY_RELU_ALPHA));
  }
}

/** Weights of one fully connected layer: y = act(x W + b), W is [in, out]. */
export interface DenseLayer {
  readonly weight: tf.Variable<tf.Rank.R2>;
  readonly bias: tf.Variable<tf.Rank.R1>;
}

/**
 * Creates a dense layer with PyTorch's default `nn.Linear` initialisation, U(-1/sqrt(in), 1/sqrt(in))
 * for weight and bias, so our numbers are comparable with the PyTorch reference.
 *
 * @example
 * ```ts
 * const layer = createDense('enc.0', 794, 400, seededRandom(0));
 * ```
 */
export function createDense(name: string, inSize: number, outSize: number, random: RandomSource): DenseLayer {
  const bound = 1 / Math.sqrt(inSize);
  const weight = tf.tidy(() => tf.randomUniform([inSize, outSize], -bound, bound, 'float32', nextSeed(random)));
  const bias = tf.tidy(() => tf.randomUniform([outSize], -bound, bound, 'float32', nextSeed(random)));
  const layer = {
    weight: tf.variable(weight, true, `${name}.weight`) as tf.Variable<tf.Rank.R2>,
    bias: tf.variable(bias, true, `${name}.bias`) as tf.Variable<tf.Rank.R1>,
  };
  tf.dispose([weight, bias]);
  return layer;
}

type DenseOp = (x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D) => tf.Tensor2D;

/**
 * How a backend runs a dense layer's forward and backward pass. The maths is fixed (y = act(x W + b);
 * dZ = dY act'(y), dX = dZ W^T, dW = X^T dZ, db = 1^T dZ); a backend registers kernels that compute
 * it with fewer or cheaper launches than the portable ops (e.g. TensorFlow's fused ReluGrad and
 * BiasAddGrad on tfjs-node).
 */
export interface DenseKernels {
  /** y = act(x W + b). */
  forward(x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D, activation: Activation): tf.Tensor2D;
  /** [dX (undefined when `inputGradient` is false), dW, db] from dY and the saved x, W and y. */
  backward(dy: tf.Tensor2D, x: tf.Tensor2D, w: tf.Tensor2D, y: tf.Tensor2D, activation: Activation, inputGradient: boolean): [tf.Tensor2D | undefined, tf.Tensor2D, tf.Tensor1D];
}

// The portable kernels' gradient is written by hand because tfjs's default MatMul gradient uses
// transposed matMuls, which the wasm backend runs ~15x slower than a plain matMul after an explicit
// transpose (DESIGN.md, "Known traps"). Measured on wasm (bench/): matMul + add + relu beats the
// fused kernel, and the bias gradient as a [1, batch] x [batch, out] matMul beats a column sum
// (which transposes internally) ~10x.
const portableKernels: DenseKernels = {
  forward: (x, w, b, activation) => activate(tf.add(tf.matMul(x, w), b) as tf.Tensor2D, activation),
  backward: (dy, x, w, y, activation, inputGradient) => {
    const dz = activationGradient(dy, y, activation);
    const dx = inputGradient ? (tf.matMul(dz, tf.transpose(w)) as tf.Tensor2D) : undefined;
    const db = tf.reshape(tf.matMul(tf.ones([1, x.shape[0]]), dz), [w.shape[1]]) as tf.Tensor1D;
    return [dx, tf.matMul(tf.transpose(x), dz) as tf.Tensor2D, db];
  },
};

// Keyed by tfjs backend name, like `registerAdam`: backend packages register theirs in `init()`.
const denseKernels = new Map<string, DenseKernels>();
/** customGrad ops by backend, activation and input gradient (made once each). */
const denseOps = new Map<string, DenseOp>();

/**
 * Makes `applyDense` use `kernels` while `backendName` is the active tfjs backend. They must compute
 * the same values as the portable ops (the backend's conformance tests compare them). Replaces any earlier ones.
 *
 * @example
 * ```ts
 * registerDenseKernels('tensorflow', nativeDenseKernels()); // in @cvae/backend-node's init()
 * ```
 */
export function registerDenseKernels(backendName: string, kernels: DenseKernels): void {
  denseKernels.set(backendName, kernels);
  denseOps.clear();
}

/** The portable dense kernels (plain tfjs ops), e.g. to compare a backend's own against. */
export function portableDenseKernels(): DenseKernels {
  return portableKernels;
}

function makeDenseOp(kernels: DenseKernels, activation: Activation, inputGradient: boolean): DenseOp {
  type Saved = [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
  const layer = (x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D, save: tf.GradSaveFunc) => {
    const y = kernels.forward(x, w, b, activation);
    save([x, w, y]);
    return {
      value: y,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [dx, dw, db] = kernels.backward(dy as tf.Tensor2D, ...(saved as Saved), activation, inputGradient);
        return dx === undefined ? [dw, db] : [dx, dw, db];
      },
    };
  };
  if (inputGradient) return tf.customGrad((...args: unknown[]) => layer(...(args as [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D, tf.GradSaveFunc]))) as unknown as DenseOp;
  // A layer whose input is data (the first): x is closed over, not an input of the custom op, so no
  // gradient for it (a zero tensor of x's shape, launched every step) is made, nor a matMul spent on it.
  return (x, w, b) => (tf.customGrad((...args: unknown[]) => layer(x, ...(args as [tf.Tensor2D, tf.Tensor1D, tf.GradSaveFunc]))) as unknown as (w: tf.Tensor2D, b: tf.Tensor1D) => tf.Tensor2D)(w, b);
}

/**
 * Applies a dense layer, y = act(x W + b), with a fast explicit-transpose gradient.
 * Pass `inputGradient: false` for a layer whose input is data (no gradient flows to it).
 *
 * @example
 * ```ts
 * const h = applyDense(x, layer, 'relu');
 * ```
 */
export function applyDense(x: tf.Tensor2D, layer: DenseLayer, activation: Activation, inputGradient = true): tf.Tensor2D {
  const backendName = tf.getBackend();
  const key = `${backendName}:${activation}:${inputGradient}`;
  let op = denseOps.get(key);
  if (op === undefined) {
    op = makeDenseOp(denseKernels.get(backendName) ?? portableKernels, activation, inputGradient);
    denseOps.set(key, op);
  }
  return op(x, layer.weight, layer.bias);
}
