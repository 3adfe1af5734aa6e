import { TOKENS } from '@cvae/core';
import { Container, ContainerModule } from 'inversify';
import { describe, expect, it } from 'vitest';
import { DatasetError } from './dataset-error.js';
import { FashionMnistAdapter } from './fashion-mnist/fashion-mnist-adapter.js';
import { MnistAdapter } from './mnist/mnist-adapter.js';
import { createDataset, DATASET_NAMES, datasetDescriptor, datasetModule, isDatasetName } from './registry.js';

describe('dataset registry', () => {
  it('lists mnist, fashion-mnist, tabular, text, names and spam-assassin, each with its descriptor', () => {
    expect(DATASET_NAMES).toEqual(['mnist', 'fashion-mnist', 'tabular', 'text', 'names', 'spam-assassin']);
    expect(DATASET_NAMES.map((id) => datasetDescriptor(id).present)).toEqual(['image-grid', 'image-grid', 'records', 'text', 'text', 'text']);
    expect(isDatasetName('mnist')).toBe(true);
    expect(isDatasetName('fashion-mnist')).toBe(true);
    expect(isDatasetName('MNIST')).toBe(false);
    expect(isDatasetName('fashion_mnist')).toBe(false);
  });

  it.each([
    ['mnist', MnistAdapter],
    ['fashion-mnist', FashionMnistAdapter],
  ] as const)('returns the module of %s', (name, adapter) => {
    const module = datasetModule(name, { dataDir: '/nowhere' });
    expect(module).toBeInstanceOf(ContainerModule);
    const container = new Container();
    container.load(module);
    const dataset = container.get(TOKENS.Dataset);
    expect(dataset).toBeInstanceOf(adapter);
    expect(dataset.id).toBe(name);
  });

  it('creates the adapter of a known name without a container', () => {
    expect(createDataset('mnist')).toBeInstanceOf(MnistAdapter);
    expect(createDataset('fashion-mnist', { cacheDir: '/tmp/x', download: false })).toBeInstanceOf(FashionMnistAdapter);
  });

  it('refuses an unknown name, listing the valid ones', () => {
    expect(() => datasetModule('cifar')).toThrow(
      new DatasetError(undefined, 'unknown dataset "cifar"; valid datasets: mnist, fashion-mnist, tabular, text, names, spam-assassin'),
    );
    expect(() => datasetModule('cifar')).toThrow(/^\[cvae\] \[datasets\] unknown dataset "cifar"; valid datasets: mnist, fashion-mnist, tabular, text, names, spam-assassin$/);
    expect(() => createDataset('x')).toThrow('[cvae] [datasets] unknown dataset "x"; valid datasets: mnist, fashion-mnist, tabular, text, names, spam-assassin');
  });
});
