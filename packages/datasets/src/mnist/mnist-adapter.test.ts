import type { Batch, Progress } from '@cvae/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { MNIST_SPEC, MnistAdapter } from './mnist-adapter.js';

/** The first batch of an iteration, copied (the iterator reuses its buffers). */
async function firstBatch(batches: AsyncIterable<Batch>): Promise<{ x: Float32Array; c: Float32Array; size: number }> {
  for await (const batch of batches) return { x: batch.x.slice(), c: batch.c.slice(), size: batch.size };
  throw new Error('no batch');
}

/** Class id of each one-hot row. */
const classesOf = (c: Float32Array): number[] =>
  Array.from({ length: c.length / 10 }, (_, row) => c.subarray(row * 10, row * 10 + 10).indexOf(1));

describe('MnistAdapter on the real files', () => {
  const mnist = new MnistAdapter();
  const stages: Progress[] = [];

  beforeAll(async () => {
    await mnist.load({ onProgress: (p) => stages.push(p) });
  });

  it('loads 60000 training and 10000 test examples with checksums verified', () => {
    expect(mnist.size('train')).toBe(60000);
    expect(mnist.size('test')).toBe(10000);
    expect(stages.at(-1)).toEqual({ stage: 'MNIST ready', fraction: 1 });
  });

  it('describes itself as binarised 28x28 digits with a one-hot condition', () => {
    expect(mnist.id).toBe('mnist');
    expect(mnist.spec).toBe(MNIST_SPEC);
    expect(mnist.spec.input).toEqual({ shape: [28, 28, 1], size: 784, kind: 'binary' });
    expect(mnist.spec.condition.classNames).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(mnist.spec.likelihood).toBe('bernoulli');
  });

  it('yields batches of the right shape, with x in {0, 1} and one-hot rows summing to 1', async () => {
    const batch = await firstBatch(mnist.batches('train', 128, { seed: 1 }));
    expect(batch.size).toBe(128);
    expect(batch.x).toHaveLength(128 * 784);
    expect(batch.c).toHaveLength(128 * 10);
    expect(new Set(batch.x)).toEqual(new Set([0, 1]));
    for (let row = 0; row < 128; row++) {
      expect(batch.c.subarray(row * 10, row * 10 + 10).reduce((a, b) => a + b, 0)).toBe(1);
    }
    // Binarised MNIST has about 13% ink; a wrong threshold (e.g. pixel instead of pixel/255) would not.
    const ink = batch.x.reduce((a, b) => a + b, 0) / batch.x.length;
    expect(ink).toBeGreaterThan(0.08);
    expect(ink).toBeLessThan(0.2);
  });

  it('is deterministic given the seed and differs between seeds', async () => {
    const a = await firstBatch(mnist.batches('train', 64, { seed: 7 }));
    const b = await firstBatch(mnist.batches('train', 64, { seed: 7 }));
    const c = await firstBatch(mnist.batches('train', 64, { seed: 8 }));
    expect(b.x).toEqual(a.x);
    expect(b.c).toEqual(a.c);
    expect(c.x).not.toEqual(a.x);
    expect(c.c).not.toEqual(a.c);
  });

  it('binarises training images afresh: same order, different seed, different pixels', async () => {
    const a = await firstBatch(mnist.batches('train', 32, { shuffle: false, seed: 1 }));
    const b = await firstBatch(mnist.batches('train', 32, { shuffle: false, seed: 2 }));
    expect(b.c).toEqual(a.c);
    expect(b.x).not.toEqual(a.x);
  });

  it('shuffles train by default and keeps the file order for test', async () => {
    const shuffled = await firstBatch(mnist.batches('train', 20));
    const ordered = await firstBatch(mnist.batches('train', 20, { shuffle: false }));
    expect(classesOf(ordered.c).slice(0, 5)).toEqual([5, 0, 4, 1, 9]); // the famous first training digits
    expect(classesOf(shuffled.c)).not.toEqual(classesOf(ordered.c));
    const test = await firstBatch(mnist.batches('test', 5));
    expect(classesOf(test.c)).toEqual([7, 2, 1, 0, 4]);
  });

  it('yields the final partial batch and covers the whole split', async () => {
    const sizes: number[] = [];
    for await (const batch of mnist.batches('test', 128)) {
      sizes.push(batch.size);
      expect(batch.x).toHaveLength(batch.size * 784);
      expect(batch.c).toHaveLength(batch.size * 10);
    }
    expect(sizes).toHaveLength(79);
    expect(sizes.at(-1)).toBe(10000 - 78 * 128);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(10000);
  });

  it('serves the same binarised test set on every pass, whatever the seed', async () => {
    const a = await firstBatch(mnist.batches('test', 100, { seed: 1 }));
    const b = await firstBatch(mnist.batches('test', 100, { seed: 2 }));
    expect(b.x).toEqual(a.x);
    expect(new Set(a.x)).toEqual(new Set([0, 1]));
  });

  it('binarises the test set identically in a second load', async () => {
    const again = new MnistAdapter();
    await again.load();
    const a = await firstBatch(mnist.batches('test', 10000));
    const b = await firstBatch(again.batches('test', 10000));
    expect(a.size).toBe(10000);
    // Byte comparison: toEqual on 7.8 million floats would dominate the test's run time.
    expect(Buffer.from(b.x.buffer).equals(Buffer.from(a.x.buffer))).toBe(true);
  });

  it('binarises a testSize subset as the prefix of the full test set', async () => {
    const subset = new MnistAdapter({ testSize: 300 });
    await subset.load();
    const full = await firstBatch(mnist.batches('test', 300));
    const part = await firstBatch(subset.batches('test', 300));
    expect(part.x).toEqual(full.x);
    expect(part.c).toEqual(full.c);
  });

  it('rejects a batch size that is not a positive integer', () => {
    for (const bad of [0, -1, 1.5, Number.NaN]) {
      expect(() => mnist.batches('train', bad)).toThrow(`[cvae] [mnist] batchSize must be a positive integer, got ${bad}`);
    }
  });

  it('rejects an unknown split', () => {
    expect(() => mnist.size('valid' as 'test')).toThrow('unknown split "valid"; valid splits: train, test');
  });
});

