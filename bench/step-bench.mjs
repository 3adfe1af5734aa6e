// One backend's timings, as JSON rows on stdout (run by bench/run.mjs, one process per backend so
// that backends do not share a heap or a thread pool). Usage: node bench/step-bench.mjs <backend> [steps]
import * as tf from '@tensorflow/tfjs-core';
import { BackendUnavailableError, createAdam, Cvae, cpuBackend, elboTerms, iwaeLogLikelihood, parseModelConfig } from '@cvae/core';
import { referenceElbo } from '@cvae/core/testing';
import { nodeBackend } from '@cvae/backend-node';
import { wasmBackend } from '@cvae/backend-wasm';

const [name, stepsArg] = process.argv.slice(2);
const steps = Number(stepsArg ?? 30);
/** Untimed steps before the timed ones (the PyTorch reference takes as many). */
const WARMUP_STEPS = 50;
const emit = (row) => process.stdout.write(`${JSON.stringify({ backend: name, ...row })}\n`);

// Stock backends: tfjs's own backend as a plain tfjs user gets it (no cvae kernels or threads).
const stockBackend = (tfName, load) => async () => {
  await load();
  return { name: tfName, capabilities: { threads: 1 }, init: async () => void (await tf.setBackend(tfName)) };
};
const backends = {
  wasm: () => wasmBackend(),
  'wasm-1thread': () => wasmBackend({ threads: 1 }),
  'wasm-stock': stockBackend('wasm', () => import('@tensorflow/tfjs-backend-wasm')),
  cpu: async () => (await import('@tensorflow/tfjs-backend-cpu'), cpuBackend()),
  'cpu-stock': stockBackend('cpu', () => import('@tensorflow/tfjs-backend-cpu')),
  node: () => nodeBackend(),
};
const isStock = name.endsWith('-stock');
const backend = await backends[name]();
try {
  await backend.init();
} catch (error) {
  if (!(error instanceof BackendUnavailableError)) throw error;
  emit({ case: 'unavailable', reason: error.message });
  process.exit(0);
}

function fixedBatch(batchSize) {
  return tf.tidy(() => ({
    x: tf.cast(tf.greater(tf.randomUniform([batchSize, 784], 0, 1, 'float32', 1), 0.5), 'float32'),
    c: tf.cast(tf.oneHot(tf.tensor1d(Array.from({ length: batchSize }, (_, i) => i % 10), 'int32'), 10), 'float32'),
  }));
}

/**
 * Median ms of one Adam step (forward, backward, update, and a read so async backends finish).
 * `stock` uses tfjs's own Adam and autodiff through plain ops; otherwise the library's fast path.
 */
function timeSteps({ hidden, architecture, batchSize, stock, count }) {
  const model = new Cvae(parseModelConfig({ inputSize: 784, conditionSize: 10, encoderHidden: [hidden], decoderHidden: [hidden], architecture }));
  const tfAdam = tf.train.adam(1e-3);
  const adam = createAdam({ learningRate: 1e-3 });
  const { x, c } = fixedBatch(batchSize);
  const step = (i) => {
    const loss = tf.tidy(() => {
      if (stock) return tfAdam.minimize(() => referenceElbo(model, x, c, i + 1), true, model.variables());
      const { value, grads } = tf.variableGrads(() => elboTerms(model, x, c, 1, i + 1).loss, model.variables());
      adam.apply(model.variables(), grads);
      return value;
    });
    loss.dataSync();
    loss.dispose();
  };
  // Steady state: V8 compiles wasm (XNNPACK included) with its baseline tier first and optimises hot
  // functions later; the first ~40 steps of the reference case run ~25% slower (measured: 25.5 ms median
  // after 5 warm-up steps, 20.2 ms after 60). A training epoch is 469 steps, so it runs at the later speed.
  for (let i = 0; i < WARMUP_STEPS; i++) step(i);
  const times = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    step(i);
    times.push(performance.now() - started);
  }
  tf.dispose([x, c]);
  tfAdam.dispose();
  adam.dispose();
  model.dispose();
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const threads = backend.capabilities.threads;
// Stock: the same model and loss through tfjs's default ops, autodiff and Adam, on stock tfjs.
const cases = isStock
  ? [{ case: 'reference', hidden: 400, batchSize: 128, stock: true }]
  : [
      { case: 'reference', hidden: 400, batchSize: 128 },
      { case: 'large', hidden: 1024, batchSize: 256 },
      // MNIST's conv net (conv 32, 64, kernel 4, stride 2; the CLI's --arch conv). Not on cpu: tfjs's
      // JavaScript conv kernels would take minutes over 80 steps.
      ...(name === 'cpu' ? [] : [{ case: 'conv', hidden: 400, architecture: { kind: 'conv', imageShape: [28, 28, 1] }, batchSize: 128 }]),
    ];
for (const { case: caseName, ...spec } of cases) {
  const msPerStep = timeSteps({ ...spec, count: steps });
  const stepsPerEpoch = Math.ceil(60000 / spec.batchSize);
  emit({ case: caseName, threads, msPerStep, batchSize: spec.batchSize, epochSeconds: (msPerStep * stepsPerEpoch) / 1000, samplesPerSecond: (spec.batchSize / msPerStep) * 1000 });
}

// Evaluation throughput: IWAE with k = 100 on 200 examples.
if (!isStock) {
  const model = new Cvae(parseModelConfig({ inputSize: 784, conditionSize: 10 }));
  const { x, c } = fixedBatch(200);
  const run = () => tf.tidy(() => iwaeLogLikelihood(model, x, c, { k: 100, seed: 1 }).dataSync());
  run();
  const started = performance.now();
  run();
  emit({ case: 'iwae-k100', threads, samplesPerSecond: 200 / ((performance.now() - started) / 1000) });
  tf.dispose([x, c]);
  model.dispose();
}
emit({ case: 'process', peakRssMiB: process.resourceUsage().maxRSS / 1024 });
