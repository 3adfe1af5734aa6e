import * as tf from '@tensorflow/tfjs-core';
import type { RandomSource } from '../data/seeded-random.js';
import { nextSeed } from '../data/seeded-random.js';
import type { ConvArchitecture } from './config.js';
import { activate, applyDense, createDense, type Activation, type DenseLayer } from './dense.js';

/**
 * Weights of one (transposed) convolution. `weight` is [k, k, in, out] for a convolution and
 * [k, k, out, in] for a transposed one (tfjs's layouts); `bias` has one value per output channel.
 */
export interface ConvLayer {
  readonly weight: tf.Variable<tf.Rank.R4>;
  readonly bias: tf.Variable<tf.Rank.R1>;
}

/** q(z|x,c) of the conv architecture: stride-2 convolutions, then one dense layer to [mu, logvar]. */
export interface ConvEncoder {
  readonly convs: readonly ConvLayer[];
  readonly head: DenseLayer;
}

/** p(x|z,c) of the conv architecture: one dense layer to the smallest feature map, then stride-2 transposed convolutions. */
export interface ConvDecoder {
  readonly head: DenseLayer;
  readonly deconvs: readonly ConvLayer[];
}

const STRIDE = 2;

/**
 * [height, width, channels] of the image and of each encoder feature map after it: a stride-2
 * 'same' convolution maps a side s to ceil(s / 2).
 *
 * @example
 * ```ts
 * featureMapShapes({ kind: 'conv', imageShape: [28, 28, 1], channels: [32, 64], kernelSize: 4 });
 * // [[28, 28, 1], [14, 14, 32], [7, 7, 64]]
 * ```
 */
export function featureMapShapes(arch: ConvArchitecture): [number, number, number][] {
  const shapes: [number, number, number][] = [arch.imageShape];
  for (const channels of arch.channels) {
    const [h, w] = shapes[shapes.length - 1];
    shapes.push([Math.ceil(h / STRIDE), Math.ceil(w / STRIDE), channels]);
  }
  return shapes;
}

/**
 * A (transposed) convolution with PyTorch's default initialisation, U(-1/sqrt(fanIn), 1/sqrt(fanIn))
 * for weight and bias, where PyTorch's fanIn is k*k*in for `nn.Conv2d` and k*k*out for
 * `nn.ConvTranspose2d` (the second dimension of its weight).
 */
function createConv(name: string, shape: [number, number, number, number], fanIn: number, outChannels: number, random: RandomSource): ConvLayer {
  const bound = 1 / Math.sqrt(fanIn);
  const weight = tf.tidy(() => tf.randomUniform(shape, -bound, bound, 'float32', nextSeed(random)));
  const bias = tf.tidy(() => tf.randomUniform([outChannels], -bound, bound, 'float32', nextSeed(random)));
  const layer = {
    weight: tf.variable(weight, true, `${name}.weight`) as tf.Variable<tf.Rank.R4>,
    bias: tf.variable(bias, true, `${name}.bias`) as tf.Variable<tf.Rank.R1>,
  };
  tf.dispose([weight, bias]);
  return layer;
}

/**
 * Creates the conv encoder's weights (named `${name}.conv<i>` and `${name}.out`), drawing seeds
 * from `random` in the order of `convEncoderVariables`.
 *
 * @example
 * ```ts
 * const encoder = createConvEncoder('encoder', arch, 10, 20, seededRandom('init'));
 * ```
 */
export function createConvEncoder(name: string, arch: ConvArchitecture, conditionSize: number, latentSize: number, random: RandomSource): ConvEncoder {
  const shapes = featureMapShapes(arch);
  const k = arch.kernelSize;
  const convs = arch.channels.map((out, i) => {
    const inChannels = shapes[i][2];
    return createConv(`${name}.conv${i}`, [k, k, inChannels, out], k * k * inChannels, out, random);
  });
  const [h, w, c] = shapes[shapes.length - 1];
  return { convs, head: createDense(`${name}.out`, h * w * c + conditionSize, 2 * latentSize, random) };
}

