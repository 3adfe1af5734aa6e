import * as tf from '@tensorflow/tfjs-core';
import { createAdam, Cvae, elboTerms, parseModelConfig } from '@cvae/core';
import type { BackendReport } from './backends.js';

/** Untimed steps first: V8 tiers wasm up over the first ~40 steps (as bench/step-bench.mjs). */
const WARMUP_STEPS = 50;

/**
 * The reference training step of bench/step-bench.mjs, in the page: (784+10)-400-z20-(20+10)-400-784,
 * batch 128, core's Adam, a fixed random batch. Median ms of `count` steps after the warm-up.
 */
export function medianStepMs(count: number): number {
  const model = new Cvae(parseModelConfig({ inputSize: 784, conditionSize: 10, encoderHidden: [400], decoderHidden: [400] }));
  const adam = createAdam({ learningRate: 1e-3 });
  const [x, c] = tf.tidy(() => [
    tf.cast(tf.greater(tf.randomUniform([128, 784], 0, 1, 'float32', 1), 0.5), 'float32') as tf.Tensor2D,
    tf.cast(tf.oneHot(tf.tensor1d(Array.from({ length: 128 }, (_, i) => i % 10), 'int32'), 10), 'float32') as tf.Tensor2D,
  ]);
  const step = (i: number) => {
    const loss = tf.tidy(() => {
      const { value, grads } = tf.variableGrads(() => elboTerms(model, x, c, 1, i + 1).loss, model.variables());
      adam.apply(model.variables(), grads);
      return value;
    });
    loss.dataSync();
    loss.dispose();
  };
  for (let i = 0; i < WARMUP_STEPS; i++) step(i);
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    step(i);
    times.push(performance.now() - started);
  }
  tf.dispose([x, c]);
  adam.dispose();
  model.dispose();
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/**
 * `?bench=step`: runs the step benchmark instead of the views and shows its result as JSON; on the
 * page's main thread, or with `&in=worker` in a dedicated worker (with its own backend, `threads`).
 */
export async function showStepBench(report: BackendReport, steps: number, inWorker: boolean, threads?: number): Promise<void> {
  const out = document.createElement('pre');
  out.dataset.testid = 'bench-result';
  document.querySelector('main')!.replaceChildren(out);
  await new Promise((resolve) => setTimeout(resolve, 0));
  let result: { name: string; threads: number; msPerStep: number };
  if (inWorker) {
    const worker = new Worker(new URL('./bench-worker.ts', import.meta.url), { type: 'module' });
    result = await new Promise((resolve, reject) => {
      worker.onmessage = (event) => resolve(event.data);
      worker.onerror = (event) => reject(new Error(`[cvae] [playground] the bench worker failed: ${event.message}`));
      worker.postMessage({ threads: threads ?? report.threads, steps });
    });
    worker.terminate();
  } else {
    result = { ...report, msPerStep: medianStepMs(steps) };
  }
  out.textContent = JSON.stringify({ in: inWorker ? 'worker' : 'main thread', backend: result.name, threads: result.threads, case: 'reference', batchSize: 128, msPerStep: result.msPerStep });
}
