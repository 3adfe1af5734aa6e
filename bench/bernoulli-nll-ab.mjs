// A/B of the Bernoulli NLL's forward form on one backend, interleaved in one process:
// relu(l) - l x - log(sigmoid(|l|)) (6 element-wise kernels; as it was until 2026-12-02, with x an input
// of the custom op and a zero gradient for it) against softplus(l) - l x (3, x saved, not an input), each
// with the written-out gradient sigmoid(l) - x, on the reference decoder's output ([128, 784]); and core's
// bernoulliNll, which picks one of the two forms by backend (likelihood/bernoulli.ts).
// Usage: node bench/bernoulli-nll-ab.mjs <node|wasm|cpu> [rounds]
import * as tf from '@tensorflow/tfjs-core';
import { bernoulliNll, cpuBackend } from '@cvae/core';
import { nodeBackend } from '@cvae/backend-node';
import { wasmBackend } from '@cvae/backend-wasm';
import { earlierBernoulliNll } from './earlier-bernoulli-nll.mjs';

const [name = 'node', roundsArg] = process.argv.slice(2);
const rounds = Number(roundsArg ?? 200);
const backends = { node: () => nodeBackend(), wasm: () => wasmBackend(), cpu: async () => (await import('@tensorflow/tfjs-backend-cpu'), cpuBackend()) };
await (await backends[name]()).init();
const logits = tf.tidy(() => tf.mul(tf.randomNormal([128, 784], 0, 1, 'float32', 5), 4));
const x = tf.tidy(() => tf.cast(tf.greater(tf.randomUniform([128, 784], 0, 1, 'float32', 1), 0.5), 'float32'));
const softplusNll = (logits, x) =>
  tf.customGrad((l, save) => {
    save([l, x]);
    return {
      value: tf.sum(tf.sub(tf.softplus(l), tf.mul(l, x)), 1),
      gradFunc: (dy, [ls, xs]) => tf.mul(tf.expandDims(dy, 1), tf.sub(tf.sigmoid(ls), xs)),
    };
  })(logits);
const arms = { logSigmoid: earlierBernoulliNll, softplus: softplusNll, core: bernoulliNll };
const times = { logSigmoid: [], softplus: [], core: [] };
const values = {};
for (let r = 0; r < rounds + 20; r++) {
  for (const [arm, nll] of Object.entries(arms)) {
    const t = performance.now();
    const [value, grad] = tf.tidy(() => {
      const { value, grads } = tf.valueAndGrads((l) => tf.mean(nll(l, x)))([logits]);
      return [value, grads[0]];
    });
    values[arm] = [value.dataSync()[0], grad.dataSync()[0]];
    tf.dispose([value, grad]);
    if (r >= 20) times[arm].push(performance.now() - t);
  }
}
const median = (a) => [...a].sort((p, q) => p - q)[a.length >> 1];
console.log(`${name} (${tf.getBackend()}), Bernoulli NLL forward + gradient on [128, 784], median of ${rounds}:`);
for (const arm of Object.keys(arms)) console.log(`  ${arm.padEnd(10)} ${median(times[arm]).toFixed(3)} ms  (mean NLL ${values[arm][0].toFixed(4)}, dl[0] ${values[arm][1].toExponential(4)})`);
