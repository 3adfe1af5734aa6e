import * as tf from '@tensorflow/tfjs-core';
import { ACTIVATIONS, applyDense, BackendUnavailableError, createDense, portableDenseKernels, registerDenseKernels, seededRandom, type DenseKernels } from '@cvae/core';
import { afterAll, describe, expect, it } from 'vitest';
import { nativeDenseKernels } from './native-dense.js';
import { nodeBackend } from './node-backend.js';

const unavailable = await nodeBackend().init().then(
  () => undefined,
  (error: unknown) => {
    if (error instanceof BackendUnavailableError && process.env.CVAE_REQUIRE_NATIVE !== '1') return error.message;
    throw error;
  },
);
if (unavailable) console.warn(`SKIPPED native dense kernels: ${unavailable}`);

/** Loss and gradients (input, weight, bias) of two stacked dense layers under `kernels`. */
function run(kernels: DenseKernels, activation: (typeof ACTIVATIONS)[number], inputGradient: boolean) {
  registerDenseKernels('tensorflow', kernels);
  const random = seededRandom('native-dense-test');
  const first = createDense(`nd-${activation}-${inputGradient}-a-${Math.random()}`, 7, 5, random);
  const second = createDense(`nd-${activation}-${inputGradient}-b-${Math.random()}`, 5, 3, random);
  const x = tf.tidy(() => tf.randomNormal([4, 7], 0, 1, 'float32', 3)) as tf.Tensor2D;
  const target = tf.tidy(() => tf.randomNormal([4, 3], 0, 1, 'float32', 4));
  const vars = [first.weight, first.bias, second.weight, second.bias];
  const result = tf.tidy(() => {
    const loss = (input: tf.Tensor2D) => tf.sum(tf.square(tf.sub(applyDense(applyDense(input, first, activation, inputGradient), second, 'linear'), target))) as tf.Scalar;
    const { value, grads } = tf.variableGrads(() => loss(x), vars);
    // A layer told its input is data launches nothing for dX: no gradient reaches x then.
    const dx = inputGradient ? Array.from(tf.grad((input: tf.Tensor) => loss(input as tf.Tensor2D))(x).dataSync()) : [];
    return { loss: value.dataSync()[0], grads: vars.map((v) => Array.from(grads[v.name].dataSync())), dx };
  });
  tf.dispose([x, target, ...vars]);
  return result;
}

describe.skipIf(unavailable !== undefined)('nativeDenseKernels on tensorflow', () => {
  afterAll(() => registerDenseKernels('tensorflow', nativeDenseKernels()));

  it.each(ACTIVATIONS.flatMap((activation) => [true, false].map((inputGradient) => ({ activation, inputGradient }))))(
    'give the portable kernels\' loss and gradients to 1e-5 ($activation, input gradient $inputGradient)',
    ({ activation, inputGradient }) => {
      const native = run(nativeDenseKernels(), activation, inputGradient);
      const portable = run(portableDenseKernels(), activation, inputGradient);
      expect(Math.abs(native.loss - portable.loss)).toBeLessThan(1e-5 * Math.max(1, Math.abs(portable.loss)));
      const close = (a: number[], b: number[]) => expect(Math.max(...a.map((v, i) => Math.abs(v - b[i])))).toBeLessThan(1e-5 * Math.max(1, ...b.map(Math.abs)));
      native.grads.forEach((g, k) => close(g, portable.grads[k]));
      close(native.dx, portable.dx);
      expect(native.dx.length).toBe(inputGradient ? 28 : 0);
      expect(native.grads.every((g) => g.some((v) => v !== 0))).toBe(true);
    },
  );

  it('a training step through the native kernels leaks no tensors', () => {
    registerDenseKernels('tensorflow', nativeDenseKernels());
    const layer = createDense(`nd-leak-${Math.random()}`, 6, 4, seededRandom('leak'));
    const x = tf.ones([3, 6]) as tf.Tensor2D;
    const step = () => tf.tidy(() => tf.variableGrads(() => tf.sum(applyDense(x, layer, 'relu')) as tf.Scalar, [layer.weight, layer.bias]).grads);
    tf.dispose(Object.values(step()));
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) tf.dispose(Object.values(step()));
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, layer.weight, layer.bias]);
  });
});
