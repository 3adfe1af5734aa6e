import { TOKENS } from '@cvae/core';
import { Container } from 'inversify';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fashionMnistFixture, writeFashionMnistFixture } from '../../test/fashion-mnist-fixture.js';
import { FashionMnistAdapter } from './fashion-mnist-adapter.js';
import { fashionMnistModule } from './fashion-mnist-module.js';

describe('fashionMnistModule', () => {
  it('binds TOKENS.Dataset to a FashionMnistAdapter built from the options', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cvae-fashion-module-'));
    try {
      const fixture = fashionMnistFixture();
      await writeFashionMnistFixture(dir, fixture);
      const container = new Container();
      container.load(fashionMnistModule({ dataDir: dir, md5: fixture.md5, trainSize: 10, testSize: 3 }));
      const dataset = container.get(TOKENS.Dataset);
      expect(dataset).toBeInstanceOf(FashionMnistAdapter);
      expect(container.get(TOKENS.Dataset)).toBe(dataset); // a constant: one adapter, loaded once
      await dataset.load();
      expect(dataset.size('train')).toBe(10);
      expect(dataset.size('test')).toBe(3);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
