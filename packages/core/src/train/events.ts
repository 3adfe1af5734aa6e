/** Batch means of the training objective's terms, nats per example. */
export interface LossSummary {
  /** The objective: recon + beta * KL (with free bits, if set). */
  readonly loss: number;
  readonly recon: number;
  /** The true KL(q(z|x,c) || p(z)). */
  readonly kl: number;
  /** The KL weight at the end of the epoch. */
  readonly beta?: number;
}

/** Emitted after every optimisation step. */
export interface BatchEvent {
  readonly type: 'batch';
  readonly epoch: number;
  /** 1-based step within the epoch. */
  readonly step: number;
  /** Examples seen so far in this epoch. */
  readonly examples: number;
  readonly loss: number;
}

/** Emitted at the end of every epoch. */
export interface EpochEvent {
  readonly type: 'epoch';
  readonly epoch: number;
  /** Example-weighted means over the epoch (beta-weighted loss). */
  readonly train: LossSummary;
  /** Test-set -ELBO (beta = 1) when evaluation is on. */
  readonly test?: { readonly negElbo: number; readonly recon: number; readonly kl: number };
  readonly seconds: number;
  /** `tf.memory().numTensors` at the end of the epoch (it must not grow). */
  readonly numTensors: number;
}

/** What `Trainer.run()` yields. */
export type TrainEvent = BatchEvent | EpochEvent;
