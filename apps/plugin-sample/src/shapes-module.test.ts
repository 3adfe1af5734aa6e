import { TOKENS } from '@cvae/core';
import { Container } from 'inversify';
import { describe, expect, it } from 'vitest';
import plugin, { shapesModule } from './index.js';
import { ShapesAdapter } from './shapes-adapter.js';

describe('shapesModule', () => {
  it('binds TOKENS.Dataset to a shapes adapter built from the options', () => {
    const container = new Container();
    container.load(shapesModule({ trainSize: 100, testSize: 20 }));
    const dataset = container.get(TOKENS.Dataset);
    expect(dataset).toBeInstanceOf(ShapesAdapter);
    expect([dataset.id, dataset.size('train'), dataset.size('test')]).toEqual(['shapes', 100, 20]);
  });

  it('is the default export, the entry the CLI plugin loader uses', () => {
    expect(plugin).toBe(shapesModule);
  });
});
