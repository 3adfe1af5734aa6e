import * as tf from '@tensorflow/tfjs-core';
import type { AdamSettings, GradientOptimizer, OptimizerState } from '@cvae/core';
import { tfOps, type TfOps } from './tf-ops.js';

/** TensorFlow resource variables holding one tfjs variable's weights and moments. */
interface Slots {
  readonly weight: tf.Tensor;
  readonly m: tf.Tensor;
  readonly v: tf.Tensor;
  /** The tfjs data the variable held after the last update (then read from `weight`), if any. */
  readBack?: object;
}

let instances = 0;

/**
 * Adam for the tensorflow backend as TensorFlow's own fused kernel, `ResourceApplyAdam`: one pass
 * over a variable's weights, moments and gradient in C++, three binding calls per variable (copy
 * the weights into a TensorFlow resource variable, apply, read back), where tfjs's Adam runs ~14
 * ops per variable and `NativeHostAdam` copies weights and gradients out to JavaScript and back.
 * The copy in is skipped while the variable still holds what the last update read back (2 calls).
 * The update is tf.train.adam's: TensorFlow's kernel adds epsilon to sqrt(v) before the bias
 * correction sqrt(1 - beta2^t), tfjs's after it, so epsilon is passed as eps * sqrt(1 - beta2^t).
 *
 * @example
 * ```ts
 * registerAdam('tensorflow', (settings) => new NativeAdam(settings)); // in nodeBackend().init()
 * ```
 */
export class NativeAdam implements GradientOptimizer {
  private readonly slots = new Map<string, Slots>();
  /** Moments given to `setState` for variables not seen yet, by name. */
  private pending = new Map<string, { m: Float32Array; v: Float32Array }>();
  private order: string[] = [];
  private step = 0;
  private readonly prefix = `cvae-adam-${instances++}`;
  private constants?: { learningRate: tf.Scalar; beta1: tf.Scalar; beta2: tf.Scalar };
  private ops?: TfOps;

  constructor(private settings: Required<AdamSettings>) {}

  setLearningRate(rate: number): void {
    if (rate === this.settings.learningRate) return;
    this.settings = { ...this.settings, learningRate: rate };
    if (this.constants === undefined) return;
    this.constants.learningRate.dispose();
    this.constants = { ...this.constants, learningRate: tf.keep(tf.scalar(rate)) };
  }

  apply(variables: readonly tf.Variable[], grads: tf.NamedTensorMap): void {
    const ops = (this.ops ??= tfOps());
    const { learningRate, beta1, beta2, epsilon } = this.settings;
    const constants = (this.constants ??= { learningRate: tf.keep(tf.scalar(learningRate)), beta1: tf.keep(tf.scalar(beta1)), beta2: tf.keep(tf.scalar(beta2)) });
    this.step++;
    tf.tidy(() => {
      const beta1Power = tf.scalar(beta1 ** this.step);
      const beta2Power = tf.scalar(beta2 ** this.step);
      const eps = tf.scalar(epsilon * Math.sqrt(1 - beta2 ** this.step));
      const dtype = ops.float('dtype');
      const applyAttrs = [ops.float('T'), ops.bool('use_locking', false), ops.bool('use_nesterov', false)];
      for (const variable of variables) {
        const gradient = grads[variable.name];
        if (gradient === undefined) continue;
        const slots = this.slotsOf(variable, ops);
        // tfjs owns the weights (anyone may assign them): TensorFlow's copy is refreshed unless the
        // variable still holds the very tensor the last update read back from it (assign replaces it).
        if (variable.dataId !== slots.readBack) ops.effect('AssignVariableOp', [dtype], [slots.weight, variable]);
        const inputs = [slots.weight, slots.m, slots.v, beta1Power, beta2Power, constants.learningRate, constants.beta1, constants.beta2, eps, gradient];
        ops.effect('ResourceApplyAdam', applyAttrs, inputs);
        variable.assign(ops.run('ReadVariableOp', [dtype], [slots.weight]));
        slots.readBack = variable.dataId;
      }
    });
  }

  private slotsOf(variable: tf.Variable, ops: TfOps): Slots {
    const existing = this.slots.get(variable.name);
    if (existing !== undefined) return existing;
    const handle = (part: string) =>
      tf.keep(
        ops.run('VarHandleOp', [ops.float('dtype'), ops.shape('shape', variable.shape), ops.string('container', ''), ops.string('shared_name', `${this.prefix}/${variable.name}/${part}`)], []),
      );
    const slots: Slots = { weight: handle('weight'), m: handle('m'), v: handle('v') };
    const saved = this.pending.get(variable.name);
    this.pending.delete(variable.name);
    tf.tidy(() => {
      const init = (values: Float32Array | undefined) => (values === undefined ? tf.zeros(variable.shape) : tf.tensor(values, variable.shape, 'float32'));
      ops.effect('AssignVariableOp', [ops.float('dtype')], [slots.m, init(saved?.m)]);
      ops.effect('AssignVariableOp', [ops.float('dtype')], [slots.v, init(saved?.v)]);
    });
    this.slots.set(variable.name, slots);
    if (!this.order.includes(variable.name)) this.order.push(variable.name);
    return slots;
  }

  getState(): OptimizerState {
    const moments = this.order.map((name) => {
      const slots = this.slots.get(name);
      if (slots === undefined) {
        const { m, v } = this.pending.get(name)!;
        return { name, m: m.slice(), v: v.slice() };
      }
      const ops = (this.ops ??= tfOps());
      const read = (handle: tf.Tensor) => tf.tidy(() => ops.run('ReadVariableOp', [ops.float('dtype')], [handle]).dataSync() as Float32Array);
      return { name, m: read(slots.m), v: read(slots.v) };
    });
    return { step: this.step, moments };
  }

  setState(state: OptimizerState): void {
    this.releaseSlots();
    this.pending = new Map(state.moments.map(({ name, m, v }) => [name, { m: m.slice(), v: v.slice() }]));
    this.order = state.moments.map((s) => s.name);
    this.step = state.step;
  }

  dispose(): void {
    this.releaseSlots();
    this.pending.clear();
    this.order = [];
    if (this.constants !== undefined) tf.dispose(Object.values(this.constants));
    this.constants = undefined;
  }

  /** Deletes the TensorFlow variables (they live in TensorFlow's resource manager until destroyed). */
  private releaseSlots(): void {
    for (const slots of this.slots.values()) {
      for (const handle of [slots.weight, slots.m, slots.v]) {
        const ops = (this.ops ??= tfOps());
        ops.effect('DestroyResourceOp', [ops.bool('ignore_lookup_error', true)], [handle]);
        handle.dispose();
      }
    }
    this.slots.clear();
  }
}
