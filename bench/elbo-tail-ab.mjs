// A/B of the ELBO's tail (reparameterisation, Bernoulli NLL, KL and their gradients) on one backend, in
// whole reference training steps interleaved in one process: "before" writes the tail as it was until
// 2026-12-02 (relu(l) - l x - log(sigmoid(|l|)) with x an input of the custom op, autodiff through
// reparameterisation and tf.mean(gaussianKl)); "after" is core's elboTerms (softplus NLL, meanGaussianKl,
// reparameterize's written-out gradient). Both use the same encoder/decoder (model.encode/decode, so the
// dense kernels, including the data-input layer without a zero dX, are the same) and the backend's Adam.
// Usage: node bench/elbo-tail-ab.mjs <node|wasm|cpu> [steps]
import * as tf from '@tensorflow/tfjs-core';
import { createAdam, cpuBackend, Cvae, elboTerms, gaussianKl, parseModelConfig } from '@cvae/core';
import { nodeBackend } from '@cvae/backend-node';
import { wasmBackend } from '@cvae/backend-wasm';
import { earlierBernoulliNll } from './earlier-bernoulli-nll.mjs';

const [name = 'node', stepsArg] = process.argv.slice(2);
const steps = Number(stepsArg ?? 60);
const WARMUP = 50;
const backends = { node: () => nodeBackend(), wasm: () => wasmBackend(), cpu: async () => (await import('@tensorflow/tfjs-backend-cpu'), cpuBackend()) };
await (await backends[name]()).init();
const beforeLoss = (model, x, c, seed) => {
  const { mu, logvar } = model.encode(x, c);
  const z = tf.add(mu, tf.mul(tf.exp(tf.mul(logvar, 0.5)), tf.randomNormal(mu.shape, 0, 1, 'float32', seed)));
  return tf.add(tf.mean(earlierBernoulliNll(model.decode(z, c), x)), tf.mean(gaussianKl(mu, logvar)));
};
const afterLoss = (model, x, c, seed) => elboTerms(model, x, c, 1, seed).loss;
const config = parseModelConfig({ inputSize: 784, conditionSize: 10, encoderHidden: [400], decoderHidden: [400], latentSize: 20 });
const x = tf.tidy(() => tf.cast(tf.greater(tf.randomUniform([128, 784], 0, 1, 'float32', 1), 0.5), 'float32'));
const c = tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(Array.from({ length: 128 }, (_, i) => i % 10), 'int32'), 10), 'float32'));
const arms = { before: beforeLoss, after: afterLoss };
const state = Object.fromEntries(Object.keys(arms).map((arm) => [arm, { model: new Cvae(config), adam: createAdam({ learningRate: 1e-3 }), times: [], loss: 0 }]));
for (let i = 0; i < WARMUP + steps; i++) {
  for (const [arm, loss] of Object.entries(arms)) {
    const { model, adam, times } = state[arm];
    const t = performance.now();
    const value = tf.tidy(() => {
      const { value, grads } = tf.variableGrads(() => loss(model, x, c, i + 1), model.variables());
      adam.apply(model.variables(), grads);
      return value;
    });
    state[arm].loss = value.dataSync()[0];
    value.dispose();
    if (i >= WARMUP) times.push(performance.now() - t);
  }
}
const median = (a) => [...a].sort((p, q) => p - q)[a.length >> 1];
console.log(`${name} (${tf.getBackend()}), reference step, median of ${steps} after ${WARMUP} warm-up, interleaved:`);
for (const arm of Object.keys(arms)) console.log(`  ${arm.padEnd(6)} ${median(state[arm].times).toFixed(2)} ms  (loss after ${WARMUP + steps} steps ${state[arm].loss.toFixed(3)})`);
tf.dispose([x, c]);
