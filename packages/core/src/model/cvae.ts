import * as tf from '@tensorflow/tfjs-core';
import { seededRandom } from '../data/seeded-random.js';
import type { ModelConfig } from './config.js';
import { applyConvDecoder, applyConvEncoder, convDecoderVariables, convEncoderVariables, createConvDecoder, createConvEncoder, type ConvDecoder, type ConvEncoder } from './conv.js';
import { applyDense, createDense, type DenseLayer } from './dense.js';
import { CvaeError } from '../errors/cvae-error.js';
import { mixtureLogDensity, mixtureOutputSize, responsibleComponent, sampleMixture, splitMixture, type MixturePrior } from './mixture-prior.js';
import { normalLogDensity } from './normal-density.js';
import { createTopLatent, sampleTopLatent, topLatentConditional, topLatentLogPrior, topLatentVariables, type LogPriorForm, type TopLatentNetworks } from './top-latent.js';
import type { LikelihoodParams } from '../likelihood/likelihood.js';
import { likelihoodOf } from '../likelihood/registry.js';
import type { TokensConfig } from '../likelihood/tokens.js';
import {
  applySequenceDecoder,
  applySequenceEncoder,
  createSequenceDecoder,
  createSequenceEncoder,
  generateSequence,
  sequenceDecoderVariables,
  sequenceEncoderVariables,
  type GenerationOptions,
  type SequenceDecoder,
  type SequenceEncoder,
  type TeacherForcing,
} from './sequence.js';

/** Parameters of the diagonal Gaussian q(z|x,c) = N(mu, diag(exp(logvar))). */
export interface Posterior {
  readonly mu: tf.Tensor2D;
  readonly logvar: tf.Tensor2D;
}

/**
 * A label-conditioned CVAE (Sohn et al. 2015): the condition c is concatenated to the encoder
 * input x (for the conv architecture: to the flattened conv features) and to the latent z (with
 * `decoderCondition: 'every-layer'`, also to every hidden layer's input in the mlp decoder). The
 * encoder outputs [mu, logvar]; the decoder outputs logits of p(x|z,c). x and c are always flat
 * [batch, size] rows. Create it after the backend is initialised: weights live on the active backend.
 *
 * @example
 * ```ts
 * const model = new Cvae(parseModelConfig({ inputSize: 784, conditionSize: 10 }));
 * const { mu, logvar } = model.encode(x, c);
 * const logits = model.decode(mu, c);
 * ```
 */
export class Cvae {
  // tfjs variable names are global: each model gets its own prefix so several models can coexist.
  private static instances = 0;
  private readonly prefix = `cvae${Cvae.instances++}/`;
  private readonly encoderLayers: DenseLayer[] = [];
  private readonly decoderLayers: DenseLayer[] = [];
  /** The conv networks, when `config.architecture.kind` is 'conv' (then the MLP layers are empty). */
  private readonly conv?: { readonly encoder: ConvEncoder; readonly decoder: ConvDecoder };
  /** The sequence networks, when `config.architecture.kind` is 'sequence' (text). */
  private readonly sequence?: { readonly encoder: SequenceEncoder; readonly decoder: SequenceDecoder; readonly vocabularySize: number };
  /** The likelihood's own trainable tensors (e.g. a learned log sigma), by parameter name. */
  private readonly likelihoodParams: Record<string, tf.Variable> = {};
  /** Layers of the learned conditional prior p(z|c), when `config.prior.kind` is 'learned'. */
  private readonly priorLayers: DenseLayer[] = [];
  /** q(z2|z,c) and p(z|z2,c), when `config.topLatent` is set (then the prior is over z2). */
  private readonly top?: TopLatentNetworks;

