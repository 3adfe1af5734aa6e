import * as tf from '@tensorflow/tfjs-core';
import { BackendUnavailableError } from '@cvae/core';
import { describe, expect, it } from 'vitest';
import { installIdentityShortcuts } from './identity-shortcuts.js';
import { nodeBackend } from './node-backend.js';

const unavailable = await nodeBackend().init().then(
  () => undefined,
  (error: unknown) => {
    if (error instanceof BackendUnavailableError && process.env.CVAE_REQUIRE_NATIVE !== '1') return error.message;
    throw error;
  },
);
if (unavailable) console.warn(`SKIPPED identity shortcuts: ${unavailable}`);

/** The TensorFlow ops `f` launches (through a view of tfjs-node's frozen binding), and its result. */
function launches<T>(f: () => T): { ops: string[]; result: T } {
  const backend = tf.backend() as unknown as { binding: { executeOp: (...args: unknown[]) => unknown } };
  const binding = backend.binding;
  const ops: string[] = [];
  backend.binding = Object.create(binding, { executeOp: { value: (...args: unknown[]) => (ops.push(args[0] as string), binding.executeOp(...args)) } });
  try {
    return { ops, result: f() };
  } finally {
    backend.binding = binding;
  }
}

describe.skipIf(unavailable !== undefined)('identity shortcuts on tensorflow', () => {
  it('a reshape to the same shape and a cast to the same dtype launch nothing and share the data', () => {
    installIdentityShortcuts(); // again: a no-op
    const x = tf.tensor2d([1, 2, 3, 4, 5, 6], [2, 3]);
    const before = tf.memory();
    const { ops, result } = launches(() => [tf.reshape(x, [2, 3]), tf.reshape(x, [-1, 3]), tf.cast(x, 'float32')]);
    expect(ops).toEqual([]);
    x.dispose(); // the results hold their own reference
    for (const t of result) expect(Array.from(t.dataSync())).toEqual([1, 2, 3, 4, 5, 6]);
    expect(tf.memory().numDataBuffers).toBe(before.numDataBuffers);
    tf.dispose(result);
    expect(tf.memory().numDataBuffers).toBe(before.numDataBuffers - 1);
  });

  it('other reshapes and casts still run TensorFlow\'s ops', () => {
    const x = tf.tensor2d([1.5, 2, 3, 4, 5, 6], [2, 3]);
    const { ops, result } = launches(() => [tf.reshape(x, [3, 2]), tf.cast(x, 'int32')]);
    expect(ops).toEqual(['Reshape', 'Cast']);
    expect(result[0].shape).toEqual([3, 2]);
    expect(Array.from(result[1].dataSync())).toEqual([1, 2, 3, 4, 5, 6]);
    tf.dispose([x, ...result]);
  });

  it('gradients through shortcut reshapes are unchanged', () => {
    const x = tf.tensor2d([0.5, -1, 2, 3], [2, 2]);
    const g = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.reshape(t, [2, 2]), tf.add(t, 1))))(x);
    expect(Array.from(g.dataSync())).toEqual([2, -1, 5, 7]); // d/dt t (t + 1) = 2t + 1
    tf.dispose([x, g]);
  });
});
