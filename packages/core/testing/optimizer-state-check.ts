import * as tf from '@tensorflow/tfjs-core';
import type { GradientOptimizer, OptimizerState } from '../src/train/optimizer.js';

/** What the optimizer-state check measured: how the restored optimiser's steps compare with the original's. */
export interface OptimizerStateReport {
  /** Weights after `before + after` steps with one optimiser. */
  readonly unbroken: Float32Array[];
  /** Weights after `before` steps, then a fresh optimiser given the first one's state, then `after` steps. */
  readonly resumed: Float32Array[];
  /** The saved state, copied when it was taken, and the same state read again at the end. */
  readonly saved: OptimizerState;
  readonly savedLater: OptimizerState;
  /** `tf.memory().numTensors` before and after (the variables made here are disposed). */
  readonly tensorsBefore: number;
  readonly tensorsAfter: number;
}

/**
 * Runs an optimiser on two variables (a matrix and a vector, so shapes and names both matter) for
 * `before` steps, saves its state, runs `after` more; then replays the last `after` steps with a
 * fresh optimiser restored from the state, on variables holding the saved weights. An exact
 * `getState`/`setState` makes `unbroken` and `resumed` equal bit for bit.
 *
 * @example
 * ```ts
 * const report = checkOptimizerState(() => createAdam({ learningRate: 0.05 }));
 * expect(bytes(report.resumed)).toEqual(bytes(report.unbroken));
 * ```
 */
export function checkOptimizerState(create: () => GradientOptimizer, before = 7, after = 5): OptimizerStateReport {
  const tensorsBefore = tf.memory().numTensors;
  const shapes: number[][] = [[3, 5], [6]];
  const init = shapes.map((shape, k) => Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => Math.sin(3 * i + k + 1) * 2));
  const target = init.map((w) => w.map((_, i) => Math.cos(i) * 3));
  const make = (tag: string, values: Float32Array[]) => shapes.map((shape, k) => tf.tidy(() => tf.variable(tf.tensor(values[k], shape), true, `state-check-${tag}-${k}-${Math.random()}`)));
  const step = (adam: GradientOptimizer, vars: tf.Variable[]) => {
    const { value, grads } = tf.variableGrads(
      () => tf.tidy(() => tf.addN(vars.map((w, k) => tf.sum(tf.mul(tf.square(tf.sub(w, tf.tensor(target[k], shapes[k]))), tf.reshape(tf.range(1, w.size + 1), shapes[k]))))) as tf.Scalar),
      vars,
    );
    adam.apply(vars, grads);
    tf.dispose([value, ...Object.values(grads)]);
  };
  const first = create();
  const a = make('a', init);
  for (let i = 0; i < before; i++) step(first, a);
  const saved = copyState(first.getState());
  const savedWeights = a.map((w) => Float32Array.from(w.dataSync() as Float32Array));
  const moments = first.getState();
  for (let i = 0; i < after; i++) step(first, a);
  const unbroken = a.map((w) => Float32Array.from(w.dataSync() as Float32Array));

  const second = create();
  const b = make('b', savedWeights);
  // The state names a's variables; the trainer maps names the same way when a model is rebuilt.
  second.setState({ step: saved.step, moments: saved.moments.map((s, k) => ({ ...s, name: b[k].name })) });
  for (let i = 0; i < after; i++) step(second, b);
  const resumed = b.map((w) => Float32Array.from(w.dataSync() as Float32Array));
  first.dispose();
  second.dispose();
  tf.dispose([...a, ...b]);
  return { unbroken, resumed, saved, savedLater: moments, tensorsBefore, tensorsAfter: tf.memory().numTensors };
}

function copyState(state: OptimizerState): OptimizerState {
  return { step: state.step, moments: state.moments.map((s) => ({ name: s.name, m: s.m.slice(), v: s.v.slice() })) };
}
