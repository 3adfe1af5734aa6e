// Single-threaded SIMD wasm build (tfjs's default in Node) vs the threaded SIMD build with a pool
// of THREADS threads (registerThreadedWasm), in one process, in alternating rounds so that a
// change in machine load hits both alike.
//
//   npm run build -w @cvae/backend-wasm && node packages/backend-wasm/bench/threads.mjs [rounds]
//
// Per round and build: plain tf.matMul 128x794 @ 794x400 (the CVAE's first layer at batch 128),
// median of RUNS after WARMUP; and one training-like step of the (784+10)-400-20-(20+10)-400-784
// CVAE at batch 128 — forward, hand-written backward (the dense gradients as the fast custom
// gradient writes them: matMul with explicit transposes), Adam — median of STEPS after warm-up.
// The script ends with the threaded backend still active and does not dispose it: it must return
// to the shell on its own (the pool's workers are unref'd).
import { availableParallelism, cpus, loadavg } from 'node:os';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';

const THREADS = 2;
const ROUNDS = Number(process.argv[2] ?? 3);
const WARMUP = 10;
const RUNS = 40;
const STEPS = 15;
const [M, K, N] = [128, 794, 400];

let registerThreadedWasm;
try {
  ({ registerThreadedWasm } = await import('../dist/threaded/load-threaded-wasm.js'));
} catch (error) {
  console.error(`cannot load ../dist/threaded/load-threaded-wasm.js (${error.message}); run: npm run build -w @cvae/backend-wasm`);
  process.exit(1);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

// tfjs's own factory for 'wasm' (init() -> single-threaded SIMD build in Node), to switch back to.
const stockFactory = tf.findBackendFactory('wasm');

async function useSingleThreaded() {
  tf.removeBackend('wasm'); // disposes the threaded backend, terminating its workers
  tf.registerBackend('wasm', stockFactory, 2);
  if (!(await tf.setBackend('wasm'))) throw new Error('stock wasm backend failed');
  return tf.backend().wasm.tfjs.getThreadsCount();
}

async function useThreaded() {
  let reason = '';
  if (!(await registerThreadedWasm(THREADS, { onUnavailable: (why) => (reason = why) }))) {
    throw new Error(`threaded wasm unavailable: ${reason}`);
  }
  if (!(await tf.setBackend('wasm'))) throw new Error('threaded wasm backend failed');
  return tf.backend().wasm.tfjs.getThreadsCount();
}

function benchMatMul() {
  const a = tf.randomNormal([M, K]);
  const b = tf.randomNormal([K, N]);
  const times = [];
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const start = performance.now();
    const c = tf.matMul(a, b);
    c.dataSync();
    const ms = performance.now() - start;
    c.dispose();
    if (i >= WARMUP) times.push(ms);
  }
  tf.dispose([a, b]);
  const ms = median(times);
  return { ms, gflops: (2 * M * K * N) / ms / 1e6 };
}

