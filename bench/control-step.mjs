// ms per training step of the CLI's default MNIST model (784-512-512-z32, batch 128, wasm) under the
// issue-18 variants, interleaved in one process so that load from other jobs hits all alike.
// Usage: node bench/control-step.mjs [threads] [rounds] [wasm|node]. Prints one JSON row per variant (median ms).
// On node, threads is TensorFlow's intra-op pool (0 = TensorFlow's default).
import * as tf from '@tensorflow/tfjs-core';
import { createAdam, Cvae, elboTerms, parseModelConfig } from '@cvae/core';
import { wasmBackend } from '@cvae/backend-wasm';
import { nodeBackend } from '@cvae/backend-node';

const [threadsArg, roundsArg, backendArg = 'wasm'] = process.argv.slice(2);
const threads = Number(threadsArg ?? 1);
const backend = backendArg === 'node' ? nodeBackend(threads > 0 ? { intraOpThreads: threads } : {}) : wasmBackend({ threads });
await backend.init();
const rounds = Number(roundsArg ?? 6);
const base = { inputSize: 784, conditionSize: 10, latentSize: 32, encoderHidden: [512, 512], decoderHidden: [512, 512] };
const variants = {
  default: { config: {}, independence: 0 },
  'learned-prior': { config: { prior: { kind: 'learned', hidden: [] } }, independence: 0 },
  'every-layer': { config: { decoderCondition: 'every-layer' }, independence: 0 },
  'independence-10': { config: {}, independence: 10 },
  'learned+every-layer': { config: { prior: { kind: 'learned', hidden: [] }, decoderCondition: 'every-layer' }, independence: 0 },
  // --latent 64 --top-latent 32: the two-stochastic-layer option (its ELBO step; the decaying rate costs nothing).
  'two-layer': { config: { prior: { kind: 'learned', hidden: [] }, decoderCondition: 'every-layer', latentSize: 64, topLatent: { size: 32, hidden: [256, 256] } }, independence: 0 },
};
const { x, c } = tf.tidy(() => ({
  x: tf.cast(tf.greater(tf.randomUniform([128, 784], 0, 1, 'float32', 1), 0.5), 'float32'),
  c: tf.cast(tf.oneHot(tf.tensor1d(Array.from({ length: 128 }, (_, i) => i % 10), 'int32'), 10), 'float32'),
}));
const runs = Object.entries(variants).map(([name, v]) => {
  const model = new Cvae(parseModelConfig({ ...base, ...v.config }));
  const adam = createAdam({ learningRate: 1e-3 });
  const step = (i) => {
    const loss = tf.tidy(() => {
      const { value, grads } = tf.variableGrads(() => elboTerms(model, x, c, 1, i + 1, 0, v.independence).loss, model.variables());
      adam.apply(model.variables(), grads);
      return value;
    });
    loss.dataSync();
    loss.dispose();
  };
  for (let i = 0; i < 50; i++) step(i);
  return { name, step, times: [] };
});
for (let round = 0; round < rounds; round++) {
  for (const run of runs) {
    for (let i = 0; i < 10; i++) {
      const started = performance.now();
      run.step(i);
      run.times.push(performance.now() - started);
    }
  }
}
for (const run of runs) {
  const sorted = [...run.times].sort((a, b) => a - b);
  process.stdout.write(`${JSON.stringify({ variant: run.name, msPerStep: sorted[Math.floor(sorted.length / 2)], steps: sorted.length })}\n`);
}
