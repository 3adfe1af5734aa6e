import type { Batch } from '@cvae/core';
import { describe, expect, it } from 'vitest';
import { imageBatches, type ImageBatchesSource } from './image-batches.js';

/** 7 examples of 2 values; example e is [e, 10 + e] with label e % 3. */
const source: ImageBatchesSource = {
  count: 7,
  rowSize: 2,
  labels: Uint8Array.from([0, 1, 2, 0, 1, 2, 0]),
  classes: 3,
  writeRow(example, x, at) {
    x[at] = example;
    x[at + 1] = 10 + example;
  },
};

/** Copies each batch, since the iterator reuses its buffers. */
async function collect(batches: AsyncIterable<Batch>): Promise<{ x: number[]; c: number[]; size: number }[]> {
  const out = [];
  for await (const batch of batches) out.push({ x: Array.from(batch.x), c: Array.from(batch.c), size: batch.size });
  return out;
}

describe('imageBatches', () => {
  it('covers every example and yields the partial final batch', async () => {
    const batches = await collect(imageBatches(source, 3));
    expect(batches.map((b) => b.size)).toEqual([3, 3, 1]);
    expect(batches[2].x).toEqual([6, 16]);
    expect(batches[2].c).toEqual([1, 0, 0]);
    expect(batches.flatMap((b) => b.x.filter((_, i) => i % 2 === 0))).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('one-hot encodes the labels of the rows it yields', async () => {
    const [first] = await collect(imageBatches(source, 3));
    expect(first.c).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1]);
  });

  it('follows the given order', async () => {
    const order = Uint32Array.from([6, 5, 4, 3, 2, 1, 0]);
    const [first] = await collect(imageBatches(source, 4, order));
    expect(first.x).toEqual([6, 16, 5, 15, 4, 14, 3, 13]);
    expect(first.c).toEqual([1, 0, 0, 0, 0, 1, 0, 1, 0, 1, 0, 0]);
  });

  it('reuses its buffers for full batches and views them for the last one', async () => {
    const seen: Batch[] = [];
    for await (const batch of imageBatches(source, 3)) seen.push(batch);
    expect(seen[1].x).toBe(seen[0].x);
    expect(seen[1].c).toBe(seen[0].c);
    expect(seen[2].x.buffer).toBe(seen[0].x.buffer);
    expect(seen[2].x.length).toBe(2);
    expect(seen[2].c.length).toBe(3);
  });

  it('caps the buffers at the example count when batchSize is larger', async () => {
    const batches = await collect(imageBatches(source, 100));
    expect(batches).toHaveLength(1);
    expect(batches[0].size).toBe(7);
    expect(batches[0].x).toHaveLength(14);
  });
});
