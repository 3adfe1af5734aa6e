import '../register-gradients.js';
import * as tf from '@tensorflow/tfjs-core';
import type { Batch, DatasetAdapter } from '../data/dataset.js';
import { nextSeed, statefulRandom, type StatefulRandom } from '../data/seeded-random.js';
import { evaluateElbo } from '../eval/evaluate-elbo.js';
import { betaAt } from '../loss/beta-schedule.js';
import { elboTerms } from '../loss/elbo.js';
import { iwaeTerms } from '../loss/iwae-objective.js';
import type { Cvae } from '../model/cvae.js';
import { createAdam, type GradientOptimizer } from './adam.js';
import { TrainingDivergedError } from './errors.js';
import { globalNorm, scaleGradients } from './gradient-norm.js';
import type { EpochEvent, TrainEvent } from './events.js';
import { parseTrainOptions, type TrainOptions, type TrainOptionsInput } from './train-options.js';
import { CvaeError } from '../errors/cvae-error.js';
import { checkRestorable, type AdjustableOption } from './check-restorable.js';
import type { EpochProgress, EpochSums, TrainerState } from './trainer-state.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Trains a CVAE with Adam on a dataset, as an async iterable of events: one `batch` event per
 * step and one `epoch` event (with the test -ELBO) per epoch. Stop early by breaking the loop.
 *
 * @example
 * ```ts
 * const trainer = new Trainer(model, mnist, { epochs: 5 });
 * for await (const event of trainer.run()) {
 *   if (event.type === 'epoch') console.log(event.epoch, event.test?.negElbo);
 * }
 * trainer.dispose();
 * ```
 *
 * `state()` between two events captures where training stands; `restore(state)` on a new trainer
 * (whose model holds the same weights) continues from there, bit for bit like an unbroken run.
 */
export class Trainer {
  readonly options: TrainOptions;
  private readonly optimizer: GradientOptimizer;
  private globalStep = 0;
  private totalSteps = 1;
  private completedEpochs = 0;
  private current: Mutable<EpochProgress> | undefined;
  private random: StatefulRandom;

  constructor(
    readonly model: Cvae,
    readonly dataset: DatasetAdapter,
    options: TrainOptionsInput = {},
  ) {
    this.options = parseTrainOptions(options);
    this.optimizer = createAdam({ learningRate: this.options.learningRate });
    this.random = statefulRandom(`train:${this.options.seed}`);
    if (!model.hasGaussianPrior && this.options.freeBits > 0) {
      throw new CvaeError('train', `free bits (${this.options.freeBits}) need a KL per latent dimension, which a model with a second stochastic layer (topLatent) or a mixture prior does not have`, { fix: 'set freeBits to 0' });
    }
    const { input, condition } = dataset.spec;
    if (input.size !== model.config.inputSize || condition.size !== model.config.conditionSize) {
      throw new CvaeError(
        'train',
        `the model expects x of size ${model.config.inputSize} and c of size ${model.config.conditionSize}, but dataset "${dataset.id}" gives ${input.size} and ${condition.size}`,
        { fix: 'build the model config from dataset.spec' },
      );
    }
  }

  /** Trains from where the trainer stands (the start, or a restored state) to the last epoch. */
  async *run(): AsyncGenerator<TrainEvent> {
    this.totalSteps = this.options.epochs * Math.ceil(this.dataset.size('train') / this.options.batchSize);
    while (this.completedEpochs < this.options.epochs) {
      const epoch = this.completedEpochs + 1;
      this.current ??= { epoch, dataSeed: nextSeed(this.random), steps: 0, sums: { loss: 0, recon: 0, kl: 0, examples: 0 } };
      yield* this.runEpoch(this.current);
    }
  }

  /**
   * Where training stands, as plain data (see `TrainerState`). Take it between events: after a
   * `batch` event it includes that step, after an `epoch` event the whole epoch.
   *
   * @example
   * ```ts
   * for await (const event of trainer.run()) if (event.type === 'epoch') save(trainer.state(), await saveModel(trainer.model));
   * ```
   */
  state(): TrainerState {
    const names = new Map(this.model.variables().map((v) => [v.name, this.model.localName(v)]));
    const optimizer = this.optimizer.getState();
    return {
      version: 1,
      options: this.options,
      completedEpochs: this.completedEpochs,
      ...(this.current !== undefined && { current: { ...this.current, sums: { ...this.current.sums } } }),
      globalStep: this.globalStep,
      random: this.random.state(),
      optimizer: { step: optimizer.step, moments: optimizer.moments.map((s) => ({ ...s, name: names.get(s.name) ?? s.name })) },
    };
  }

  /**
   * Continues from a saved `state()`: optimiser moments, generator, epoch and position in the data
   * order. The model must already hold the weights saved with it. Throws a `CvaeError` when the
   * state was written with other options or for another model, except the `adjusted` ones
   * (`learningRate`, `clipNorm`: continuing a diverged run with a smaller step). Call before `run()`.
   *
   * @example
   * ```ts
   * const trainer = new Trainer(await loadModel(manifest, weights), mnist, options);
   * trainer.restore(state);
   * for await (const event of trainer.run()) ...
   * ```
   */
  restore(state: TrainerState, { adjusted = [] }: { adjusted?: readonly AdjustableOption[] } = {}): void {
    const variables = checkRestorable(state, this.options, this.model, adjusted);
    this.optimizer.setState({ step: state.optimizer.step, moments: state.optimizer.moments.map((s) => ({ ...s, name: variables.get(s.name)!.name })) });
    this.random = statefulRandom(`train:${this.options.seed}`, state.random);
    this.completedEpochs = state.completedEpochs;
    this.current = state.current && { ...state.current, sums: { ...state.current.sums } };
    this.globalStep = state.globalStep;
  }

