import { TOKENS } from '@cvae/core';
import { Container } from 'inversify';
import { describe, expect, it } from 'vitest';
import { MnistAdapter } from './mnist-adapter.js';
import { mnistModule } from './mnist-module.js';

describe('mnistModule', () => {
  it('binds TOKENS.Dataset to an MnistAdapter built from the options', async () => {
    const container = new Container();
    container.load(mnistModule({ trainSize: 10, testSize: 5 }));
    const dataset = container.get(TOKENS.Dataset);
    expect(dataset).toBeInstanceOf(MnistAdapter);
    expect(container.get(TOKENS.Dataset)).toBe(dataset); // a constant: one adapter, loaded once
    await dataset.load();
    expect(dataset.size('train')).toBe(10);
    expect(dataset.size('test')).toBe(5);
  });
});
