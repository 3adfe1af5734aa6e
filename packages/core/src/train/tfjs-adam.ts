import * as tf from '@tensorflow/tfjs-core';
import type { AdamSettings, GradientOptimizer, OptimizerState } from './optimizer.js';

/** The fields of tfjs's AdamOptimizer that hold its state (tfjs-core/dist/optimizers/adam_optimizer.js). */
interface AdamInternals {
  accumulatedFirstMoment: { originalName: string; variable: tf.Variable }[];
  accumulatedSecondMoment: { originalName: string; variable: tf.Variable }[];
  accBeta1: tf.Variable;
  accBeta2: tf.Variable;
  iterations_: number;
}

/**
 * `tf.train.adam` behind the `GradientOptimizer` interface: the Adam of backends that register
 * none of their own. Its state is read and written through tfjs's internal fields rather than
 * `getWeights`/`setWeights`: those are async, and `setWeights` recomputes beta^t with `pow`, which
 * differs in the last bits from the running products an uninterrupted run holds.
 *
 * @example
 * ```ts
 * const adam = new TfjsAdam({ learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 });
 * adam.apply(vars, grads);
 * const saved = adam.getState();
 * ```
 */
export class TfjsAdam implements GradientOptimizer {
  private readonly adam: tf.AdamOptimizer;

  constructor(private settings: Required<AdamSettings>) {
    this.adam = tf.train.adam(settings.learningRate, settings.beta1, settings.beta2, settings.epsilon);
  }

  apply(variables: readonly tf.Variable[], grads: tf.NamedTensorMap): void {
    this.adam.applyGradients(variables.filter((v) => grads[v.name] !== undefined).map((v) => ({ name: v.name, tensor: grads[v.name] })));
  }

  getState(): OptimizerState {
    const inner = this.internals();
    const moments = inner.accumulatedFirstMoment.map((first, i) => ({
      name: first.originalName.replace(/\/m$/, ''),
      m: Float32Array.from(first.variable.dataSync() as Float32Array),
      v: Float32Array.from(inner.accumulatedSecondMoment[i].variable.dataSync() as Float32Array),
    }));
    return { step: this.adam.iterations, moments };
  }

  setState(state: OptimizerState): void {
    const inner = this.internals();
    tf.dispose([...inner.accumulatedFirstMoment, ...inner.accumulatedSecondMoment].map((s) => s.variable));
    // tfjs keys moments by position in applyGradients' list; the trainer passes variables in a fixed order.
    const moment = (name: string, values: Float32Array) => tf.tidy(() => tf.variable(tf.tensor(values, shapeOf(name, values.length), 'float32'), false));
    inner.accumulatedFirstMoment = state.moments.map((s) => ({ originalName: `${s.name}/m`, variable: moment(s.name, s.m) }));
    inner.accumulatedSecondMoment = state.moments.map((s) => ({ originalName: `${s.name}/v`, variable: moment(s.name, s.v) }));
    inner.iterations_ = state.step;
    // The running products beta^(t+1) exactly as t float32 multiplications leave them.
    const power = (beta: number) => {
      let acc = Math.fround(beta);
      for (let t = 0; t < state.step; t++) acc = Math.fround(acc * Math.fround(beta));
      return acc;
    };
    tf.tidy(() => {
      inner.accBeta1.assign(tf.scalar(power(this.settings.beta1)));
      inner.accBeta2.assign(tf.scalar(power(this.settings.beta2)));
    });
  }

  setLearningRate(rate: number): void {
    this.settings = { ...this.settings, learningRate: rate };
    // tfjs reads the field at every applyGradients.
    (this.adam as unknown as { learningRate: number }).learningRate = rate;
  }

  dispose(): void {
    this.adam.dispose();
  }

  private internals(): AdamInternals {
    return this.adam as unknown as AdamInternals;
  }
}

/** The shape of the model variable called `name` (tfjs's update needs the moments in that shape). */
function shapeOf(name: string, size: number): number[] {
  const target = tf.engine().registeredVariables[name] as tf.Variable | undefined;
  return target !== undefined && target.size === size ? target.shape : [size];
}