  /** Adam's step size for the current step: constant, or decayed towards `learningRateEnd`. */
  private currentLearningRate(): number {
    const { learningRate, learningRateEnd } = this.options;
    if (learningRateEnd === undefined) return learningRate;
    return learningRate * (learningRateEnd / learningRate) ** (this.globalStep / Math.max(1, this.totalSteps - 1));
  }

  /** The KL weight for the current step (constant, or from the schedule). */
  private currentBeta(): number {
    const { beta } = this.options;
    return typeof beta === 'number' ? beta : betaAt(beta, this.globalStep, this.totalSteps);
  }

  /** Frees the optimiser's moment estimates (the model's weights stay). */
  dispose(): void {
    this.optimizer.dispose();
  }

  private async *runEpoch(progress: Mutable<EpochProgress>): AsyncGenerator<TrainEvent> {
    const { epoch } = progress;
    const started = performance.now();
    // A resumed epoch replays the same data order (same seed) and skips the batches already trained on.
    const done = progress.steps;
    let index = 0;
    for await (const batch of this.dataset.batches('train', this.options.batchSize, { shuffle: true, seed: progress.dataSeed })) {
      if (index++ < done) continue;
      const step = progress.steps + 1;
      const beta = this.currentBeta();
      if (this.options.learningRateEnd !== undefined) this.optimizer.setLearningRate(this.currentLearningRate());
      const [loss, recon, kl] = this.step(batch, nextSeed(this.random), beta, { epoch, step });
      this.globalStep++;
      const sums: EpochSums = progress.sums;
      progress.sums = { loss: sums.loss + loss * batch.size, recon: sums.recon + recon * batch.size, kl: sums.kl + kl * batch.size, examples: sums.examples + batch.size };
      progress.steps = step;
      yield { type: 'batch', epoch, step, examples: progress.sums.examples, loss };
    }
    const { sums } = progress;
    const examples = sums.examples;
    const test = this.options.evaluate
      ? await evaluateElbo(this.model, this.dataset, 'test', { batchSize: this.options.evalBatchSize })
      : undefined;
    const event: EpochEvent = {
      type: 'epoch',
      epoch,
      train: { loss: sums.loss / examples, recon: sums.recon / examples, kl: sums.kl / examples, beta: this.currentBeta() },
      test: test && { negElbo: test.negElbo, recon: test.recon, kl: test.kl },
      seconds: (performance.now() - started) / 1000,
      numTensors: tf.memory().numTensors,
    };
    // Counted as finished before the event, so a state taken at the event resumes with the next epoch.
    this.completedEpochs = epoch;
    this.current = undefined;
    yield event;
  }

  /**
   * One Adam step; returns [loss, recon, kl] as batch means (loss = recon + beta * KL objective + any penalty).
   * The loss and the gradients' global norm are read before the update: a NaN or infinite one
   * throws `TrainingDivergedError` and leaves the weights as they were. With `clipNorm`, gradients
   * whose global norm exceeds it are scaled down to it (Pascanu et al. 2013).
   */
  private step(batch: Batch, noiseSeed: number, beta: number, at: { epoch: number; step: number }): [number, number, number] {
    const { input, condition } = this.dataset.spec;
    const variables = this.model.variables();
    const { grads, metrics } = tf.tidy(() => {
      const x = tf.tensor2d(batch.x, [batch.size, input.size]);
      const c = tf.tensor2d(batch.c, [batch.size, condition.size]);
      let parts: tf.Scalar[] = [];
      const { grads } = tf.variableGrads(() => {
        const { importanceSamples: k, freeBits, independence } = this.options;
        const terms = k > 1 ? iwaeTerms(this.model, x, c, k, beta, noiseSeed, true) : elboTerms(this.model, x, c, beta, noiseSeed, freeBits, independence, true);
        // Kept past variableGrads' own clean-up so that one read gives all the figures.
        parts = [tf.keep(terms.recon), tf.keep(terms.kl), tf.keep(terms.loss)];
        return terms.loss;
      }, variables);
      const metrics = tf.stack([...parts, globalNorm(Object.values(grads))]);
      tf.dispose(parts);
      return { grads, metrics };
    });
    try {
      const [recon, kl, loss, norm] = metrics.dataSync();
      if (!Number.isFinite(loss) || !Number.isFinite(norm)) throw new TrainingDivergedError(at.epoch, at.step, { loss, gradientNorm: norm, learningRate: this.currentLearningRate(), clipNorm: this.options.clipNorm });
      const clip = this.options.clipNorm;
      tf.tidy(() => this.optimizer.apply(variables, clip !== undefined && norm > clip ? scaleGradients(grads, clip / norm) : grads));
      return [loss, recon, kl];
    } finally {
      metrics.dispose();
      tf.dispose(Object.values(grads));
    }
  }
}