/** A CVAE training step with hand-written gradients (no tfjs gradient registry needed). */
function makeCvaeStep(batch = 128, [X, Y, H, Z] = [784, 10, 400, 20]) {
  const glorot = (fanIn, fanOut) => tf.variable(tf.mul(tf.randomNormal([fanIn, fanOut]), Math.sqrt(2 / (fanIn + fanOut))));
  const bias = (n) => tf.variable(tf.zeros([n]));
  const params = {
    W1: glorot(X + Y, H), b1: bias(H),
    Wmu: glorot(H, Z), bmu: bias(Z), Wlv: glorot(H, Z), blv: bias(Z),
    W2: glorot(Z + Y, H), b2: bias(H), W3: glorot(H, X), b3: bias(X),
  };
  const adam = Object.fromEntries(Object.entries(params).map(([k, p]) => [k, { m: tf.variable(tf.zerosLike(p)), v: tf.variable(tf.zerosLike(p)) }]));
  const x = tf.cast(tf.greater(tf.randomUniform([batch, X]), 0.8), 'float32');
  const y = tf.cast(tf.oneHot(tf.randomUniform([batch], 0, Y, 'int32'), Y), 'float32');
  const [lr, beta1, beta2, epsilon] = [1e-3, 0.9, 0.999, 1e-8];
  let t = 0;

  const step = () => tf.tidy(() => {
    const { W1, b1, Wmu, bmu, Wlv, blv, W2, b2, W3, b3 } = params;
    const B = batch;
    // forward
    const xin = tf.concat([x, y], 1);
    const h1 = tf.relu(tf.add(tf.matMul(xin, W1), b1));
    const mu = tf.add(tf.matMul(h1, Wmu), bmu);
    const lv = tf.add(tf.matMul(h1, Wlv), blv);
    const eps = tf.randomNormal(mu.shape);
    const std = tf.exp(tf.mul(lv, 0.5));
    const z = tf.add(mu, tf.mul(std, eps));
    const zc = tf.concat([z, y], 1);
    const h2 = tf.relu(tf.add(tf.matMul(zc, W2), b2));
    const logits = tf.add(tf.matMul(h2, W3), b3);
    const bce = tf.sum(tf.sub(tf.softplus(logits), tf.mul(logits, x)));
    const kl = tf.mul(-0.5, tf.sum(tf.sub(tf.sub(tf.add(lv, 1), tf.square(mu)), tf.exp(lv))));
    const loss = tf.div(tf.add(bce, kl), B);
    // backward
    const dLogits = tf.div(tf.sub(tf.sigmoid(logits), x), B);
    const dh2 = tf.mul(tf.matMul(dLogits, tf.transpose(W3)), tf.step(h2));
    const dz = tf.slice(tf.matMul(dh2, tf.transpose(W2)), [0, 0], [B, Z]);
    const dmu = tf.add(dz, tf.div(mu, B));
    const dlv = tf.add(tf.mul(tf.mul(dz, eps), tf.mul(std, 0.5)), tf.div(tf.mul(tf.sub(tf.exp(lv), 1), 0.5), B));
    const dh1 = tf.mul(tf.add(tf.matMul(dmu, tf.transpose(Wmu)), tf.matMul(dlv, tf.transpose(Wlv))), tf.step(h1));
    const h1T = tf.transpose(h1);
    const grads = {
      W3: tf.matMul(tf.transpose(h2), dLogits), b3: tf.sum(dLogits, 0),
      W2: tf.matMul(tf.transpose(zc), dh2), b2: tf.sum(dh2, 0),
      Wmu: tf.matMul(h1T, dmu), bmu: tf.sum(dmu, 0), Wlv: tf.matMul(h1T, dlv), blv: tf.sum(dlv, 0),
      W1: tf.matMul(tf.transpose(xin), dh1), b1: tf.sum(dh1, 0),
    };
    // Adam
    t += 1;
    const c1 = 1 / (1 - beta1 ** t);
    const c2 = 1 / (1 - beta2 ** t);
    for (const [k, g] of Object.entries(grads)) {
      const { m, v } = adam[k];
      m.assign(tf.add(tf.mul(m, beta1), tf.mul(g, 1 - beta1)));
      v.assign(tf.add(tf.mul(v, beta2), tf.mul(tf.square(g), 1 - beta2)));
      params[k].assign(tf.sub(params[k], tf.div(tf.mul(m, lr * c1), tf.add(tf.sqrt(tf.mul(v, c2)), epsilon))));
    }
    return loss;
  });
  const dispose = () => tf.dispose([x, y, ...Object.values(params), ...Object.values(adam).flatMap(({ m, v }) => [m, v])]);
  return { step, dispose };
}

function benchTrainingStep() {
  const { step, dispose } = makeCvaeStep();
  const times = [];
  let first;
  let last;
  for (let i = 0; i < 3 + STEPS; i++) {
    const start = performance.now();
    const loss = step();
    const value = loss.dataSync()[0];
    const ms = performance.now() - start;
    loss.dispose();
    first ??= value;
    last = value;
    if (i >= 3) times.push(ms);
  }
  dispose();
  return { ms: median(times), lossFirst: first, lossLast: last };
}

console.log(`node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model}), availableParallelism ${availableParallelism()}, loadavg ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
console.log(`matMul ${M}x${K} @ ${K}x${N}: median of ${RUNS} after ${WARMUP} warm-up; CVAE step: median of ${STEPS} after 3 warm-up\n`);

const results = { single: [], threaded: [] };
for (let round = 1; round <= ROUNDS; round++) {
  for (const [name, use] of [['single', useSingleThreaded], ['threaded', useThreaded]]) {
    const poolThreads = await use();
    const mm = benchMatMul();
    const tr = benchTrainingStep();
    results[name].push({ mm, tr });
    console.log(
      `round ${round} ${name.padEnd(8)} pool=${poolThreads}  matMul ${mm.ms.toFixed(3)} ms = ${mm.gflops.toFixed(1).padStart(5)} GFLOP/s` +
        `   CVAE step ${tr.ms.toFixed(1)} ms (loss ${tr.lossFirst.toFixed(1)} -> ${tr.lossLast.toFixed(1)})`,
    );
  }
}

const summary = (name) => {
  const r = results[name];
  return { gflops: median(r.map((x) => x.mm.gflops)), matMulMs: median(r.map((x) => x.mm.ms)), stepMs: median(r.map((x) => x.tr.ms)) };
};
const single = summary('single');
const threaded = summary('threaded');
console.log(`\nmedian over rounds: single-threaded SIMD ${single.gflops.toFixed(1)} GFLOP/s, step ${single.stepMs.toFixed(1)} ms;` +
  ` threaded (${THREADS}) ${threaded.gflops.toFixed(1)} GFLOP/s, step ${threaded.stepMs.toFixed(1)} ms` +
  `  -> matMul x${(threaded.gflops / single.gflops).toFixed(2)}, step x${(single.stepMs / threaded.stepMs).toFixed(2)}`);
console.log(`loadavg at end ${loadavg().map((l) => l.toFixed(2)).join(' ')}; leaving the threaded backend active, not disposed: the process must exit by itself`);
