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
  const make = makeVariables;
  const step = quadraticStep;
  const first = create();
  const a = make('a', INIT);
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

/** What the learning-rate check measured: weights after a rate change, and two references. */
export interface LearningRateReport {
  /** `before` steps at rate a, `setLearningRate(b)`, `after` steps. */
  readonly changed: Float32Array[];
  /** An optimiser made with rate b, given the first's state after `before` steps, then `after` steps. */
  readonly fresh: Float32Array[];
  /** `before + after` steps at rate a (the change must make a difference). */
  readonly unchanged: Float32Array[];
}

/**
 * Checks `setLearningRate`: an optimiser switched from rate `a` to `b` after `before` steps must
 * take the same later steps as one made with rate `b` and given its state (`setState`, which
 * `checkOptimizerState` checks), bit for bit; and differ from one that kept rate `a`.
 *
 * @example
 * ```ts
 * const { changed, fresh } = checkLearningRateChange((rate) => createAdam({ learningRate: rate }));
 * expect(bytes(changed)).toEqual(bytes(fresh));
 * ```
 */
export function checkLearningRateChange(create: (learningRate: number) => GradientOptimizer, a = 0.05, b = 0.01, before = 7, after = 5): LearningRateReport {
  const run = (rate: number, tag: string, then: (adam: GradientOptimizer, vars: tf.Variable[]) => GradientOptimizer) => {
    const adam = create(rate);
    const vars = makeVariables(tag, INIT);
    for (let i = 0; i < before; i++) quadraticStep(adam, vars);
    const next = then(adam, vars);
    for (let i = 0; i < after; i++) quadraticStep(next, vars);
    const weights = vars.map((w) => Float32Array.from(w.dataSync() as Float32Array));
    adam.dispose();
    if (next !== adam) next.dispose();
    tf.dispose(vars);
    return weights;
  };
  const changed = run(a, 'lr-changed', (adam) => (adam.setLearningRate(b), adam));
  const fresh = run(a, 'lr-fresh', (adam, vars) => {
    const state = adam.getState();
    const other = create(b);
    other.setState({ step: state.step, moments: state.moments.map((s, k) => ({ ...s, name: vars[k].name })) });
    return other;
  });
  const unchanged = run(a, 'lr-unchanged', (adam) => adam);
  return { changed, fresh, unchanged };
}

const SHAPES: number[][] = [[3, 5], [6]];
const INIT = SHAPES.map((shape, k) => Float32Array.from({ length: shape.reduce((x, y) => x * y, 1) }, (_, i) => Math.sin(3 * i + k + 1) * 2));
const TARGET = INIT.map((w) => w.map((_, i) => Math.cos(i) * 3));

function makeVariables(tag: string, values: Float32Array[]): tf.Variable[] {
  return SHAPES.map((shape, k) => tf.tidy(() => tf.variable(tf.tensor(values[k], shape), true, `state-check-${tag}-${k}-${Math.random()}`)));
}

/** One step on a weighted quadratic whose gradient differs per value. */
function quadraticStep(adam: GradientOptimizer, vars: tf.Variable[]): void {
  const { value, grads } = tf.variableGrads(
    () => tf.tidy(() => tf.addN(vars.map((w, k) => tf.sum(tf.mul(tf.square(tf.sub(w, tf.tensor(TARGET[k], SHAPES[k]))), tf.reshape(tf.range(1, w.size + 1), SHAPES[k]))))) as tf.Scalar),
    vars,
  );
  adam.apply(vars, grads);
  tf.dispose([value, ...Object.values(grads)]);
}

function copyState(state: OptimizerState): OptimizerState {
  return { step: state.step, moments: state.moments.map((s) => ({ name: s.name, m: s.m.slice(), v: s.v.slice() })) };
}
