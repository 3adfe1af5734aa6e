// Where the node (tfjs-node) reference step's time goes, beside PyTorch's, in one run: gradient pass
// vs Adam update, and TensorFlow ops launched per step (calls into tfjs-node's binding), for two arms
// interleaved step by step in one process (so load from other jobs hits both alike):
//   before: the portable dense kernels (tfjs ops) and NativeHostAdam (Adam in JavaScript);
//   after:  the backend's defaults, nativeDenseKernels and NativeAdam (TensorFlow's ResourceApplyAdam).
// Also the fixed cost of one launch. Usage: node bench/node-step-anatomy.mjs [steps]
// (after `npm run setup:native`; TensorFlow settings through its environment variables, e.g.
// TF_ENABLE_ONEDNN_OPTS=0; prints a table; the PyTorch half needs python3-torch).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { Cvae, elboTerms, parseModelConfig, portableDenseKernels, registerDenseKernels } from '@cvae/core';
import { NativeAdam, NativeHostAdam, nativeDenseKernels, nodeBackend } from '@cvae/backend-node';

const steps = Number(process.argv[2] ?? 60);
const WARMUP = 50;
await nodeBackend().init();
const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
const config = parseModelConfig({ inputSize: 784, conditionSize: 10, encoderHidden: [400], decoderHidden: [400], latentSize: 20 });
const settings = { learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 };
const x = tf.tidy(() => tf.cast(tf.greater(tf.randomUniform([128, 784], 0, 1, 'float32', 1), 0.5), 'float32'));
const c = tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(Array.from({ length: 128 }, (_, i) => i % 10), 'int32'), 10), 'float32'));

// Every TensorFlow op tfjs-node runs goes through binding.executeOp, synchronously: count the calls and
// time them by op name (the addon's exports are frozen, so the backend gets a counting view of them).
const backend = tf.backend();
const binding = backend.binding;
let launches = 0;
let opTimes; // Map op name -> [ms, calls] while a timed "after" step runs
const executeOp = (...args) => {
  launches++;
  if (opTimes === undefined) return binding.executeOp(...args);
  const t = performance.now();
  const out = binding.executeOp(...args);
  const entry = opTimes.get(args[0]) ?? [0, 0];
  opTimes.set(args[0], [entry[0] + performance.now() - t, entry[1] + 1]);
  return out;
};
backend.binding = Object.create(binding, { executeOp: { value: executeOp } });

const arms = {
  before: { model: new Cvae(config), adam: new NativeHostAdam(settings), dense: portableDenseKernels() },
  after: { model: new Cvae(config), adam: new NativeAdam(settings), dense: nativeDenseKernels() },
};
for (const arm of Object.values(arms)) arm.times = { step: [], gradients: [], update: [], launchesGradients: 0, launchesUpdate: 0 };
const afterOps = new Map();
for (let i = 0; i < steps + WARMUP; i++) {
  for (const [armName, { model, adam, dense, times }] of Object.entries(arms)) {
    registerDenseKernels('tensorflow', dense);
    opTimes = armName === 'after' && i >= WARMUP ? afterOps : undefined;
    const t0 = performance.now();
    const l0 = launches;
    let t1 = 0;
    let l1 = 0;
    tf.tidy(() => {
      const { value, grads } = tf.variableGrads(() => elboTerms(model, x, c, 1, i + 1).loss, model.variables());
      value.dataSync(); // the gradient pass has finished (tfjs-node runs eagerly, synchronously)
      t1 = performance.now();
      l1 = launches;
      adam.apply(model.variables(), grads);
      tf.sum(model.variables().at(-1)).dataSync();
    });
    const t2 = performance.now();
    if (i >= WARMUP) (times.step.push(t2 - t0), times.gradients.push(t1 - t0), times.update.push(t2 - t1));
    // The last step's counts (the same every step); the update's excludes the final sum and read.
    (times.launchesGradients = l1 - l0 - 1), (times.launchesUpdate = launches - l1 - 1);
  }
}
opTimes = undefined;
registerDenseKernels('tensorflow', nativeDenseKernels());
// The fixed cost of one launch: a scalar add, result disposed (what a tiny op costs end to end).
const a = tf.scalar(1);
const launch = [];
for (let r = 0; r < 30; r++) {
  const t = performance.now();
  for (let i = 0; i < 1000; i++) tf.add(a, a).dispose();
  launch.push((performance.now() - t) / 1000);
}
let torch;
try {
  const script = fileURLToPath(new URL('./reference/pytorch_anatomy.py', import.meta.url));
  torch = JSON.parse(execFileSync('/usr/bin/python3', [script, String(steps)], { encoding: 'utf8' }));
} catch (error) {
  console.error(`[bench] PyTorch half skipped: ${error.message.split('\n')[0]}`);
}
const fmt = (v) => (v === undefined ? '' : v.toFixed(2));
const row = (label, key) => `| ${label} | ${fmt(median(arms.before.times[key]))} | ${fmt(median(arms.after.times[key]))} | ${fmt(torch?.[key])} |`;
console.log(`| part (reference CVAE, batch 128, median of ${steps}) | node before ms | node after ms | PyTorch ms (1 thread) |`);
console.log('|---|---|---|---|');
console.log(row('whole step', 'step'));
console.log(row('forward + backward', 'gradients'));
console.log(row('Adam update', 'update'));
const { before, after } = arms;
console.log(`| TensorFlow ops launched: gradient pass / update | ${before.times.launchesGradients} / ${before.times.launchesUpdate} | ${after.times.launchesGradients} / ${after.times.launchesUpdate} | |`);
if (torch) console.log(`ratio to PyTorch: before ${(median(before.times.step) / torch.step).toFixed(2)}x, after ${(median(after.times.step) / torch.step).toFixed(2)}x`);
console.log(`one launch (scalar add, disposed): ${(median(launch) * 1000).toFixed(1)} us`);
const opRows = [...afterOps].map(([op, [ms, calls]]) => [op, ms / steps, calls / steps]).sort((p, q) => q[1] - p[1]);
const opTotal = opRows.reduce((sum, [, ms]) => sum + ms, 0);
console.log(`"after" step by TensorFlow op (time inside binding.executeOp, mean per step; ${opTotal.toFixed(2)} ms in all):`);
console.log(opRows.slice(0, 12).map(([op, ms, calls]) => `${op} ${ms.toFixed(2)} ms (${calls})`).join(', '));
tf.dispose([a, x, c]);
for (const { model, adam } of Object.values(arms)) (adam.dispose(), model.dispose());
