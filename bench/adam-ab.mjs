// A/B of the Adam update on wasm, interleaved in one process so that load from other jobs hits
// both alike: tfjs's Adam (tf.train.adam) vs @cvae/backend-wasm's HeapAdam, each on its own copy of
// the reference CVAE. Prints medians of the full step and of the update alone.
// Usage: node bench/adam-ab.mjs [threads] [steps]
import * as tf from '@tensorflow/tfjs-core';
import { Cvae, elboTerms, parseModelConfig } from '@cvae/core';
import { HeapAdam, wasmBackend } from '@cvae/backend-wasm';

const threads = Number(process.argv[2] ?? 2);
const steps = Number(process.argv[3] ?? 40);
await wasmBackend({ threads }).init();
const config = parseModelConfig({ inputSize: 784, conditionSize: 10 });
const x = tf.tidy(() => tf.cast(tf.greater(tf.randomUniform([128, 784], 0, 1, 'float32', 1), 0.5), 'float32'));
const c = tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(Array.from({ length: 128 }, (_, i) => i % 10), 'int32'), 10), 'float32'));
const tfAdam = tf.train.adam(1e-3, 0.9, 0.999, 1e-7);
const arms = {
  tfjs: { model: new Cvae(config), apply: (vars, grads) => tfAdam.applyGradients(vars.map((v) => ({ name: v.name, tensor: grads[v.name] }))) },
  heap: { model: new Cvae(config), apply: ((adam) => (vars, grads) => adam.apply(vars, grads))(new HeapAdam({ learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 })) },
};
const times = { tfjs: { step: [], update: [] }, heap: { step: [], update: [] } };
const read = () => tf.tidy(() => tf.sum(arms.tfjs.model.variables()[0]).dataSync()); // waits for the pool
for (let i = 0; i < steps + 5; i++) {
  for (const [name, { model, apply }] of Object.entries(arms)) {
    const started = performance.now();
    let update = 0;
    tf.tidy(() => {
      const vars = model.variables();
      const { grads } = tf.variableGrads(() => elboTerms(model, x, c, 1, i + 1).loss, vars);
      const t = performance.now();
      apply(vars, grads);
      tf.sum(vars[0]).dataSync();
      update = performance.now() - t;
    });
    const total = performance.now() - started;
    if (i >= 5) (times[name].step.push(total), times[name].update.push(update));
  }
}
read();
const median = (a) => a.sort((p, q) => p - q)[a.length >> 1].toFixed(2);
for (const [name, t] of Object.entries(times)) console.log(`${name.padEnd(5)} step ${median(t.step)} ms  update ${median(t.update)} ms  (median of ${steps}, ${threads} threads)`);
console.log(`numTensors ${tf.memory().numTensors}`);