  constructor(readonly config: ModelConfig) {
    const random = seededRandom(`cvae-init:${config.seed}`);
    const { inputSize, conditionSize, latentSize, encoderHidden, decoderHidden, architecture } = config;
    const likelihood = likelihoodOf(config.likelihood);
    const outputSize = likelihood.outputs(config.likelihood, inputSize);
    if (architecture.kind === 'conv') {
      this.conv = {
        encoder: createConvEncoder(`${this.prefix}encoder`, architecture, conditionSize, latentSize, random),
        decoder: createConvDecoder(`${this.prefix}decoder`, architecture, conditionSize, latentSize, random),
      };
    } else if (architecture.kind === 'sequence') {
      const vocabularySize = (config.likelihood as unknown as TokensConfig).vocabularySize;
      const sizes = { vocabularySize, conditionSize, latentSize };
      this.sequence = {
        encoder: createSequenceEncoder(`${this.prefix}encoder`, architecture, sizes, random),
        decoder: createSequenceDecoder(`${this.prefix}decoder`, architecture, sizes, random),
        vocabularySize,
      };
    } else {
      const encoderSizes = [inputSize + conditionSize, ...encoderHidden, 2 * latentSize];
      const decoderSizes = [latentSize + conditionSize, ...decoderHidden, outputSize];
      this.encoderLayers = encoderSizes.slice(1).map((out, i) => createDense(`${this.prefix}encoder.${i}`, encoderSizes[i], out, random));
      const extra = (i: number) => (i > 0 && config.decoderCondition === 'every-layer' ? conditionSize : 0);
      this.decoderLayers = decoderSizes.slice(1).map((out, i) => createDense(`${this.prefix}decoder.${i}`, decoderSizes[i] + extra(i), out, random));
    }
    for (const p of likelihood.parameters?.(config.likelihood, inputSize) ?? []) {
      this.likelihoodParams[p.name] = tf.variable(tf.fill([...p.shape], p.init), true, `${this.prefix}decoder.${p.name}`);
    }
    if (config.prior.kind === 'learned') {
      const { components } = config.prior;
      const priorOutputs = components > 1 ? mixtureOutputSize(components, latentSize) : 2 * (config.topLatent?.size ?? latentSize);
      const priorSizes = [conditionSize, ...config.prior.hidden, priorOutputs];
      this.priorLayers = priorSizes.slice(1).map((out, i) => createDense(`${this.prefix}prior.${i}`, priorSizes[i], out, random));
    }
    if (config.topLatent !== undefined) {
      this.top = createTopLatent(`${this.prefix}top`, { latentSize, topSize: config.topLatent.size, hidden: config.topLatent.hidden, conditionSize }, random);
    }
  }

  /** Whether a second stochastic layer z2 sits above z (`config.topLatent`): then p(z|c) is not Gaussian. */
  get hasTopLatent(): boolean {
    return this.top !== undefined;
  }

  /** Whether p(z|c) is a mixture of Gaussians (`prior.components` > 1): log p(z|c) exact, no closed-form KL. */
  get hasMixturePrior(): boolean {
    return this.mixtureComponents > 1;
  }

  /** Whether p(z|c) is one diagonal Gaussian (N(0, I) or learned): `prior(c)` and closed-form KLs apply. */
  get hasGaussianPrior(): boolean {
    return this.top === undefined && !this.hasMixturePrior;
  }

  /** Whether p(z|c) is a learned Gaussian (otherwise N(0, I), or not Gaussian: see `hasGaussianPrior`). */
  get hasLearnedPrior(): boolean {
    return this.priorLayers.length > 0 && this.hasGaussianPrior;
  }

  /**
   * The prior p(z|c) for each condition row: N(0, I) or the learned N(mu(c), diag(exp(logvar(c)))).
   * A model with a top latent layer or a mixture prior has no Gaussian p(z|c): use `logPrior` and `samplePrior`.
   */
  prior(c: tf.Tensor2D): Posterior {
    if (!this.hasGaussianPrior) {
      const what = this.top !== undefined ? 'a second stochastic layer (topLatent)' : `a mixture prior (${this.mixtureComponents} components)`;
      throw new CvaeError('model', `this model has ${what}: its p(z|c) is not a Gaussian`, {
        fix: 'use logPrior(z, c, seed) and samplePrior(c, seed)',
      });
    }
    return this.gaussianPrior(c);
  }