describe('MnistAdapter options', () => {
  it('limits the splits to the first trainSize / testSize examples', async () => {
    const small = new MnistAdapter({ trainSize: 250, testSize: 40 });
    await small.load();
    expect(small.size('train')).toBe(250);
    expect(small.size('test')).toBe(40);
    const sizes: number[] = [];
    for await (const batch of small.batches('train', 100)) sizes.push(batch.size);
    expect(sizes).toEqual([100, 100, 50]);
    const ordered = await firstBatch(small.batches('train', 250, { shuffle: false }));
    expect(classesOf(ordered.c).slice(0, 3)).toEqual([5, 0, 4]);
  });

  it('validates trainSize and testSize', async () => {
    expect(() => new MnistAdapter({ trainSize: 0 })).toThrow('[cvae] [mnist] trainSize must be a positive integer, got 0');
    expect(() => new MnistAdapter({ testSize: 2.5 })).toThrow('testSize must be a positive integer, got 2.5');
    await expect(new MnistAdapter({ testSize: 10001 }).load()).rejects.toThrow(
      /testSize 10001 is more than the 10000 examples in .*t10k-images-idx3-ubyte/,
    );
  });

  it('refuses size() and batches() before load()', () => {
    const fresh = new MnistAdapter();
    expect(() => fresh.size('train')).toThrow('[cvae] [mnist] await load() before size() or batches()');
    expect(() => fresh.batches('test', 10)).toThrow('await load()');
  });

  it('honours an aborted signal', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(new MnistAdapter().load({ signal: controller.signal })).rejects.toThrow('stop');
  });
});
