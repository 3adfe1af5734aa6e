import { Container, ContainerModule } from 'inversify';
import { beforeAll, describe, expect, it } from 'vitest';
import { syntheticDataset } from '../../testing/synthetic-dataset.js';
import { cpuBackend } from '../backend/cpu/cpu-backend.js';
import { parseModelConfig } from '../model/config.js';
import { useCpuBackend } from '../../test/use-cpu-backend.js';
import { coreModule } from './core-module.js';
import { TOKENS } from './tokens.js';

beforeAll(useCpuBackend);

describe('coreModule', () => {
  it('composes a backend, a dataset, a model and a trainer that trains', async () => {
    const dataset = syntheticDataset({ classes: 2, inputSize: 8, trainSize: 32, testSize: 8 });
    const container = new Container();
    container.load(
      coreModule(),
      new ContainerModule(({ bind }) => {
        bind(TOKENS.Backend).toConstantValue(cpuBackend());
        bind(TOKENS.Dataset).toConstantValue(dataset);
        bind(TOKENS.ModelConfig).toConstantValue(parseModelConfig({ inputSize: 8, conditionSize: 2, latentSize: 2 }));
        bind(TOKENS.TrainOptions).toConstantValue({ epochs: 1, batchSize: 16 });
      }),
    );
    await container.get(TOKENS.Backend).init();
    const trainer = container.get(TOKENS.Trainer);
    expect(trainer.model).toBe(container.get(TOKENS.Model));
    const types: string[] = [];
    for await (const event of trainer.run()) types.push(event.type);
    expect(types).toEqual(['batch', 'batch', 'epoch']);
    trainer.dispose();
    trainer.model.dispose();
  });
});