  /**
   * log p(z|c) per row of z ([rows, latentSize]): exact for a Gaussian or mixture prior; with a top latent
   * layer, a one-draw estimate through z2 ~ q(z2|z,c) from `seed` (`form`: see `topLatentLogPrior`).
   *
   * @example
   * ```ts
   * const logPz = model.logPrior(z, c, 7, 'weight');
   * ```
   */
  logPrior(z: tf.Tensor2D, c: tf.Tensor2D, seed: number, form: LogPriorForm): tf.Tensor1D {
    return tf.tidy(() => {
      if (this.hasMixturePrior) return mixtureLogDensity(z, this.mixturePrior(c));
      if (this.top === undefined) {
        const { mu, logvar } = this.gaussianPrior(c);
        return normalLogDensity<tf.Rank.R1>(z, mu, logvar);
      }
      return topLatentLogPrior(this.top, z, c, this.gaussianPrior(c), seed, form, this.config.activation);
    });
  }

  /**
   * z ~ p(z|c) for each condition row, from `seed` (a positive tfjs seed): a Gaussian draw, a mixture's, or
   * ancestrally z2 ~ p(z2|c), z ~ p(z|z2,c) with a top latent layer.
   *
   * @example
   * ```ts
   * const z = model.samplePrior(oneHotRows, 11);
   * ```
   */
  samplePrior(c: tf.Tensor2D, seed: number): tf.Tensor2D {
    if (this.top !== undefined) return sampleTopLatent(this.top, c, this.gaussianPrior(c), seed, this.config.activation);
    if (this.hasMixturePrior) return tf.tidy(() => sampleMixture(this.mixturePrior(c), seed));
    return tf.tidy(() => {
      const { mu, logvar } = this.gaussianPrior(c);
      return reparameterize(mu, logvar, seed);
    });
  }

  /**
   * With a top latent layer: p(z|z2,c) at one draw z2 ~ q(z2|z,c) from `seed`; with a mixture prior:
   * the component most responsible for z (`seed` unused). Throws for a single Gaussian prior.
   *
   * @example
   * ```ts
   * const { mu, logvar } = model.conditionalPrior(z, c, 1);
   * ```
   */
  conditionalPrior(z: tf.Tensor2D, c: tf.Tensor2D, seed: number): Posterior {
    if (this.hasMixturePrior) return tf.tidy(() => responsibleComponent(z, this.mixturePrior(c)));
    if (this.top === undefined) throw new CvaeError('model', 'conditionalPrior needs a second stochastic layer (topLatent) or a mixture prior', { fix: 'use prior(c)' });
    return topLatentConditional(this.top, z, c, seed, this.config.activation);
  }

  private get mixtureComponents(): number {
    return this.config.prior.kind === 'learned' ? this.config.prior.components : 1;
  }

  /** The mixture p(z|c) per condition row (a model with `prior.components` > 1). */
  private mixturePrior(c: tf.Tensor2D): MixturePrior {
    return splitMixture(this.mlp(c, this.priorLayers, true), this.mixtureComponents, this.config.latentSize);
  }

  /** The Gaussian at the top of the latent hierarchy: p(z|c), or p(z2|c) with a top latent layer. */
  private gaussianPrior(c: tf.Tensor2D): Posterior {
    return tf.tidy(() => {
      if (this.priorLayers.length === 0) {
        const zeros = tf.zeros([c.shape[0], this.config.topLatent?.size ?? this.config.latentSize]) as tf.Tensor2D;
        return { mu: zeros, logvar: tf.clone(zeros) };
      }
      const [mu, logvar] = tf.split(this.mlp(c, this.priorLayers, true), 2, 1) as [tf.Tensor2D, tf.Tensor2D];
      return { mu, logvar };
    });
  }

  /** -log p(x|z,c) per example (nats) for decoder output `out`, under the configured likelihood. */
  reconstructionNll(out: tf.Tensor2D, x: tf.Tensor2D): tf.Tensor1D {
    return likelihoodOf(this.config.likelihood).nll(this.config.likelihood, out, x, this.likelihoodParams as LikelihoodParams);
  }

  /** Observed units per row of x (tokens for text; otherwise every value, `inputSize`), shape [batch]. */
  units(x: tf.Tensor2D): tf.Tensor1D {
    const likelihood = likelihoodOf(this.config.likelihood);
    return likelihood.units !== undefined ? likelihood.units(this.config.likelihood, x) : (tf.fill([x.shape[0]], this.config.inputSize) as tf.Tensor1D);
  }

