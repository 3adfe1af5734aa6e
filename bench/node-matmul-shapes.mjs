// The matrix products of node's reference step (784+10 -> 400 -> z20, batch 128): the 11 MatMuls of the
// gradient pass with nativeDenseKernels (4 forward, 4 dW = X^T dZ, 3 dX = dZ W^T), each timed alone on
// TensorFlow (the op tfjs-node launches, result disposed) beside PyTorch's torch.mm on the same shapes
// (1 thread). Shows how much of the gradient pass is TensorFlow's matmul kernel itself.
// Usage: node bench/node-matmul-shapes.mjs [rounds]
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { nodeBackend } from '@cvae/backend-node';

const rounds = Number(process.argv[2] ?? 200);
await nodeBackend().init();
const backend = tf.backend();
const { binding } = backend;
// [m, k, n, transposeA, transposeB]: the product is [m, n] with inner size k.
const shapes = [
  [128, 794, 400, false, false], [128, 400, 40, false, false], [128, 30, 400, false, false], [128, 400, 784, false, false],
  [794, 128, 400, true, false], [400, 128, 40, true, false], [30, 128, 400, true, false], [400, 128, 784, true, false],
  [128, 40, 400, false, true], [128, 400, 30, false, true], [128, 784, 400, false, true],
];
const median = (values) => [...values].sort((p, q) => p - q)[values.length >> 1];
const node = shapes.map(([m, k, n, ta, tb]) => {
  const a = tf.randomNormal(ta ? [k, m] : [m, k]);
  const b = tf.randomNormal(tb ? [n, k] : [k, n]);
  const attrs = [
    { name: 'T', type: binding.TF_ATTR_TYPE, value: binding.TF_FLOAT },
    { name: 'transpose_a', type: binding.TF_ATTR_BOOL, value: ta },
    { name: 'transpose_b', type: binding.TF_ATTR_BOOL, value: tb },
  ];
  const run = () => backend.executeSingleOutput('MatMul', attrs, [a, b]).dispose();
  for (let i = 0; i < 20; i++) run();
  const times = [];
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    run();
    times.push(performance.now() - t);
  }
  tf.dispose([a, b]);
  return median(times);
});
let torch;
try {
  const script = fileURLToPath(new URL('./reference/pytorch_matmul_shapes.py', import.meta.url));
  torch = JSON.parse(execFileSync('/usr/bin/python3', [script, String(rounds), JSON.stringify(shapes)], { encoding: 'utf8' })).ms;
} catch (error) {
  console.error(`[bench] PyTorch half skipped: ${error.message.split('\n')[0]}`);
}
console.log(`| product [m x k] x [k x n] (median of ${rounds}) | TensorFlow MatMul ms | PyTorch torch.mm ms (1 thread) |`);
console.log('|---|---|---|');
shapes.forEach(([m, k, n, ta, tb], i) => console.log(`| ${m}x${k} . ${k}x${n}${ta ? ' (A^T)' : ''}${tb ? ' (B^T)' : ''} | ${node[i].toFixed(3)} | ${torch?.[i]?.toFixed(3) ?? ''} |`));
const sum = (values) => values.reduce((s, v) => s + v, 0);
console.log(`| all 11 | ${sum(node).toFixed(2)} | ${torch ? sum(torch).toFixed(2) : ''} |`);
