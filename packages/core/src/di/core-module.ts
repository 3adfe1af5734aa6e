import { ContainerModule } from 'inversify';
import type { DatasetAdapter } from '../data/dataset.js';
import type { ModelConfig } from '../model/config.js';
import { Cvae } from '../model/cvae.js';
import { Trainer } from '../train/trainer.js';
import type { TrainOptionsInput } from '../train/train-options.js';
import { TOKENS } from './tokens.js';

/**
 * Binds the model and the trainer. The app binds `TOKENS.ModelConfig` and `TOKENS.TrainOptions`,
 * loads a backend module and a dataset module, and initialises the backend before asking for
 * the model (weights are created on the active backend).
 *
 * @example
 * ```ts
 * const container = new Container();
 * container.load(coreModule(), wasmBackendModule(), mnistModule());
 * container.bind(TOKENS.ModelConfig).toConstantValue(parseModelConfig({ inputSize: 784, conditionSize: 10 }));
 * container.bind(TOKENS.TrainOptions).toConstantValue({ epochs: 5 });
 * await container.get(TOKENS.Backend).init();
 * await container.get(TOKENS.Dataset).load();
 * for await (const event of container.get(TOKENS.Trainer).run()) console.log(event);
 * ```
 */
export function coreModule(): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(TOKENS.Model)
      .toResolvedValue((config: ModelConfig) => new Cvae(config), [TOKENS.ModelConfig])
      .inSingletonScope();
    bind(TOKENS.Trainer)
      .toResolvedValue(
        (model: Cvae, dataset: DatasetAdapter, options: TrainOptionsInput) => new Trainer(model, dataset, options),
        [TOKENS.Model, TOKENS.Dataset, TOKENS.TrainOptions],
      )
      .inSingletonScope();
  });
}