  /** The mean of p(x|z,c) for decoder output `out` (e.g. pixel probabilities). */
  mean(out: tf.Tensor2D): tf.Tensor2D {
    return likelihoodOf(this.config.likelihood).mean(this.config.likelihood, out, this.likelihoodParams as LikelihoodParams);
  }

  /** One draw x ~ p(x|z,c) per row of decoder output `out`, reproducible from `seed` (a positive tfjs seed). */
  sample(out: tf.Tensor2D, seed: number): tf.Tensor2D {
    return likelihoodOf(this.config.likelihood).sample(this.config.likelihood, out, seed, this.likelihoodParams as LikelihoodParams);
  }

  /** q(z|x,c): x is [batch, inputSize], c is [batch, conditionSize]. */
  encode(x: tf.Tensor2D, c: tf.Tensor2D): Posterior {
    return tf.tidy(() => {
      const { architecture, activation } = this.config;
      const h =
        this.conv !== undefined && architecture.kind === 'conv'
          ? applyConvEncoder(this.conv.encoder, architecture, activation, x, c)
          : this.sequence !== undefined && architecture.kind === 'sequence'
            ? applySequenceEncoder(this.sequence.encoder, architecture, this.sequence.vocabularySize, x, c)
            : this.mlp(tf.concat([x, c], 1), this.encoderLayers, false);
      const [mu, logvar] = tf.split(h, 2, 1) as [tf.Tensor2D, tf.Tensor2D];
      return { mu, logvar };
    });
  }

  /**
   * p(x|z,c) as the likelihood's parameters (e.g. logits): z is [batch, latentSize]. `x`, the data
   * being scored, is read by decoders that condition on earlier parts of x (the sequence
   * architecture: teacher forcing, with word dropout when `forcing.dropoutSeed` is set); without
   * it such a decoder writes greedily on its own. Other architectures ignore `x` and `forcing`.
   */
  decode(z: tf.Tensor2D, c: tf.Tensor2D, x?: tf.Tensor2D, forcing?: TeacherForcing): tf.Tensor2D {
    const { architecture, activation } = this.config;
    if (this.sequence !== undefined && architecture.kind === 'sequence') {
      const { decoder, vocabularySize } = this.sequence;
      if (x !== undefined) return applySequenceDecoder(decoder, architecture, vocabularySize, z, c, x, forcing);
      const { ids, logits } = generateSequence(decoder, architecture, vocabularySize, this.config.inputSize, z, c, { mode: 'greedy' });
      ids.dispose();
      return logits;
    }
    if (this.conv !== undefined && architecture.kind === 'conv') return applyConvDecoder(this.conv.decoder, architecture, activation, z, c);
    if (this.config.decoderCondition === 'every-layer') return tf.tidy(() => this.mlp(tf.concat([z, c], 1), this.decoderLayers, true, c));
    return tf.tidy(() => this.mlp(tf.concat([z, c], 1), this.decoderLayers, true));
  }

  /**
   * One draw x ~ p(x|z,c) per row, from `seed`. An autoregressive decoder feeds each drawn token
   * back (softmax(logits / temperature); `greedy` takes the most likely token instead); other
   * decoders draw every value at once from `decode(z, c)`. Returns [batch, inputSize].
   *
   * @example
   * ```ts
   * const names = model.draw(z, c, 7, { temperature: 0.8 }); // token ids for text
   * ```
   */
  draw(z: tf.Tensor2D, c: tf.Tensor2D, seed: number, options: { temperature?: number; greedy?: boolean } = {}): tf.Tensor2D {
    const { architecture } = this.config;
    if (this.sequence !== undefined && architecture.kind === 'sequence') {
      const generation: GenerationOptions = options.greedy ? { mode: 'greedy' } : { mode: 'sample', seed, temperature: options.temperature ?? 1 };
      const { ids, logits } = generateSequence(this.sequence.decoder, architecture, this.sequence.vocabularySize, this.config.inputSize, z, c, generation);
      logits.dispose();
      return ids;
    }
    return tf.tidy(() => (options.greedy ? this.mean(this.decode(z, c)) : this.sample(this.decode(z, c), seed)));
  }

