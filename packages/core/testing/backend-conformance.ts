import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { ACTIVATIONS, assertBackendCanTrain, BackendUnavailableError, bernoulliNll, Cvae, elboTerms, parseModelConfig, Trainer, type Backend, type ModelConfigInput } from '../src/index.js';
import { naiveConv2dBackpropFilter } from './conv-reference.js';
import { referenceElbo } from './reference-elbo.js';
import { syntheticDataset } from './synthetic-dataset.js';

/** Options of {@link describeBackendConformance}. */
export interface BackendConformanceOptions {
  /**
   * Skip (with the printed reason) instead of failing when `init()` throws `BackendUnavailableError`.
   * Only for backends that legitimately cannot load on some machines (tfjs-node without its binary).
   */
  readonly skipWhenUnavailable?: boolean;
}

/** Largest |a - b| / max(|b|, floor) over two arrays. */
function maxRelativeError(a: ArrayLike<number>, b: ArrayLike<number>, floor = 1e-3): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.max(Math.abs(b[i]), floor));
  return worst;
}

/** The -ELBO and its gradients through the model (custom gradients) equal `referenceElbo` (tfjs autodiff). */
function expectGradientsMatchReference(input: ModelConfigInput): void {
  const config = parseModelConfig(input);
  const labels = tf.tensor1d([0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0], 'int32');
  const x = tf.tidy(() => tf.cast(tf.greater(tf.randomUniform([16, config.inputSize], 0, 1, 'float32', 3), 0.5), 'float32')) as tf.Tensor2D;
  const c = tf.tidy(() => tf.cast(tf.oneHot(labels, config.conditionSize), 'float32')) as tf.Tensor2D;
  const model = new Cvae(config);
  const vars = model.variables();
  const fast = tf.variableGrads(() => elboTerms(model, x, c, 1, 5).loss, vars);
  const reference = tf.variableGrads(() => referenceElbo(model, x, c, 5), vars);
  expect(maxRelativeError(fast.value.dataSync(), reference.value.dataSync())).toBeLessThan(1e-4);
  for (const v of vars) {
    expect(maxRelativeError(fast.grads[v.name].dataSync(), reference.grads[v.name].dataSync()), model.localName(v)).toBeLessThan(1e-4);
  }
  tf.dispose([fast.value, reference.value, ...Object.values(fast.grads), ...Object.values(reference.grads), labels, x, c]);
  model.dispose();
}

/**
 * The suite every backend package runs: the kernels the CVAE needs exist, the fast custom
 * gradients equal tfjs's default autodiff for every activation, conv nets train where the backend
 * says so (Conv2DBackpropFilter against a direct sum) and are refused where it does not, a few Adam
 * steps reduce the loss, and nothing leaks.
 *
 * @example
 * ```ts
 * // packages/backend-wasm/src/wasm-backend.test.ts
 * describeBackendConformance(() => wasmBackend());
 * ```
 */
