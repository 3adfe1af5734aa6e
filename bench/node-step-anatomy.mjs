// Where the node (tfjs-node) reference step's time goes, beside PyTorch's, in one run: gradient pass
// vs Adam update, kernel launches per step, the fixed cost of one launch through the binding, and the
// sum of TensorFlow's own kernel times. Usage: node bench/node-step-anatomy.mjs [steps]
// (after `npm run setup:native`; prints a table; the PyTorch half needs python3-torch).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { createAdam, Cvae, elboTerms, parseModelConfig } from '@cvae/core';
import { nodeBackend } from '@cvae/backend-node';

const steps = Number(process.argv[2] ?? 60);
await nodeBackend().init();
const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
const model = new Cvae(parseModelConfig({ inputSize: 784, conditionSize: 10, encoderHidden: [400], decoderHidden: [400], latentSize: 20 }));
const adam = createAdam({ learningRate: 1e-3 });
const x = tf.tidy(() => tf.cast(tf.greater(tf.randomUniform([128, 784], 0, 1, 'float32', 1), 0.5), 'float32'));
const c = tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(Array.from({ length: 128 }, (_, i) => i % 10), 'int32'), 10), 'float32'));

const phase = { step: [], gradients: [], update: [] };
for (let i = 0; i < steps + 50; i++) {
  const t0 = performance.now();
  let t1 = 0;
  tf.tidy(() => {
    const { value, grads } = tf.variableGrads(() => elboTerms(model, x, c, 1, i + 1).loss, model.variables());
    value.dataSync(); // the gradient pass has finished (tfjs-node runs eagerly, synchronously)
    t1 = performance.now();
    adam.apply(model.variables(), grads);
    tf.sum(model.variables().at(-1)).dataSync();
  });
  const t2 = performance.now();
  if (i >= 50) (phase.step.push(t2 - t0), phase.gradients.push(t1 - t0), phase.update.push(t2 - t1));
}
const profile = await tf.profile(() => tf.tidy(() => {
  const { value, grads } = tf.variableGrads(() => elboTerms(model, x, c, 1, 7).loss, model.variables());
  return [value, ...Object.values(grads)];
}));
const kernelMs = profile.kernels.reduce((sum, k) => sum + k.kernelTimeMs, 0);
// The fixed cost of one launch: a scalar add, result disposed (what a tiny op costs end to end).
const a = tf.scalar(1);
const launch = [];
for (let r = 0; r < 30; r++) {
  const t = performance.now();
  for (let i = 0; i < 1000; i++) tf.add(a, a).dispose();
  launch.push((performance.now() - t) / 1000);
}
const node = {
  step: median(phase.step), gradients: median(phase.gradients), update: median(phase.update),
  launches: profile.kernels.length, launchUs: median(launch) * 1000, kernelMs,
};
let torch;
try {
  const script = fileURLToPath(new URL('./reference/pytorch_anatomy.py', import.meta.url));
  torch = JSON.parse(execFileSync('/usr/bin/python3', [script, String(steps)], { encoding: 'utf8' }));
} catch (error) {
  console.error(`[bench] PyTorch half skipped: ${error.message.split('\n')[0]}`);
}
const fmt = (v) => (v === undefined ? '' : v.toFixed(2));
console.log('| part (reference CVAE, batch 128) | node (tfjs-node) ms | PyTorch ms (1 thread) |');
console.log('|---|---|---|');
console.log(`| whole step (median of ${steps}) | ${fmt(node.step)} | ${fmt(torch?.step)} |`);
console.log(`| forward + backward | ${fmt(node.gradients)} | ${fmt(torch?.gradients)} |`);
console.log(`| Adam update | ${fmt(node.update)} | ${fmt(torch?.update)} |`);
console.log(`| sum of TensorFlow kernel times (gradient pass, tf.profile) | ${fmt(node.kernelMs)} | |`);
console.log(`kernel launches in the gradient pass: ${node.launches}; one launch (scalar add) ${node.launchUs.toFixed(1)} us -> ${(node.launches * node.launchUs / 1000).toFixed(2)} ms of fixed launch cost per step`);
tf.dispose([a, x, c]);
adam.dispose();
model.dispose();
