// ms per training step of the text CVAE (names defaults: embedding 32, GRU 128, z16, 2 classes,
// 33 tokens, 16 positions, batch 64) on a backend: forward+backward+Adam, with word dropout.
// Usage: node bench/text-step.mjs [wasm|cpu] [threads] [steps]. Prints one JSON row (median ms).
import * as tf from '@tensorflow/tfjs-core';
import { cpuBackend, createAdam, Cvae, elboTerms, parseModelConfig } from '@cvae/core';
import { wasmBackend } from '@cvae/backend-wasm';
import '@tensorflow/tfjs-backend-cpu';

const [backendArg = 'wasm', threadsArg = '1', stepsArg = '30'] = process.argv.slice(2);
const backend = backendArg === 'cpu' ? cpuBackend() : wasmBackend({ threads: Number(threadsArg) });
await backend.init();
const [batch, length, vocabularySize] = [64, 16, 33];
const model = new Cvae(
  parseModelConfig({
    inputSize: length,
    conditionSize: 2,
    latentSize: 16,
    likelihood: { kind: 'tokens', vocabularySize },
    architecture: { kind: 'sequence', embedding: 32, hidden: 128 },
  }),
);
// Names-like rows: 3 to 10 letters, the end token, padding.
const rows = Array.from({ length: batch }, (_, r) => {
  const n = 3 + (r % 8);
  return Array.from({ length }, (_, t) => (t < n ? 3 + ((r * 7 + t * 5) % 30) : t === n ? 1 : 0));
});
const x = tf.tensor2d(rows);
const c = tf.cast(tf.oneHot(tf.tensor1d(rows.map((_, r) => r % 2), 'int32'), 2), 'float32');
const adam = createAdam({ learningRate: 1e-3 });
const step = (i) => {
  const loss = tf.tidy(() => {
    const { value, grads } = tf.variableGrads(() => elboTerms(model, x, c, 1, i + 1, 0, 0, true).loss, model.variables());
    adam.apply(model.variables(), grads);
    return value;
  });
  loss.dataSync();
  loss.dispose();
};
for (let i = 0; i < 5; i++) step(i);
const times = [];
for (let i = 0; i < Number(stepsArg); i++) {
  const started = performance.now();
  step(i);
  times.push(performance.now() - started);
}
times.sort((a, b) => a - b);
process.stdout.write(`${JSON.stringify({ case: 'text-names', backend: backendArg, threads: backend.capabilities.threads, msPerStep: times[Math.floor(times.length / 2)], steps: times.length })}\n`);
