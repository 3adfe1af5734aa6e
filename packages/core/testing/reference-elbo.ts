import * as tf from '@tensorflow/tfjs-core';
import type { Activation, Cvae } from '../src/index.js';

/** The hidden activation with plain tfjs ops (their gradients are tfjs's own). */
function act(h: tf.Tensor, activation: Activation): tf.Tensor {
  switch (activation) {
    case 'relu':
      return tf.relu(h);
    case 'linear':
      return h;
    case 'elu':
      return tf.elu(h);
    case 'tanh':
      return tf.tanh(h);
    case 'leaky_relu':
      return tf.leakyRelu(h, 0.01);
  }
}

/** A dense layer as plain ops: x W + b, then the activation unless `linear`. */
function dense(x: tf.Tensor, w: tf.Variable, b: tf.Variable, activation: Activation): tf.Tensor2D {
  return act(tf.add(tf.matMul(x as tf.Tensor2D, w as tf.Tensor2D), b), activation) as tf.Tensor2D;
}

/**
 * The encoder and decoder of `model` written independently with plain tfjs ops, reading the
 * weights from `model.variables()` in their documented order.
 */
function networks(model: Cvae): { encode: (x: tf.Tensor2D, c: tf.Tensor2D) => tf.Tensor2D; decode: (z: tf.Tensor2D, c: tf.Tensor2D) => tf.Tensor2D } {
  const vars = model.variables();
  const { activation, architecture } = model.config;
  if (architecture.kind === 'mlp') {
    const layerCount = model.config.encoderHidden.length + 1;
    const mlp = (input: tf.Tensor2D, params: tf.Variable[]) => {
      let h: tf.Tensor2D = input;
      for (let i = 0; i < params.length; i += 2) h = dense(h, params[i], params[i + 1], i + 2 < params.length ? activation : 'linear');
      return h;
    };
    const decoderCount = model.config.decoderHidden.length + 1;
    return {
      encode: (x, c) => mlp(tf.concat([x, c], 1), vars.slice(0, 2 * layerCount)),
      decode: (z, c) => mlp(tf.concat([z, c], 1), vars.slice(2 * layerCount, 2 * (layerCount + decoderCount))),
    };
  }
  if (architecture.kind !== 'conv') throw new Error(`the reference ELBO covers the mlp and conv architectures, not ${architecture.kind}`);
  // conv: [conv_i weight, bias]..., encoder head, decoder head, [deconv_j weight, bias]...
  const n = architecture.channels.length;
  const sides = [architecture.imageShape];
  for (const ch of architecture.channels) sides.push([Math.ceil(sides.at(-1)![0] / 2), Math.ceil(sides.at(-1)![1] / 2), ch]);
  return {
    encode: (x, c) => {
      let h: tf.Tensor = tf.reshape(x, [x.shape[0], ...architecture.imageShape]);
      for (let i = 0; i < n; i++) h = act(tf.add(tf.conv2d(h as tf.Tensor4D, vars[2 * i] as tf.Tensor4D, 2, 'same'), vars[2 * i + 1]), activation);
      return dense(tf.concat([tf.reshape(h, [x.shape[0], -1]), c], 1), vars[2 * n], vars[2 * n + 1], 'linear');
    },
    decode: (z, c) => {
      const batch = z.shape[0];
      let h: tf.Tensor = tf.reshape(dense(tf.concat([z, c], 1), vars[2 * n + 2], vars[2 * n + 3], activation), [batch, ...sides[n]]);
      for (let j = 0; j < n; j++) {
        const [w, b] = [vars[2 * n + 4 + 2 * j], vars[2 * n + 5 + 2 * j]];
        h = tf.add(tf.conv2dTranspose(h as tf.Tensor4D, w as tf.Tensor4D, [batch, ...sides[n - 1 - j]], 2, 'same'), b);
        if (j < n - 1) h = act(h, activation);
      }
      return tf.reshape(h, [batch, -1]) as tf.Tensor2D;
    },
  };
}

/**
 * The CVAE's -ELBO (Bernoulli likelihood, standard prior) written with plain tfjs ops and tfjs's
 * own autodiff (no custom gradients), used to check that the fast path computes the same loss and
 * gradients. Covers the mlp and conv architectures and every hidden activation.
 */
export function referenceElbo(model: Cvae, x: tf.Tensor2D, c: tf.Tensor2D, seed: number): tf.Scalar {
  return tf.tidy(() => {
    const { encode, decode } = networks(model);
    const [mu, logvar] = tf.split(encode(x, c), 2, 1) as tf.Tensor2D[];
    const eps = tf.randomNormal(mu.shape, 0, 1, 'float32', seed);
    const z = tf.add(mu, tf.mul(tf.exp(tf.mul(logvar, 0.5)), eps)) as tf.Tensor2D;
    const logits = decode(z, c);
    const bce = tf.add(tf.sub(tf.relu(logits), tf.mul(logits, x)), tf.log1p(tf.exp(tf.neg(tf.abs(logits)))));
    const kl = tf.mul(-0.5, tf.sum(tf.sub(tf.sub(tf.add(1, logvar), tf.square(mu)), tf.exp(logvar)), 1));
    return tf.mean(tf.add(tf.sum(bce, 1), kl)) as tf.Scalar;
  });
}
