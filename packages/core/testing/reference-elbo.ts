import * as tf from '@tensorflow/tfjs-core';
import type { Cvae } from '../src/index.js';

/**
 * The CVAE's -ELBO written with plain tfjs ops and tfjs's own autodiff (no custom gradients),
 * used to check that the fast path computes the same loss and gradients.
 */
export function referenceElbo(model: Cvae, x: tf.Tensor2D, c: tf.Tensor2D, seed: number): tf.Scalar {
  return tf.tidy(() => {
    const vars = model.variables();
    const layerCount = model.config.encoderHidden.length + 1;
    const mlp = (input: tf.Tensor2D, params: tf.Variable[]) => {
      let h: tf.Tensor2D = input;
      for (let i = 0; i < params.length; i += 2) {
        h = tf.add(tf.matMul(h, params[i] as tf.Tensor2D), params[i + 1]);
        if (i + 2 < params.length) h = model.config.activation === 'relu' ? tf.relu(h) : h;
      }
      return h;
    };
    const h = mlp(tf.concat([x, c], 1), vars.slice(0, 2 * layerCount));
    const [mu, logvar] = tf.split(h, 2, 1) as tf.Tensor2D[];
    const eps = tf.randomNormal(mu.shape, 0, 1, 'float32', seed);
    const z = tf.add(mu, tf.mul(tf.exp(tf.mul(logvar, 0.5)), eps)) as tf.Tensor2D;
    const logits = mlp(tf.concat([z, c], 1), vars.slice(2 * layerCount));
    const bce = tf.add(tf.sub(tf.relu(logits), tf.mul(logits, x)), tf.log1p(tf.exp(tf.neg(tf.abs(logits)))));
    const kl = tf.mul(-0.5, tf.sum(tf.sub(tf.sub(tf.add(1, logvar), tf.square(mu)), tf.exp(logvar)), 1));
    return tf.mean(tf.add(tf.sum(bce, 1), kl)) as tf.Scalar;
  });
}
