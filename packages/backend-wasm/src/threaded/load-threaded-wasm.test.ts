import { availableParallelism } from 'node:os';
import * as tf from '@tensorflow/tfjs-core';
import { BackendWasm, getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { afterAll, describe, expect, it } from 'vitest';
import { registerThreadedWasm } from './load-threaded-wasm.js';

const THREADS = 2;
const cores = availableParallelism();
const skipReason = cores < THREADS ? `os.availableParallelism() is ${cores}: a ${THREADS}-thread pool cannot run in parallel here` : undefined;
if (skipReason !== undefined) console.warn(`[backend-wasm] skipping threaded wasm tests: ${skipReason}`);

/** a (m x k) @ b (k x n) in float64, row-major: a reference independent of any tfjs backend. */
function matMulReference(a: Float32Array, b: Float32Array, m: number, k: number, n: number): Float64Array {
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let p = 0; p < k; p++) {
      const aip = a[i * k + p];
      for (let j = 0; j < n; j++) out[i * n + j] += aip * b[p * n + j];
    }
  }
  return out;
}

describe.skipIf(skipReason !== undefined)('registerThreadedWasm', () => {
  const hostListeners = process.rawListeners('uncaughtException');

  afterAll(() => {
    // Disposes the backend, which terminates the pool's workers.
    if (tf.findBackendFactory('wasm') !== null) tf.removeBackend('wasm');
  });

  it(`registers the threaded build as 'wasm' with a pool of ${THREADS} threads`, async () => {
    let reason = '';
    const registered = await registerThreadedWasm(THREADS, { onUnavailable: (why) => (reason = why) });
    expect(registered, reason).toBe(true);
    expect(await tf.setBackend('wasm')).toBe(true);
    expect(tf.getBackend()).toBe('wasm');

    const backend = tf.backend();
    expect(backend).toBeInstanceOf(BackendWasm);
    // Asked of the C++ pool itself, and through the package's API.
    expect((backend as BackendWasm).wasm.tfjs.getThreadsCount()).toBe(THREADS);
    expect(getThreadsCount()).toBe(THREADS);
  });

  it('calling it again for the same pool keeps the registered backend', async () => {
    const before = tf.backend();
    expect(await registerThreadedWasm(THREADS)).toBe(true);
    expect(tf.backend()).toBe(before);
  });

  it('computes the matMul the CVAE uses (128x794 @ 794x400) as a float64 reference does', () => {
    const [m, k, n] = [128, 794, 400];
    const a = tf.randomUniform([m, k], -1, 1, 'float32', 1);
    const b = tf.randomUniform([k, n], -1, 1, 'float32', 2);
    const got = tf.matMul(a, b).dataSync();
    const want = matMulReference(a.dataSync() as Float32Array, b.dataSync() as Float32Array, m, k, n);
    let worst = 0;
    for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(got[i] - want[i]));
    // Sums of 794 products of magnitude <= 1, in float32: errors around 1e-5 are rounding.
    expect(worst).toBeLessThan(1e-3);
    tf.dispose([a, b]);
  });

  it("runs tfjs-backend-wasm's other kernels (registered by name) on this backend", () => {
    const x = tf.tensor2d([[-1, 2], [3, -4]]);
    expect(Array.from(tf.relu(x).dataSync())).toEqual([0, 2, 3, 0]);
    expect(tf.sum(tf.sigmoid(tf.zeros([3]))).dataSync()[0]).toBeCloseTo(1.5, 6);
    x.dispose();
  });

  it("disposing the backend leaves the host's uncaughtException listeners in place", () => {
    tf.removeBackend('wasm');
    const now = process.rawListeners('uncaughtException');
    for (const listener of hostListeners) expect(now).toContain(listener);
  });
});