  /** The sequence networks (text models), for decoders such as beam search; undefined otherwise. */
  get sequenceNetworks(): { readonly decoder: SequenceDecoder; readonly vocabularySize: number } | undefined {
    return this.sequence;
  }

  /**
   * Trainable variables in a stable order (the order of model files): encoder first, each layer
   * weight then bias, then decoder; then the likelihood's parameters (e.g. a learned log sigma);
   * then the learned prior; then the top latent layer's networks.
   */
  variables(): tf.Variable[] {
    const layers =
      this.conv !== undefined
        ? [...convEncoderVariables(this.conv.encoder), ...convDecoderVariables(this.conv.decoder)]
        : this.sequence !== undefined
          ? [...sequenceEncoderVariables(this.sequence.encoder), ...sequenceDecoderVariables(this.sequence.decoder)]
          : [...this.encoderLayers, ...this.decoderLayers].flatMap((l) => [l.weight, l.bias]);
    const prior = this.priorLayers.flatMap((l) => [l.weight, l.bias]);
    const top = this.top !== undefined ? topLatentVariables(this.top) : [];
    return [...layers, ...Object.values(this.likelihoodParams), ...prior, ...top];
  }

  /** Model-local name of a variable (without the instance prefix), e.g. `encoder.0.weight`. */
  localName(variable: tf.Variable): string {
    return variable.name.startsWith(this.prefix) ? variable.name.slice(this.prefix.length) : variable.name;
  }

  /** Frees all weights. The model cannot be used afterwards. */
  dispose(): void {
    for (const v of this.variables()) v.dispose();
  }

  /** Dense layers in turn; with `everyLayer`, that tensor is concatenated to the input of every layer after the first. */
  private mlp(input: tf.Tensor2D, layers: DenseLayer[], inputNeedsGradient: boolean, everyLayer?: tf.Tensor2D): tf.Tensor2D {
    let h = input;
    layers.forEach((layer, i) => {
      const last = i === layers.length - 1;
      if (i > 0 && everyLayer !== undefined) h = tf.concat([h, everyLayer], 1);
      h = applyDense(h, layer, last ? 'linear' : this.config.activation, i > 0 || inputNeedsGradient);
    });
    return h;
  }
}

/**
 * The reparameterisation trick (Kingma & Welling 2014), the one place it is written:
 * z = mu + exp(logvar / 2) * eps, eps ~ N(0, I). `noise` is a tfjs seed (eps drawn with mu's
 * shape) or eps itself, which may carry leading sample axes (e.g. [k, batch, latent] for IWAE).
 * The gradient is written out (dz/dmu = 1, dz/dlogvar = (z - mu) / 2, summed over eps's extra
 * axes): 2 kernels backward where autodiff launches 7.
 *
 * @example
 * ```ts
 * const z = reparameterize(mu, logvar, 42);
 * ```
 */
export function reparameterize<R extends tf.Rank = tf.Rank.R2>(mu: tf.Tensor2D, logvar: tf.Tensor2D, noise: number | tf.Tensor<R>): tf.Tensor<R> {
  return tf.tidy(() => {
    const eps = typeof noise === 'number' ? tf.randomNormal(mu.shape, 0, 1, 'float32', noise) : noise;
    const op = tf.customGrad((...args: unknown[]) => {
      const [m, lv, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc];
      const spread = tf.mul(tf.exp(tf.mul(lv, 0.5)), eps); // z - mu
      save([spread]);
      return {
        value: tf.add(m, spread),
        gradFunc: (dz: tf.Tensor, [s]: tf.Tensor[]) => [sumToShape(dz, m.shape), sumToShape(tf.mul(tf.mul(dz, s), 0.5), lv.shape)],
      };
    }) as unknown as (m: tf.Tensor2D, lv: tf.Tensor2D) => tf.Tensor<R>;
    return op(mu, logvar);
  });
}

/** `t` summed over the axes along which `shape` was broadcast to t's shape (a copy when none, for the tape). */
function sumToShape(t: tf.Tensor, shape: number[]): tf.Tensor {
  const axes = tf.backend_util.getReductionAxes(shape, t.shape);
  if (axes.length === 0) return tf.clone(t);
  return tf.reshape(tf.sum(t, axes), shape);
}
