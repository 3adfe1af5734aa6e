import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { BackendUnavailableError, Cvae, elboTerms, parseModelConfig, Trainer, type Backend } from '../src/index.js';
import { referenceElbo } from './reference-elbo.js';
import { syntheticDataset } from './synthetic-dataset.js';

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

/**
 * The suite every backend package runs: the kernels the CVAE needs exist, the fast custom
 * gradients equal tfjs's default autodiff, a few Adam steps reduce the loss, and nothing leaks.
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
      const kernels = ['_FusedMatMul', 'BatchMatMul', 'Transpose', 'Concat', 'Slice', 'Relu', 'Step', 'Sigmoid', 'Exp', 'Log1p', 'Abs', 'Neg', 'Sum', 'Mean', 'Add', 'Sub', 'Multiply', 'Square'];
      expect(kernels.filter((k) => tf.getKernel(k, backend.name) === undefined)).toEqual([]);
    });

    test('fast loss and gradients equal tfjs autodiff within 1e-4 relative', () => {
      const data = { x: tf.tidy(() => tf.cast(tf.greater(tf.randomUniform([16, 12], 0, 1, 'float32', 3), 0.5), 'float32')), c: tf.oneHot(tf.tensor1d([0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0], 'int32'), 3) };
      const c = tf.cast(data.c, 'float32') as tf.Tensor2D;
      const model = new Cvae(parseModelConfig({ inputSize: 12, conditionSize: 3, latentSize: 4, encoderHidden: [8, 6], decoderHidden: [7], seed: 1 }));
      const vars = model.variables();
      const fast = tf.variableGrads(() => elboTerms(model, data.x as tf.Tensor2D, c, 1, 5).loss, vars);
      const reference = tf.variableGrads(() => referenceElbo(model, data.x as tf.Tensor2D, c, 5), vars);
      expect(maxRelativeError(fast.value.dataSync(), reference.value.dataSync())).toBeLessThan(1e-4);
      for (const v of vars) {
        expect(maxRelativeError(fast.grads[v.name].dataSync(), reference.grads[v.name].dataSync()), v.name).toBeLessThan(1e-4);
      }
      tf.dispose([fast.value, reference.value, ...Object.values(fast.grads), ...Object.values(reference.grads), data.x, data.c, c]);
      model.dispose();
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
