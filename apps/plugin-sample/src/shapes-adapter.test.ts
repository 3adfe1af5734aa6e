import { testDatasetAdapter } from '@cvae/core/testing';
import { describe, expect, it } from 'vitest';
import { SHAPE_NAMES } from './shapes.js';
import { ShapesAdapter } from './shapes-adapter.js';

// The whole contract, from the kit every dataset plugin runs.
testDatasetAdapter(() => new ShapesAdapter(), { batchSize: 64 });
testDatasetAdapter(() => new ShapesAdapter({ trainSize: 10, testSize: 3, seed: 5 }), { batchSize: 4 });

async function firstImages(adapter: ShapesAdapter, split: 'train' | 'test', count: number) {
  await adapter.load();
  for await (const batch of adapter.batches(split, count)) return { x: batch.x.slice(), c: batch.c.slice() };
  throw new Error('no batch');
}

describe('ShapesAdapter', () => {
  it('draws the same dataset for the same seed and another for another seed', async () => {
    const a = await firstImages(new ShapesAdapter({ seed: 1 }), 'test', 50);
    expect(await firstImages(new ShapesAdapter({ seed: 1 }), 'test', 50)).toEqual(a);
    expect((await firstImages(new ShapesAdapter({ seed: 2 }), 'test', 50)).x).not.toEqual(a.x);
  });

  it('has balanced classes and ink in every image', async () => {
    const { x, c } = await firstImages(new ShapesAdapter({ testSize: 400 }), 'test', 400);
    const perClass = SHAPE_NAMES.map((_, k) => c.filter((v, i) => v === 1 && i % SHAPE_NAMES.length === k).length);
    expect(perClass).toEqual([100, 100, 100, 100]);
    for (let row = 0; row < 400; row++) {
      const ink = x.subarray(row * 256, (row + 1) * 256).reduce((a, b) => a + b, 0);
      expect(ink, `image ${row}`).toBeGreaterThanOrEqual(12);
      expect(ink, `image ${row}`).toBeLessThan(200);
    }
  });

  it('refuses a non-positive split size, naming the option', () => {
    expect(() => new ShapesAdapter({ trainSize: 0 })).toThrow('[cvae] [shapes] trainSize must be a positive integer, found 0');
  });

  it('asks for load() before batches()', async () => {
    const iterator = new ShapesAdapter().batches('train', 8)[Symbol.asyncIterator]();
    await expect(iterator.next()).rejects.toThrow(/call load\(\) before batches\(\)/);
  });
});
