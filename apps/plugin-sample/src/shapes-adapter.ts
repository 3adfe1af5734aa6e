import {
  oneHot,
  permutation,
  seededRandom,
  type Batch,
  type BatchOptions,
  type DatasetAdapter,
  type DatasetPluginOptions,
  type DatasetSpec,
  type Split,
} from '@cvae/core';
import { drawShape, randomShape, SHAPE_NAMES } from './shapes.js';
import { CvaeError } from '@cvae/core';

/** Image side in pixels. */
export const SHAPES_SIDE = 16;

/** 16x16 binary images of a circle, square, triangle or cross, conditioned on the one-hot class. */
export const SHAPES_SPEC: DatasetSpec = {
  name: 'Shapes',
  input: { shape: [SHAPES_SIDE, SHAPES_SIDE, 1], size: SHAPES_SIDE * SHAPES_SIDE, kind: 'binary' },
  condition: { names: ['shape'], kind: 'one-hot', size: SHAPE_NAMES.length, classNames: SHAPE_NAMES },
  likelihood: 'bernoulli',
};

export interface ShapesOptions extends DatasetPluginOptions {
  /** Training examples (default 4000). */
  readonly trainSize?: number;
  /** Test examples (default 1000). */
  readonly testSize?: number;
  /** Seed of the drawing: the same seed draws the same dataset (default 0). */
  readonly seed?: number;
}

interface SplitData {
  readonly pixels: Uint8Array;
  readonly labels: Uint8Array;
}

/**
 * A procedurally drawn dataset: each example is one shape at a random position and size.
 * Classes are balanced (example i has class i mod 4) and nothing is read from disk, so
 * `dataDir` is ignored. `load()` draws both splits once.
 *
 * @example
 * ```ts
 * const shapes = new ShapesAdapter({ trainSize: 2000 });
 * await shapes.load();
 * for await (const { x, c, size } of shapes.batches('train', 64, { seed: 1 })) {
 *   // x: size*256 values in {0, 1}; c: size*4 one-hot classes; valid until the next iteration
 * }
 * ```
 */
export class ShapesAdapter implements DatasetAdapter {
  readonly id = 'shapes';
  readonly spec = SHAPES_SPEC;
  private readonly counts: Record<Split, number>;
  private readonly seed: number;
  private splits?: Record<Split, SplitData>;

  constructor(options: ShapesOptions = {}) {
    this.counts = { train: options.trainSize ?? 4000, test: options.testSize ?? 1000 };
    this.seed = options.seed ?? 0;
    for (const split of ['train', 'test'] as const) {
      const n = this.counts[split];
      if (!Number.isInteger(n) || n < 1) throw new CvaeError('shapes', `${split}Size must be a positive integer, found ${n}`);
    }
  }

  async load(): Promise<void> {
    this.splits ??= { train: this.draw('train'), test: this.draw('test') };
  }

  size(split: Split): number {
    return this.counts[split];
  }

  async *batches(split: Split, batchSize: number, options: BatchOptions = {}): AsyncGenerator<Batch> {
    if (!this.splits) throw new CvaeError('shapes', 'call load() before batches()');
    const { pixels, labels } = this.splits[split];
    const n = this.counts[split];
    const inputSize = SHAPES_SPEC.input.size;
    const order = (options.shuffle ?? split === 'train') ? permutation(n, seededRandom(options.seed ?? 0)) : undefined;
    // One pair of buffers for the whole pass: a batch is valid until the iterator advances.
    const rows = Math.min(batchSize, n);
    const x = new Float32Array(rows * inputSize);
    const batchLabels = new Uint8Array(rows);
    const c = new Float32Array(rows * SHAPE_NAMES.length);
    for (let start = 0; start < n; start += batchSize) {
      const size = Math.min(batchSize, n - start);
      for (let row = 0; row < size; row++) {
        const example = order ? order[start + row] : start + row;
        x.set(pixels.subarray(example * inputSize, (example + 1) * inputSize), row * inputSize);
        batchLabels[row] = labels[example];
      }
      oneHot(batchLabels.subarray(0, size), SHAPE_NAMES.length, c);
      yield { x: x.subarray(0, size * inputSize), c: c.subarray(0, size * SHAPE_NAMES.length), size };
    }
  }

  private draw(split: Split): SplitData {
    const n = this.counts[split];
    const random = seededRandom(`shapes:${this.seed}:${split}`);
    const pixels = new Uint8Array(n * SHAPES_SPEC.input.size);
    const labels = Uint8Array.from({ length: n }, (_, i) => i % SHAPE_NAMES.length);
    labels.forEach((label, i) => drawShape(randomShape(SHAPE_NAMES[label], SHAPES_SIDE, random), SHAPES_SIDE, pixels, i * SHAPES_SPEC.input.size));
    return { pixels, labels };
  }
}
