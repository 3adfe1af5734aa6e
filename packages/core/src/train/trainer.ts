import '../register-gradients.js';
import * as tf from '@tensorflow/tfjs-core';
import type { Batch, DatasetAdapter } from '../data/dataset.js';
import { nextSeed, seededRandom } from '../data/seeded-random.js';
import { evaluateElbo } from '../eval/evaluate-elbo.js';
import { betaAt } from '../loss/beta-schedule.js';
import { elboTerms } from '../loss/elbo.js';
import type { Cvae } from '../model/cvae.js';
import { createAdam, type GradientOptimizer } from './adam.js';
import { TrainingDivergedError } from './errors.js';
import type { EpochEvent, TrainEvent } from './events.js';
import { parseTrainOptions, type TrainOptions, type TrainOptionsInput } from './train-options.js';
import { CvaeError } from '../errors/cvae-error.js';

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
 */
export class Trainer {
  readonly options: TrainOptions;
  private readonly optimizer: GradientOptimizer;
  private globalStep = 0;
  private totalSteps = 1;

  constructor(
    readonly model: Cvae,
    readonly dataset: DatasetAdapter,
    options: TrainOptionsInput = {},
  ) {
    this.options = parseTrainOptions(options);
    this.optimizer = createAdam({ learningRate: this.options.learningRate });
    const { input, condition } = dataset.spec;
    if (input.size !== model.config.inputSize || condition.size !== model.config.conditionSize) {
      throw new CvaeError(
        'train',
        `the model expects x of size ${model.config.inputSize} and c of size ${model.config.conditionSize}, but dataset "${dataset.id}" gives ${input.size} and ${condition.size}`,
        { fix: 'build the model config from dataset.spec' },
      );
    }
  }

  async *run(): AsyncGenerator<TrainEvent> {
    const random = seededRandom(`train:${this.options.seed}`);
    this.totalSteps = this.options.epochs * Math.ceil(this.dataset.size('train') / this.options.batchSize);
    this.globalStep = 0;
    for (let epoch = 1; epoch <= this.options.epochs; epoch++) {
      yield* this.runEpoch(epoch, nextSeed(random), random);
    }
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

  private async *runEpoch(epoch: number, dataSeed: number, random: () => number): AsyncGenerator<TrainEvent> {
    const started = performance.now();
    const sums = { loss: 0, recon: 0, kl: 0 };
    let examples = 0;
    let step = 0;
    for await (const batch of this.dataset.batches('train', this.options.batchSize, { shuffle: true, seed: dataSeed })) {
      step++;
      const beta = this.currentBeta();
      const [loss, recon, kl] = this.step(batch, nextSeed(random), beta);
      this.globalStep++;
      if (!Number.isFinite(loss)) throw new TrainingDivergedError(epoch, step, loss);
      sums.loss += loss * batch.size;
      sums.recon += recon * batch.size;
      sums.kl += kl * batch.size;
      examples += batch.size;
      yield { type: 'batch', epoch, step, examples, loss };
    }
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
    yield event;
  }

  /** One Adam step; returns [loss, recon, kl] as batch means (loss = recon + beta * KL objective + any penalty). */
  private step(batch: Batch, noiseSeed: number, beta: number): [number, number, number] {
    const { input, condition } = this.dataset.spec;
    const metrics = tf.tidy(() => {
      const x = tf.tensor2d(batch.x, [batch.size, input.size]);
      const c = tf.tensor2d(batch.c, [batch.size, condition.size]);
      let parts: tf.Scalar[] = [];
      const variables = this.model.variables();
      const { grads } = tf.variableGrads(() => {
        const terms = elboTerms(this.model, x, c, beta, noiseSeed, this.options.freeBits, this.options.independence);
        // Kept past variableGrads' own clean-up so that one read gives all three terms.
        parts = [tf.keep(terms.recon), tf.keep(terms.kl), tf.keep(terms.loss)];
        return terms.loss;
      }, variables);
      this.optimizer.apply(variables, grads);
      const stacked = tf.stack(parts);
      tf.dispose(parts);
      return stacked;
    });
    const [recon, kl, loss] = metrics.dataSync();
    metrics.dispose();
    return [loss, recon, kl];
  }
}
