import * as tf from '@tensorflow/tfjs-core';
import { adamStep, zeroMoments, type AdamMoments } from '../../train/adam-step.js';
import type { AdamSettings, GradientOptimizer } from '../../train/optimizer.js';

/**
 * Adam for backends whose data can be read synchronously (tfjs's cpu backend): reads each
 * variable and gradient, runs `adamStep` once, and assigns a fresh tensor.
 */
export class HostAdam implements GradientOptimizer {
  private readonly moments = new Map<string, AdamMoments>();
  private step = 0;

  constructor(private readonly settings: Required<AdamSettings>) {}

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

  dispose(): void {
    this.moments.clear();
  }
}