export function describeBackendConformance(factory: () => Backend, options: BackendConformanceOptions = {}): void {
  const backend = factory();
  let unavailable: string | undefined;

  describe(`backend conformance: ${backend.name}`, () => {
    beforeAll(async () => {
      try {
        await backend.init();
      } catch (error) {
        if (!(options.skipWhenUnavailable && error instanceof BackendUnavailableError)) throw error;
        unavailable = error.message;
        console.warn(`SKIPPED backend conformance for "${backend.name}": ${error.message}`);
      }
    });
    const test = (name: string, body: () => void | Promise<void>) =>
      it(name, async (context: TestContext) => {
        if (unavailable !== undefined) context.skip(unavailable);
        expect(tf.getBackend()).toBe(backend.name);
        await body();
      });

    test('has every kernel the CVAE uses', () => {
      const kernels = ['_FusedMatMul', 'BatchMatMul', 'Transpose', 'Concat', 'Slice', 'Relu', 'Step', 'Sigmoid', 'Softplus', 'Exp', 'Log1p', 'Abs', 'Neg', 'Sum', 'Mean', 'Add', 'Sub', 'Multiply', 'Square'];
      expect(kernels.filter((k) => tf.getKernel(k, backend.name) === undefined)).toEqual([]);
    });

    test('the Bernoulli NLL and its gradient are exact for any logit (|l| up to 1e4)', () => {
      // float64 reference: max(l, 0) - l x + log1p(exp(-|l|)); the backend's Softplus must not overflow or round.
      const logits = [-1e4, -100, -30, -17, -10, -3, -0.5, 0, 0.25, 2, 9, 14, 16, 20, 40, 88.8, 100, 1e4];
      const rows = [0, 1, 0.3].flatMap((x) => logits.map((l) => [l, x]));
      const l = tf.tensor2d(rows.map(([v]) => v), [rows.length, 1]);
      const x = tf.tensor2d(rows.map(([, v]) => v), [rows.length, 1]);
      const { value, grads } = tf.valueAndGrads((t: tf.Tensor) => tf.sum(bernoulliNll(t as tf.Tensor2D, x)))([l]);
      const perRow = bernoulliNll(l, x).dataSync();
      const gradient = grads[0].dataSync();
      rows.forEach(([v, xv], i) => {
        const expected = Math.max(v, 0) - v * xv + Math.log1p(Math.exp(-Math.abs(v)));
        expect(Math.abs(perRow[i] - expected), `NLL at l=${v}, x=${xv}`).toBeLessThanOrEqual(1e-5 * Math.max(1, expected));
        expect(Math.abs(gradient[i] - (1 / (1 + Math.exp(-v)) - xv)), `gradient at l=${v}, x=${xv}`).toBeLessThan(1e-6);
      });
      expect(Number.isFinite(value.dataSync()[0])).toBe(true);
      tf.dispose([l, x, value, ...grads]);
    });

    for (const activation of ACTIVATIONS) {
      test(`fast loss and gradients equal tfjs autodiff within 1e-4 relative (mlp, ${activation})`, () => {
        expectGradientsMatchReference({ inputSize: 12, conditionSize: 3, latentSize: 4, encoderHidden: [8, 6], decoderHidden: [7], activation, seed: 1 });
      });
    }

    test('trains conv nets if it declares trainsConv, and refuses them at configuration otherwise', () => {
      const convInput: ModelConfigInput = { inputSize: 60, conditionSize: 3, latentSize: 3, architecture: { kind: 'conv', imageShape: [6, 5, 2], channels: [3, 4], kernelSize: 3 }, seed: 2 };
      const convConfig = parseModelConfig(convInput);
      if (!backend.capabilities.trainsConv) {
        expect(() => assertBackendCanTrain(convConfig, backend)).toThrow(new RegExp(`backend ${backend.name} cannot train the conv architecture: .*Use the mlp architecture`));
        return;
      }
      expect(() => assertBackendCanTrain(convConfig, backend)).not.toThrow();
      // The filter gradient of a convolution and of a transposed convolution (Conv2DBackpropFilter).
      const cases = [
        { xShape: [2, 7, 6, 3], k: [4, 4], out: 5, stride: 2, pad: 'same' },
        { xShape: [2, 5, 5, 2], k: [3, 2], out: 3, stride: 1, pad: 'valid' },
        { xShape: [3, 8, 8, 1], k: [4, 4], out: 4, stride: 2, pad: 'same' },
      ] as const;
      cases.forEach(({ xShape, k, out, stride, pad }, i) => {
        const x = tf.randomNormal([...xShape], 0, 1, 'float32', 10 + i) as tf.Tensor4D;
        const dy = tf.tidy(() => tf.randomNormal(tf.conv2d(x, tf.zeros([...k, xShape[3], out]) as tf.Tensor4D, stride, pad).shape, 0, 1, 'float32', 20 + i)) as tf.Tensor4D;
        const filter = tf.randomNormal([...k, xShape[3], out], 0, 1, 'float32', 30 + i) as tf.Tensor4D;
        const expected = naiveConv2dBackpropFilter(x.dataSync(), xShape, dy.dataSync(), k, out, stride, pad);
        const viaConv = tf.grad((f: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(x, f as tf.Tensor4D, stride, pad), dy)))(filter);
        // A transposed conv from dy back to x's shape, with the filter [k, k, x channels, out]: its filter gradient is the same sum.
        const viaTranspose = tf.grad((f: tf.Tensor) => tf.sum(tf.mul(tf.conv2dTranspose(dy, f as tf.Tensor4D, [...xShape], stride, pad), x)))(filter);
        expect(maxRelativeError(viaConv.dataSync(), expected), `conv2d case ${i}`).toBeLessThan(1e-4);
        expect(maxRelativeError(viaTranspose.dataSync(), expected), `conv2dTranspose case ${i}`).toBeLessThan(1e-4);
        tf.dispose([x, dy, filter, viaConv, viaTranspose]);
      });
      expectGradientsMatchReference(convInput);
    });

    test('the same seed repeats the same loss curve exactly', async () => {
      const curve = async () => {
        const dataset = syntheticDataset({ classes: 3, inputSize: 24, trainSize: 96, testSize: 32 });
        const model = new Cvae(parseModelConfig({ inputSize: 24, conditionSize: 3, latentSize: 4, encoderHidden: [32], decoderHidden: [32], seed: 5 }));
        const trainer = new Trainer(model, dataset, { epochs: 2, batchSize: 32, learningRate: 1e-2, seed: 5 });
        const losses: number[] = [];
        for await (const event of trainer.run()) losses.push(event.type === 'batch' ? event.loss : event.test!.negElbo);
        trainer.dispose();
        model.dispose();
        return losses;
      };
      const first = await curve();
      expect(first.length).toBe(8);
      expect(await curve()).toEqual(first);
    });

    test('Adam steps reduce the loss and leak no tensors', async () => {
      const dataset = syntheticDataset({ classes: 3, inputSize: 24, trainSize: 96, testSize: 32 });
      const model = new Cvae(parseModelConfig({ inputSize: 24, conditionSize: 3, latentSize: 4, encoderHidden: [32], decoderHidden: [32] }));
      const trainer = new Trainer(model, dataset, { epochs: 6, batchSize: 32, learningRate: 1e-2 });
      const epochs = [];
      for await (const event of trainer.run()) if (event.type === 'epoch') epochs.push(event);
      expect(epochs.at(-1)!.train.loss).toBeLessThan(epochs[0].train.loss * 0.9);
      expect(epochs.at(-1)!.numTensors).toBe(epochs[1].numTensors);
      trainer.dispose();
      model.dispose();
    });
  });
}
