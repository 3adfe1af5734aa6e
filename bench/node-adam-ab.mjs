// A/B/C of the Adam update on node (tfjs-node), interleaved in one process so that load from other jobs
// hits all alike: tfjs's Adam (tf.train.adam, ~14 TensorFlow ops per variable), NativeHostAdam
// (adamStep over the variable's data in JavaScript, one upload back) and NativeAdam (TensorFlow's
// ResourceApplyAdam kernel, 3 binding calls per variable). Usage: node bench/node-adam-ab.mjs [steps]
import * as tf from '@tensorflow/tfjs-core';
import { Cvae, elboTerms, parseModelConfig } from '@cvae/core';
import { NativeAdam, NativeHostAdam, nodeBackend } from '@cvae/backend-node';

const steps = Number(process.argv[2] ?? 40);
await nodeBackend().init();
const config = parseModelConfig({ inputSize: 784, conditionSize: 10 });
const x = tf.tidy(() => tf.cast(tf.greater(tf.randomUniform([128, 784], 0, 1, 'float32', 1), 0.5), 'float32'));
const c = tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(Array.from({ length: 128 }, (_, i) => i % 10), 'int32'), 10), 'float32'));
const settings = { learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 };
const tfAdam = tf.train.adam(1e-3, 0.9, 0.999, 1e-7);
const host = new NativeHostAdam(settings);
const native = new NativeAdam(settings);
const arms = {
  tfjs: { model: new Cvae(config), apply: (vars, grads) => tfAdam.applyGradients(vars.map((v) => ({ name: v.name, tensor: grads[v.name] }))) },
  host: { model: new Cvae(config), apply: (vars, grads) => host.apply(vars, grads) },
  native: { model: new Cvae(config), apply: (vars, grads) => native.apply(vars, grads) },
};
const times = Object.fromEntries(Object.keys(arms).map((name) => [name, { step: [], update: [] }]));
for (let i = 0; i < steps + 20; i++) {
  for (const [name, { model, apply }] of Object.entries(arms)) {
    const started = performance.now();
    let update = 0;
    tf.tidy(() => {
      const vars = model.variables();
      const { value, grads } = tf.variableGrads(() => elboTerms(model, x, c, 1, i + 1).loss, vars);
      value.dataSync();
      const t = performance.now();
      apply(vars, grads);
      tf.sum(vars[0]).dataSync();
      update = performance.now() - t;
    });
    const total = performance.now() - started;
    if (i >= 20) (times[name].step.push(total), times[name].update.push(update));
  }
}
const median = (a) => a.sort((p, q) => p - q)[a.length >> 1].toFixed(2);
for (const [name, t] of Object.entries(times)) console.log(`${name.padEnd(6)} step ${median(t.step)} ms  update ${median(t.update)} ms  (median of ${steps})`);
