// A/B of the dense layers' kernels on one backend, interleaved step by step in one process (load from
// other jobs hits every arm alike): the reference CVAE step (784+10 -> 400 -> z20, batch 128, the
// backend's Adam) with
//   portable: matMul + add + activation, hand-written gradient with explicit transposes (core's default);
//   fused:    tf.fused.matMul({ a, b, bias, activation }) forward and the gradient tfjs-core gives it
//             (transposed matMuls, dy * step(y), the bias gradient as a column sum), written out here;
//   native:   nativeDenseKernels (node only: TensorFlow's MatMul flags, BiasAdd, ReluGrad, BiasAddGrad).
// Usage: node bench/dense-kernels-ab.mjs <node|wasm|wasm-1thread|cpu> [steps]
import * as tf from '@tensorflow/tfjs-core';
import { activate, Cvae, cpuBackend, createAdam, elboTerms, parseModelConfig, portableDenseKernels, registerDenseKernels } from '@cvae/core';
import { nativeDenseKernels, nodeBackend } from '@cvae/backend-node';
import { wasmBackend } from '@cvae/backend-wasm';

const [name = 'node', stepsArg] = process.argv.slice(2);
const steps = Number(stepsArg ?? 40);
const WARMUP = 50;
const backends = {
  node: () => nodeBackend(),
  wasm: () => wasmBackend(),
  'wasm-1thread': () => wasmBackend({ threads: 1 }),
  cpu: async () => (await import('@tensorflow/tfjs-backend-cpu'), cpuBackend()),
};
await (await backends[name]()).init();
const backendName = tf.getBackend();

// tfjs-core's gradient of fusedMatMul (fused_mat_mul.ts), for the activations the model uses.
const fusedDyActivation = (dy, y, activation) => (activation === 'linear' ? dy : activation === 'relu' ? tf.mul(dy, tf.step(y)) : undefined);
const fusedKernels = {
  forward: (x, w, b, activation) =>
    ['relu', 'linear'].includes(activation) ? tf.fused.matMul({ a: x, b: w, bias: b, activation }) : activate(tf.add(tf.matMul(x, w), b), activation),
  backward: (dy, x, w, y, activation, inputGradient) => {
    const dz = fusedDyActivation(dy, y, activation);
    if (dz === undefined) throw new Error(`fused arm: no fused gradient for ${activation}`);
    return [inputGradient ? tf.matMul(dz, w, false, true) : undefined, tf.matMul(x, dz, true, false), tf.sum(dz, 0)];
  },
};
const arms = { portable: portableDenseKernels(), fused: fusedKernels, ...(backendName === 'tensorflow' ? { native: nativeDenseKernels() } : {}) };

const config = parseModelConfig({ inputSize: 784, conditionSize: 10, encoderHidden: [400], decoderHidden: [400], latentSize: 20 });
const x = tf.tidy(() => tf.cast(tf.greater(tf.randomUniform([128, 784], 0, 1, 'float32', 1), 0.5), 'float32'));
const c = tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(Array.from({ length: 128 }, (_, i) => i % 10), 'int32'), 10), 'float32'));
const state = Object.fromEntries(Object.keys(arms).map((arm) => [arm, { model: new Cvae(config), adam: createAdam({ learningRate: 1e-3 }), times: [], loss: 0 }]));
for (let i = 0; i < WARMUP + steps; i++) {
  for (const [arm, kernels] of Object.entries(arms)) {
    registerDenseKernels(backendName, kernels);
    const { model, adam, times } = state[arm];
    const started = performance.now();
    const loss = tf.tidy(() => {
      const { value, grads } = tf.variableGrads(() => elboTerms(model, x, c, 1, i + 1).loss, model.variables());
      adam.apply(model.variables(), grads);
      return value;
    });
    state[arm].loss = (await loss.data())[0];
    loss.dispose();
    if (i >= WARMUP) times.push(performance.now() - started);
  }
}
registerDenseKernels(backendName, name === 'node' ? nativeDenseKernels() : portableDenseKernels());
const median = (values) => [...values].sort((p, q) => p - q)[values.length >> 1];
console.log(`${name} (${backendName}), reference step, median of ${steps} after ${WARMUP} warm-up steps, arms interleaved:`);
for (const [arm, { times, loss }] of Object.entries(state)) console.log(`  ${arm.padEnd(8)} ${median(times).toFixed(2)} ms/step  (loss after ${WARMUP + steps} steps ${loss.toFixed(4)})`);
