// Every call node's reference step makes into tfjs-node's binding, in order, for one step after warm-up:
// TensorFlow ops (executeOp, by name) and tensor uploads (createTensor, with shape), split into the gradient
// pass and the Adam update, with the tfjs kernel that launched each. Shows which ops the loss and its
// gradient cost beyond the dense layers. Usage: node bench/node-op-trace.mjs [--list]
import * as tf from '@tensorflow/tfjs-core';
import { createAdam, Cvae, elboTerms, parseModelConfig } from '@cvae/core';
import { nodeBackend } from '@cvae/backend-node';

const list = process.argv.includes('--list');
await nodeBackend().init();
const config = parseModelConfig({ inputSize: 784, conditionSize: 10, encoderHidden: [400], decoderHidden: [400], latentSize: 20 });
const model = new Cvae(config);
const adam = createAdam({ learningRate: 1e-3 });
const x = tf.tidy(() => tf.cast(tf.greater(tf.randomUniform([128, 784], 0, 1, 'float32', 1), 0.5), 'float32'));
const c = tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(Array.from({ length: 128 }, (_, i) => i % 10), 'int32'), 10), 'float32'));

// The binding's exports are frozen: the backend gets a recording view of them.
const backend = tf.backend();
const binding = backend.binding;
let calls;
let kernel = '';
const record = (name) => (...args) => {
  calls?.push(name === 'executeOp' ? `${args[0]} <- ${kernel}` : `upload [${args[0]}] <- ${kernel}`);
  return binding[name](...args);
};
backend.binding = Object.create(binding, { executeOp: { value: record('executeOp') }, createTensor: { value: record('createTensor') } });
// Which tfjs kernel is running (the engine's runKernel), to attribute each call.
const engine = tf.engine();
const runKernel = engine.runKernel.bind(engine);
engine.runKernel = (name, ...rest) => {
  const outer = kernel;
  kernel = name;
  try {
    return runKernel(name, ...rest);
  } finally {
    kernel = outer;
  }
};

const parts = {};
for (let i = 0; i < 6; i++) {
  const trace = i === 5;
  tf.tidy(() => {
    calls = trace ? [] : undefined;
    kernel = '(no tfjs kernel)';
    const { value, grads } = tf.variableGrads(() => elboTerms(model, x, c, 1, i + 1).loss, model.variables());
    value.dataSync();
    if (trace) (parts.gradients = calls, (calls = []));
    adam.apply(model.variables(), grads);
    if (trace) parts.update = calls;
    calls = undefined;
  });
}
for (const [part, entries] of Object.entries(parts)) {
  const counts = new Map();
  for (const entry of entries) {
    const key = entry.startsWith('upload') ? `upload <- ${entry.split('<- ')[1]}` : entry;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const ops = entries.filter((e) => !e.startsWith('upload')).length;
  console.log(`${part}: ${ops} TensorFlow ops, ${entries.length - ops} uploads`);
  console.log([...counts].sort((p, q) => q[1] - p[1]).map(([k, n]) => `  ${n} x ${k}`).join('\n'));
  if (list) console.log(entries.map((e, i) => `    ${i}: ${e}`).join('\n'));
}
tf.dispose([x, c]);
adam.dispose?.();
model.dispose();
