// The reference training step on Node wasm, timed in windows over a long run, to see whether a process
// settles at one speed (and which). Usage: node [v8 flags] bench/wasm-step-timeline.mjs [windows] [steps per window]
import * as tf from '@tensorflow/tfjs-core';
import { createAdam, Cvae, elboTerms, parseModelConfig } from '@cvae/core';
import { wasmBackend } from '@cvae/backend-wasm';

const windows = Number(process.argv[2] ?? 10);
const perWindow = Number(process.argv[3] ?? 30);
const threads = Number(process.env.BENCH_THREADS ?? 2);
const backend = await wasmBackend({ threads });
await backend.init();
const model = new Cvae(parseModelConfig({ inputSize: 784, conditionSize: 10, encoderHidden: [400], decoderHidden: [400] }));
const adam = createAdam({ learningRate: 1e-3 });
const x = tf.tidy(() => tf.cast(tf.greater(tf.randomUniform([128, 784], 0, 1, 'float32', 1), 0.5), 'float32'));
const c = tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(Array.from({ length: 128 }, (_, i) => i % 10), 'int32'), 10), 'float32'));
let t = 0;
const medians = [];
const all = [];
for (let w = 0; w < windows; w++) {
  const times = [];
  for (let i = 0; i < perWindow; i++, t++) {
    const started = performance.now();
    const loss = tf.tidy(() => {
      const { value, grads } = tf.variableGrads(() => elboTerms(model, x, c, 1, t + 1).loss, model.variables());
      adam.apply(model.variables(), grads);
      return value;
    });
    loss.dataSync();
    loss.dispose();
    times.push(performance.now() - started);
  }
  if (t > 50) all.push(...times);
  times.sort((a, b) => a - b);
  medians.push(Number(times[Math.floor(perWindow / 2)].toFixed(2)));
}
all.sort((a, b) => a - b);
const median = Number(all[Math.floor(all.length / 2)].toFixed(2));
process.stdout.write(`${JSON.stringify({ flags: process.execArgv.join(' '), threads, median, medians })}\n`);
