import * as tf from '@tensorflow/tfjs-core';
import { adamStep, zeroMoments, type AdamMoments } from '../../train/adam-step.js';
import type { AdamSettings, GradientOptimizer, OptimizerState } from '../../train/optimizer.js';

/**
 * Adam for backends whose data can be read synchronously (tfjs's cpu backend, tfjs-node): reads
 * each variable and gradient, runs `adamStep` once, and assigns a fresh tensor.
 *
 * @example
 * ```ts
 * registerAdam('cpu', (settings) => new HostAdam(settings)); // in cpuBackend().init()
 * ```
 */
export class HostAdam implements GradientOptimizer {
  private readonly moments = new Map<string, AdamMoments>();
  private step = 0;

  constructor(private settings: Required<AdamSettings>) {}

  setLearningRate(rate: number): void {
    this.settings = { ...this.settings, learningRate: rate };
  }

  apply(variables: readonly tf.Variable[], grads: tf.NamedTensorMap): void {
    this.step++;
    for (const variable of variables) {
      const gradient = grads[variable.name];
      if (gradient === undefined) continue;
      const w = variable.dataSync() as Float32Array;
      let moments = this.moments.get(variable.name);
      if (moments === undefined) this.moments.set(variable.name, (moments = zeroMoments(w.length)));
      // A new array each step: the cpu backend keeps the array it is given without copying.
      const updated = new Float32Array(w.length);
      adamStep(w, gradient.dataSync() as Float32Array, moments, this.settings, this.step, updated);
      const next = tf.tensor(updated, variable.shape, 'float32');
      variable.assign(next);
      next.dispose();
    }
  }

  getState(): OptimizerState {
    const moments = [...this.moments].map(([name, { m, v }]) => ({ name, m: m.slice(), v: v.slice() }));
    return { step: this.step, moments };
  }

  setState(state: OptimizerState): void {
    this.moments.clear();
    for (const { name, m, v } of state.moments) this.moments.set(name, { m: m.slice(), v: v.slice() });
    this.step = state.step;
  }

  dispose(): void {
    this.moments.clear();
  }
}
