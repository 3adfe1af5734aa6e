// Where a training step's time goes on wasm, per kernel (tf.profile).
// Usage: node bench/profile-step.mjs [threads] [--arch conv] [--calls]
import * as tf from '@tensorflow/tfjs-core';
import { createAdam, Cvae, elboTerms, parseModelConfig } from '@cvae/core';
import { wasmBackend } from '@cvae/backend-wasm';

const threads = Number(process.argv[2]);
const backend = wasmBackend({ threads: Number.isInteger(threads) ? threads : 2 });
await backend.init();
const conv = process.argv.includes('conv');
const model = new Cvae(
  parseModelConfig({ inputSize: 784, conditionSize: 10, architecture: conv ? { kind: 'conv', imageShape: [28, 28, 1] } : { kind: 'mlp' } }),
);
const optimizer = createAdam({ learningRate: 1e-3 });
const x = tf.tidy(() => tf.cast(tf.greater(tf.randomUniform([128, 784], 0, 1, 'float32', 1), 0.5), 'float32'));
const c = tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(Array.from({ length: 128 }, (_, i) => i % 10), 'int32'), 10), 'float32'));
const step = (i) =>
  tf.tidy(() => {
    const { grads } = tf.variableGrads(() => elboTerms(model, x, c, 1, i + 1).loss, model.variables());
    optimizer.apply(model.variables(), grads);
  });
for (let i = 0; i < 10; i++) step(i);
const phases = {
  forward: () => tf.tidy(() => elboTerms(model, x, c, 1, 3).loss),
  gradients: () => tf.tidy(() => { const g = tf.variableGrads(() => elboTerms(model, x, c, 1, 3).loss, model.variables()); return g.value; }),
  step: () => step(3),
};
for (const [name, fn] of Object.entries(phases)) {
  const times = [];
  for (let i = 0; i < 30; i++) { const t = performance.now(); const r = fn(); if (r) { r.dataSync(); r.dispose(); } else tf.tidy(() => tf.sum(model.variables()[0]).dataSync()); times.push(performance.now() - t); }
  times.sort((a, b) => a - b);
  console.log(`${name}: median ${times[15].toFixed(2)} ms`);
}
const profile = await tf.profile(() => step(5));
const byKernel = {};
for (const k of profile.kernels) {
  const entry = (byKernel[k.name] ??= { ms: 0, calls: 0 });
  entry.ms += k.kernelTimeMs;
  entry.calls++;
}
const rows = Object.entries(byKernel).sort((a, b) => b[1].ms - a[1].ms);
console.log(`kernels: ${profile.kernels.length} launches`);
for (const [name, { ms, calls }] of rows.slice(0, 25)) console.log(`${name.padEnd(22)} ${ms.toFixed(2).padStart(7)} ms  ${calls} calls`);
if (process.argv.includes('--calls')) {
  for (const k of profile.kernels) {
    if (['BatchMatMul', '_FusedMatMul', 'Exp', 'Sum', 'Transpose', 'Identity', 'Log1p', 'Concat'].includes(k.name)) {
      console.log(`${k.name.padEnd(14)} ${k.kernelTimeMs.toFixed(3).padStart(7)} ms  in ${JSON.stringify(k.inputShapes)} out ${JSON.stringify(k.outputShapes)}`);
    }
  }
}
