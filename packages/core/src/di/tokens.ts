import type { ServiceIdentifier } from 'inversify';
import type { Backend } from '../backend/backend.js';
import type { DatasetAdapter } from '../data/dataset.js';
import type { ModelConfig } from '../model/config.js';
import type { Cvae } from '../model/cvae.js';
import type { Trainer } from '../train/trainer.js';
import type { TrainOptionsInput } from '../train/train-options.js';

/**
 * Service identifiers of the composition root. `Symbol.for` keeps them equal across bundles,
 * so a plugin built separately binds the same token.
 *
 * @example
 * ```ts
 * container.get(TOKENS.Backend).init();
 * ```
 */
export const TOKENS = {
  Backend: Symbol.for('cvae.Backend') as ServiceIdentifier<Backend>,
  Dataset: Symbol.for('cvae.Dataset') as ServiceIdentifier<DatasetAdapter>,
  ModelConfig: Symbol.for('cvae.ModelConfig') as ServiceIdentifier<ModelConfig>,
  Model: Symbol.for('cvae.Model') as ServiceIdentifier<Cvae>,
  TrainOptions: Symbol.for('cvae.TrainOptions') as ServiceIdentifier<TrainOptionsInput>,
  Trainer: Symbol.for('cvae.Trainer') as ServiceIdentifier<Trainer>,
} as const;
