import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { useCpuBackend } from '../../test/use-cpu-backend.js';
import { seededRandom } from '../data/seeded-random.js';
import { applyDense, createDense, portableDenseKernels, registerDenseKernels, type DenseKernels } from './dense.js';

beforeAll(useCpuBackend);
afterEach(() => registerDenseKernels(tf.getBackend(), portableDenseKernels()));

/** The portable kernels, counting their calls and scaling the weight gradient by `scale`. */
function countingKernels(scale: number) {
  const calls = { forward: 0, backward: 0 };
  const portable = portableDenseKernels();
  const kernels: DenseKernels = {
    forward: (...args) => (calls.forward++, portable.forward(...args)),
    backward: (...args) => {
      calls.backward++;
      const [dx, dw, db] = portable.backward(...args);
      return [dx, tf.mul(dw, scale) as tf.Tensor2D, db];
    },
  };
  return { calls, kernels };
}

describe('registerDenseKernels', () => {
  it('applyDense runs the active backend\'s registered kernels, forward and backward, and a later registration replaces them', () => {
    const layer = createDense(`dense-kernels-${Math.random()}`, 4, 3, seededRandom('dense-kernels'));
    const x = tf.tensor2d([[1, -2, 3, 0.5], [0.2, 0.1, -1, 2]]);
    const weightGradient = () => tf.tidy(() => Array.from(tf.variableGrads(() => tf.sum(applyDense(x, layer, 'relu')) as tf.Scalar, [layer.weight]).grads[layer.weight.name].dataSync()));
    const plain = weightGradient();
    const doubled = countingKernels(2);
    registerDenseKernels(tf.getBackend(), doubled.kernels);
    const twice = weightGradient();
    expect(doubled.calls).toEqual({ forward: 1, backward: 1 });
    expect(twice).toEqual(plain.map((g) => Math.fround(2 * g)));
    expect(plain.some((g) => g !== 0)).toBe(true);
    // Ops are cached per backend: registering again must not leave the old kernels in use.
    const tripled = countingKernels(3);
    registerDenseKernels(tf.getBackend(), tripled.kernels);
    expect(weightGradient()).toEqual(plain.map((g) => Math.fround(3 * g)));
    expect(doubled.calls.forward).toBe(1);
    tf.dispose([x, layer.weight, layer.bias]);
  });

  it('a layer whose input is data (inputGradient false) gets the same weight gradients and launches nothing for dX', async () => {
    const layer = createDense(`dense-data-${Math.random()}`, 4, 3, seededRandom('dense-data'));
    const x = tf.tensor2d([[1, -2, 3, 0.5], [0.2, 0.1, -1, 2]]);
    const grads = (inputGradient: boolean) => tf.variableGrads(() => tf.sum(applyDense(x, layer, 'relu', inputGradient)) as tf.Scalar, [layer.weight, layer.bias]);
    const values = (g: tf.NamedTensorMap) => [layer.weight, layer.bias].map((v) => Array.from(g[v.name].dataSync()));
    const withInput = grads(true);
    let dataOnly: ReturnType<typeof grads> | undefined;
    const profile = await tf.profile(() => void (dataOnly = grads(false)));
    expect(values(dataOnly!.grads)).toEqual(values(withInput.grads));
    expect(profile.kernelNames).not.toContain('ZerosLike');
    expect(profile.kernels.filter((k) => k.name === 'BatchMatMul').map((k) => k.outputShapes[0])).toEqual([[2, 3], [1, 3], [4, 3]]); // forward, db, dW (no dX [2, 4])
    tf.dispose([x, layer.weight, layer.bias, withInput.value, dataOnly!.value, ...Object.values(withInput.grads), ...Object.values(dataOnly!.grads)]);
  });
});
