import { TOKENS } from '@cvae/core';
import { Container, ContainerModule } from 'inversify';
import { describe, expect, it } from 'vitest';
import { DatasetError } from './dataset-error.js';
import { MnistAdapter } from './mnist/mnist-adapter.js';
import { createDataset, DATASET_NAMES, datasetModule, isDatasetName } from './registry.js';

describe('dataset registry', () => {
  it('lists mnist', () => {
    expect(DATASET_NAMES).toEqual(['mnist']);
    expect(isDatasetName('mnist')).toBe(true);
    expect(isDatasetName('MNIST')).toBe(false);
  });

  it('returns the module of a known name', () => {
    const module = datasetModule('mnist', { dataDir: '/nowhere' });
    expect(module).toBeInstanceOf(ContainerModule);
    const container = new Container();
    container.load(module);
    expect(container.get(TOKENS.Dataset)).toBeInstanceOf(MnistAdapter);
  });

  it('creates the adapter of a known name without a container', () => {
    expect(createDataset('mnist')).toBeInstanceOf(MnistAdapter);
  });

  it('refuses an unknown name, listing the valid ones', () => {
    expect(() => datasetModule('cifar')).toThrow(new DatasetError(undefined, 'unknown dataset "cifar"; valid datasets: mnist'));
    expect(() => datasetModule('cifar')).toThrow(/^\[cvae\] unknown dataset "cifar"; valid datasets: mnist$/);
    expect(() => createDataset('x')).toThrow('[cvae] unknown dataset "x"; valid datasets: mnist');
  });
});