/**
 * Creates the conv decoder's weights (named `${name}.in` and `${name}.deconv<i>`, smallest map
 * first), drawing seeds in the order of `convDecoderVariables`.
 *
 * @example
 * ```ts
 * const decoder = createConvDecoder('decoder', arch, 10, 20, seededRandom('init'));
 * ```
 */
export function createConvDecoder(name: string, arch: ConvArchitecture, conditionSize: number, latentSize: number, random: RandomSource): ConvDecoder {
  const shapes = featureMapShapes(arch);
  const k = arch.kernelSize;
  const [h, w, c] = shapes[shapes.length - 1];
  const head = createDense(`${name}.in`, latentSize + conditionSize, h * w * c, random);
  const deconvs: ConvLayer[] = [];
  for (let i = shapes.length - 1, j = 0; i > 0; i--, j++) {
    const [inChannels, outChannels] = [shapes[i][2], shapes[i - 1][2]];
    deconvs.push(createConv(`${name}.deconv${j}`, [k, k, outChannels, inChannels], k * k * outChannels, outChannels, random));
  }
  return { head, deconvs };
}

/** The encoder's variables in a fixed order: each conv (weight, bias), then the dense head. */
export function convEncoderVariables(encoder: ConvEncoder): tf.Variable[] {
  return [...encoder.convs.flatMap((l) => [l.weight, l.bias]), encoder.head.weight, encoder.head.bias];
}

/** The decoder's variables in a fixed order: the dense head, then each transposed conv (weight, bias). */
export function convDecoderVariables(decoder: ConvDecoder): tf.Variable[] {
  return [decoder.head.weight, decoder.head.bias, ...decoder.deconvs.flatMap((l) => [l.weight, l.bias])];
}

/**
 * [mu, logvar] as one [batch, 2 * latentSize] tensor for flat images x ([batch, h * w * channels],
 * NHWC order) and conditions c.
 *
 * @example
 * ```ts
 * const h = applyConvEncoder(encoder, arch, 'relu', x, c);
 * ```
 */
export function applyConvEncoder(encoder: ConvEncoder, arch: ConvArchitecture, activation: Activation, x: tf.Tensor2D, c: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    let h = tf.reshape(x, [x.shape[0], ...arch.imageShape]) as tf.Tensor4D;
    for (const layer of encoder.convs) h = activate(tf.add(tf.conv2d(h, layer.weight, STRIDE, 'same'), layer.bias), activation);
    const flat = tf.reshape(h, [x.shape[0], -1]) as tf.Tensor2D;
    return applyDense(tf.concat([flat, c], 1), encoder.head, 'linear');
  });
}

/**
 * The decoder output (logits or means) as [batch, h * w * channels] in NHWC order, for latent
 * codes z and conditions c.
 *
 * @example
 * ```ts
 * const logits = applyConvDecoder(decoder, arch, 'relu', z, c);
 * ```
 */
export function applyConvDecoder(decoder: ConvDecoder, arch: ConvArchitecture, activation: Activation, z: tf.Tensor2D, c: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const batch = z.shape[0];
    const shapes = featureMapShapes(arch);
    let h = tf.reshape(applyDense(tf.concat([z, c], 1), decoder.head, activation), [batch, ...shapes[shapes.length - 1]]) as tf.Tensor4D;
    decoder.deconvs.forEach((layer, j) => {
      const outShape = shapes[shapes.length - 2 - j];
      const last = j === decoder.deconvs.length - 1;
      h = tf.add(tf.conv2dTranspose(h, layer.weight, [batch, ...outShape], STRIDE, 'same'), layer.bias);
      if (!last) h = activate(h, activation);
    });
    return tf.reshape(h, [batch, -1]) as tf.Tensor2D;
  });
}
